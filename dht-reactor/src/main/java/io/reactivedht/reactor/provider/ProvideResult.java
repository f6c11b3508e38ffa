package io.reactivedht.reactor.provider;

import io.reactivedht.core.peer.PeerId;
import java.util.List;

/**
 * How an ADD_PROVIDER round went. The protocol has no acknowledgement: a peer counts as reached
 * when the request was delivered to it.
 *
 * @param reached peers the provider record was delivered to
 * @param failed peers that could not be reached
 */
public record ProvideResult(List<PeerId> reached, List<PeerId> failed) {
  /**
   * Copies the lists.
   *
   * @param reached peers the provider record was delivered to; copied
   * @param failed peers that could not be reached; copied
   */
  public ProvideResult {
    reached = List.copyOf(reached);
    failed = List.copyOf(failed);
  }

  /**
   * How many peers got the provider record.
   *
   * @return the size of {@link #reached()}; 0 if the lookup found no peer
   */
  public int reachedCount() {
    return reached.size();
  }
}

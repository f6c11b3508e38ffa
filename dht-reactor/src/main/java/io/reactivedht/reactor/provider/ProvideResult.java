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
  /** Copies the lists. */
  public ProvideResult {
    reached = List.copyOf(reached);
    failed = List.copyOf(failed);
  }

  /** How many peers got the provider record. */
  public int reachedCount() {
    return reached.size();
  }
}

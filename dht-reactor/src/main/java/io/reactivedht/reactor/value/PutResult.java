package io.reactivedht.reactor.value;

import io.reactivedht.core.peer.PeerId;
import java.util.List;

/**
 * How a PUT_VALUE went: the closest peers the lookup found, split into those that stored the record
 * (their echo carried the value sent) and those that did not.
 *
 * @param accepted peers that stored the record
 * @param failed peers that refused it, failed or timed out
 */
public record PutResult(List<PeerId> accepted, List<PeerId> failed) {
  /**
   * Copies the lists.
   *
   * @param accepted peers that stored the record; copied
   * @param failed peers that refused it, failed or timed out; copied
   */
  public PutResult {
    accepted = List.copyOf(accepted);
    failed = List.copyOf(failed);
  }

  /**
   * How many peers stored the record.
   *
   * @return the size of {@link #accepted()}; 0 if the lookup found no peer
   */
  public int acceptedCount() {
    return accepted.size();
  }
}

package io.reactivedht.core.query;

import io.reactivedht.core.peer.PeerId;
import java.time.Duration;
import java.util.Objects;

/**
 * What the driver of a lookup knows about peers from earlier requests, and the lookup heeds: how
 * long a request to a peer may go unanswered before the peer stops holding a slot and holding up
 * the end (its <em>slot timeout</em>, typically derived from its measured round trips), and which
 * peers not to ask at all (typically those that failed a moment ago). Called from {@link
 * Lookup#next}; must be quick and must not call back into the lookup.
 */
public interface PeerPolicy {
  /**
   * How long a request to {@code peer} may stay unanswered before it stalls: past it the request
   * frees its slot and no longer holds up termination, but a late answer is still taken. The lookup
   * caps it at {@link LookupConfig#peerTimeout()}.
   *
   * @param peer the peer about to be queried
   * @return the slot timeout; a negative value counts as {@link LookupConfig#peerTimeout()}
   */
  Duration slotTimeout(PeerId peer);

  /**
   * Whether {@code peer} is to be skipped: treated as failed without being asked.
   *
   * @param peer the peer the lookup would query next
   * @return true to skip it; the next closest peer takes its place
   */
  boolean avoid(PeerId peer);

  /**
   * The same slot timeout for every peer, and nobody avoided.
   *
   * @param slotTimeout the slot timeout of every request, not null
   * @return a stateless policy
   */
  static PeerPolicy uniform(Duration slotTimeout) {
    Objects.requireNonNull(slotTimeout, "slotTimeout");
    return new PeerPolicy() {
      @Override
      public Duration slotTimeout(PeerId peer) {
        return slotTimeout;
      }

      @Override
      public boolean avoid(PeerId peer) {
        return false;
      }
    };
  }
}

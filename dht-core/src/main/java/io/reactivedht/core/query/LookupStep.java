package io.reactivedht.core.query;

import io.reactivedht.core.peer.PeerId;
import java.time.Instant;
import java.util.Objects;

/** What {@link Lookup#next} tells the driver to do. */
public sealed interface LookupStep {
  /**
   * Send the request to {@code peer} now, then call {@code next} again.
   *
   * @param peer the peer to send the request to
   */
  record Query(PeerId peer) implements LookupStep {
    /**
     * Rejects null.
     *
     * @param peer not null
     */
    public Query {
      Objects.requireNonNull(peer, "peer");
    }
  }

  /**
   * Nothing to send: wait for a response, or until {@code nextDeadline}, when the earliest request
   * in flight times out, and call {@code next} again.
   *
   * @param nextDeadline the latest time to call {@code next} again; while no peer has answered and
   *     none is left to ask, when the first stalled request reaches {@link
   *     LookupConfig#peerTimeout()}
   */
  record Waiting(Instant nextDeadline) implements LookupStep {
    /**
     * Rejects null.
     *
     * @param nextDeadline not null
     */
    public Waiting {
      Objects.requireNonNull(nextDeadline, "nextDeadline");
    }
  }

  /**
   * Peers wait to be queried but all α slots are taken: wait for a response, or until {@code
   * nextDeadline}, when the earliest request in flight times out and frees its slot, and call
   * {@code next} again.
   *
   * @param nextDeadline the latest time to call {@code next} again
   */
  record AtCapacity(Instant nextDeadline) implements LookupStep {
    /**
     * Rejects null.
     *
     * @param nextDeadline not null
     */
    public AtCapacity {
      Objects.requireNonNull(nextDeadline, "nextDeadline");
    }
  }

  /** The lookup is over: read {@link Lookup#result()}; responses still under way can be dropped. */
  record Finished() implements LookupStep {}
}

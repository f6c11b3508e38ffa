package io.reactivedht.core.query;

import io.reactivedht.core.peer.PeerId;
import java.time.Instant;
import java.util.Objects;

/** What {@link Lookup#next} tells the driver to do. */
public sealed interface LookupStep {
  /** Send the request to {@code peer} now, then call {@code next} again. */
  record Query(PeerId peer) implements LookupStep {
    /** Rejects null. */
    public Query {
      Objects.requireNonNull(peer, "peer");
    }
  }

  /**
   * Nothing to send: wait for a response, or until {@code nextDeadline}, when the earliest request
   * in flight times out, and call {@code next} again.
   */
  record Waiting(Instant nextDeadline) implements LookupStep {
    /** Rejects null. */
    public Waiting {
      Objects.requireNonNull(nextDeadline, "nextDeadline");
    }
  }

  /**
   * Peers wait to be queried but all α slots are taken: wait for a response, or until {@code
   * nextDeadline}, when the earliest request in flight times out and frees its slot, and call
   * {@code next} again.
   */
  record AtCapacity(Instant nextDeadline) implements LookupStep {
    /** Rejects null. */
    public AtCapacity {
      Objects.requireNonNull(nextDeadline, "nextDeadline");
    }
  }

  /** The lookup is over: read {@link Lookup#result()}; responses still under way can be dropped. */
  record Finished() implements LookupStep {}
}

package io.reactivedht.reactor.observe;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one run of a public operation went.
 *
 * @param operation which operation
 * @param outcome how it ended
 * @param duration from subscription to its end, on the node's scheduler clock (virtual in tests)
 * @param hops the longest chain of referrals from a seed peer to a peer that answered, over all of
 *     its lookups; 0 when no peer answered or none was asked
 * @param requests the requests it sent: lookup requests, then PUT_VALUE or ADD_PROVIDER
 * @param error the error it failed with, for {@link OperationOutcome#ERROR} and for a {@link
 *     OperationOutcome#NOT_FOUND} signalled by an exception; null otherwise
 */
public record OperationSummary(
    Operation operation,
    OperationOutcome outcome,
    Duration duration,
    int hops,
    int requests,
    @Nullable Throwable error) {
  /**
   * Checks the values.
   *
   * @param operation which operation
   * @param outcome how it ended
   * @param duration not negative
   * @param hops not negative
   * @param requests not negative
   * @param error the error, if it ended with one
   */
  public OperationSummary {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(outcome, "outcome");
    if (duration.isNegative() || hops < 0 || requests < 0) {
      throw new IllegalArgumentException(
          "negative duration, hops or requests: " + duration + ", " + hops + ", " + requests);
    }
  }
}

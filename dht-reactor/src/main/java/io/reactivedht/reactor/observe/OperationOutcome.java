package io.reactivedht.reactor.observe;

/** How a public operation ended. */
public enum OperationOutcome {
  /**
   * It produced its result: a value, or at least one element of a stream (also when the caller
   * cancelled after it, as {@code findProviders(cid).take(3)} does).
   */
  SUCCESS,
  /**
   * It completed without a result: no peer, record or provider found (a {@link
   * io.reactivedht.reactor.value.ValueNotFoundException} counts here, not as an error).
   */
  NOT_FOUND,
  /** It failed with an error. */
  ERROR,
  /** The caller cancelled it before any result. */
  CANCELLED
}

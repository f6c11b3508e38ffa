package io.reactivedht.reactor.server;

/**
 * A well-formed request that the server refuses: the transport resets the stream without answering,
 * as go and js do. The {@link #reason()} says which rule refused it and the message gives the
 * details. Records that fail their validator are refused with an {@link
 * io.reactivedht.core.validation.InvalidRecordException} instead.
 */
public class RequestRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Which rule refused a request. */
  public enum Reason {
    /**
     * A GET_VALUE key outside the namespaces the validator knows ({@code pk} and {@code ipns} on
     * Amino).
     */
    UNKNOWN_NAMESPACE,
    /**
     * A PUT_VALUE record that {@code Select} ranks below the record already stored (e.g. a lower
     * IPNS sequence); go answers it with an error and no response.
     */
    OUTDATED_RECORD,
    /** The value store refused the record (too large, or the store is full). */
    NOT_STORED,
    /**
     * The peer sent more requests than its {@link
     * io.reactivedht.reactor.config.DhtOptions#inboundRateLimit()} lets it; nothing was computed.
     */
    RATE_LIMITED
  }

  /** Which rule refused the request. */
  private final Reason reason;

  /**
   * A refusal.
   *
   * @param reason which rule refused the request
   * @param message the details
   */
  public RequestRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /**
   * Which rule refused the request.
   *
   * @return the rule; the message has the details
   */
  public Reason reason() {
    return reason;
  }
}

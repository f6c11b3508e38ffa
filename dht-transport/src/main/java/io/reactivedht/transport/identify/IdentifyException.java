package io.reactivedht.transport.identify;

import io.reactivedht.core.multiformats.DecodingException;

/** A remote's Identify answer or push that cannot be accepted; {@link #reason()} says why. */
public class IdentifyException extends DecodingException {
  private static final long serialVersionUID = 1L;

  /** Why an Identify message was rejected. */
  public enum Reason {
    /** A length prefix declares more than {@link Identify#MAX_MESSAGE_BYTES}, or is malformed. */
    FRAMING,
    /** More than {@link Identify#MAX_MESSAGES} messages before the end of the stream. */
    TOO_MANY_MESSAGES,
    /** Not an Identify protobuf, or the stream ended without a message. */
    MALFORMED,
    /** The public key does not decode. */
    INVALID_PUBLIC_KEY,
    /** No public key was sent and the peer id does not inline one. */
    MISSING_PUBLIC_KEY,
    /** The public key is not that of the peer the secure channel authenticated. */
    PEER_MISMATCH,
    /** The signed peer record is malformed, does not verify, or is not the remote's. */
    INVALID_SIGNED_RECORD
  }

  private final Reason reason;

  /**
   * @param reason why
   * @param message the details
   */
  public IdentifyException(Reason reason, String message) {
    super("identify: " + message);
    this.reason = reason;
  }

  /**
   * @param reason why
   * @param message the details
   * @param cause the underlying error
   */
  public IdentifyException(Reason reason, String message, Throwable cause) {
    super("identify: " + message, cause);
    this.reason = reason;
  }

  /** Why the message was rejected. */
  public Reason reason() {
    return reason;
  }
}

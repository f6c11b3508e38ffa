package io.reactivedht.core.validation;

import io.reactivedht.core.multiformats.DecodingException;

/**
 * A value record that a {@link Validator} rejects. The {@link #reason()} says which check failed
 * and the message gives the details. It is a {@link DecodingException}, so code that drops bad
 * input from a peer handles it too.
 */
public class InvalidRecordException extends DecodingException {
  private static final long serialVersionUID = 1L;

  /** Which check a record failed. */
  public enum Reason {
    /** The key has no {@code /namespace/} prefix. */
    MISSING_NAMESPACE,
    /** No validator is registered for the key's namespace. */
    UNKNOWN_NAMESPACE,
    /**
     * The key is not of the validator's namespace, or what follows the namespace is not what it
     * must be.
     */
    INVALID_KEY,
    /** The value is larger than the namespace allows. */
    TOO_LARGE,
    /** The value does not decode. */
    MALFORMED_VALUE,
    /** A required signature (or the data it signs) is missing. */
    MISSING_SIGNATURE,
    /** No public key to verify with: none is embedded and the key's peer id does not inline one. */
    NO_PUBLIC_KEY,
    /** The public key does not belong to the peer id in the key. */
    PUBLIC_KEY_MISMATCH,
    /** The signature does not verify. */
    BAD_SIGNATURE,
    /** An unsigned copy of a field disagrees with the signed one. */
    FIELD_MISMATCH,
    /** The record's validity type is not one this validator knows. */
    UNSUPPORTED_VALIDITY_TYPE,
    /** The record's validity ended before {@code now}. */
    EXPIRED
  }

  /** Which check failed (part of the serialized form). */
  private final Reason reason;

  /**
   * A refusal.
   *
   * @param reason which check failed
   * @param message the details
   */
  public InvalidRecordException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /**
   * A refusal caused by another failure.
   *
   * @param reason which check failed
   * @param message the details
   * @param cause the underlying failure
   */
  public InvalidRecordException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /**
   * Which check failed.
   *
   * @return the reason given at construction
   */
  public Reason reason() {
    return reason;
  }
}

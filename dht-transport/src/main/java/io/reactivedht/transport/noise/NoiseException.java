package io.reactivedht.transport.noise;

import io.reactivedht.core.multiformats.DecodingException;

/** A Noise handshake or transport message that fails: the connection it arrived on is reset. */
public final class NoiseException extends DecodingException {
  private static final long serialVersionUID = 1L;

  /** Why the handshake or channel failed. */
  public enum Reason {
    /** A handshake message of the wrong size or out of order. */
    MALFORMED_MESSAGE,
    /** A handshake payload that is not a valid protobuf, or lacks the identity key or signature. */
    MALFORMED_PAYLOAD,
    /** The identity signature does not cover the remote's Noise static key. */
    BAD_SIGNATURE,
    /** The remote authenticated as another peer than the one dialed. */
    PEER_ID_MISMATCH,
    /** An X25519 public key of small order (the shared secret would be zero). */
    INVALID_KEY,
    /** A message whose authentication tag does not verify. */
    DECRYPTION_FAILED,
    /** The stream ended in the middle of a frame. */
    TRUNCATED_FRAME,
    /** The 64-bit message counter is used up. */
    NONCE_EXHAUSTED
  }

  private final Reason reason;

  /**
   * @param reason why
   * @param message the details
   */
  public NoiseException(Reason reason, String message) {
    super("noise: " + message);
    this.reason = reason;
  }

  /**
   * @param reason why
   * @param message the details
   * @param cause the underlying failure
   */
  public NoiseException(Reason reason, String message, Throwable cause) {
    super("noise: " + message, cause);
    this.reason = reason;
  }

  /** Why the handshake or channel failed. */
  public Reason reason() {
    return reason;
  }
}

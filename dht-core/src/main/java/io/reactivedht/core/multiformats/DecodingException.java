package io.reactivedht.core.multiformats;

/**
 * Input bytes or text that do not decode: a malformed varint, multibase string, multihash, CID,
 * multiaddr, key, protobuf message or record. The message names what was wrong. Decoders throw it
 * before allocating anything sized by the bad input, so a hostile peer costs only the stream it
 * arrived on.
 */
public class DecodingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong, e.g. {@code "varint: not minimally encoded"}
   */
  public DecodingException(String message) {
    super(message);
  }

  /**
   * A failure caused by another.
   *
   * @param message what was wrong
   * @param cause the underlying failure
   */
  public DecodingException(String message, Throwable cause) {
    super(message, cause);
  }
}

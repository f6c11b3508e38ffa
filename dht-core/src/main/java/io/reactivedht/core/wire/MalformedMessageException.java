package io.reactivedht.core.wire;

import io.reactivedht.core.multiformats.DecodingException;

/**
 * A DHT message or frame that must be refused: malformed protobuf, an unknown message type, a
 * missing or oversized field, a length prefix above the maximum, or a response that does not answer
 * its request. The message names what was wrong. A server resets the stream without answering; a
 * client counts the peer as failed.
 */
public class MalformedMessageException extends DecodingException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong, e.g. {@code "GET_VALUE response: record key differs from the
   *     requested key"}
   */
  public MalformedMessageException(String message) {
    super(message);
  }

  /**
   * A failure caused by another.
   *
   * @param message what was wrong
   * @param cause the underlying failure
   */
  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}

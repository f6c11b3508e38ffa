package io.reactivedht.transport.autonat;

import io.reactivedht.core.multiformats.DecodingException;

/**
 * An AutoNAT message that cannot be accepted: badly framed, not the protobuf, or missing what it
 * must carry.
 */
public class AutoNatException extends DecodingException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong
   */
  public AutoNatException(String message) {
    super("autonat: " + message);
  }

  /**
   * @param message what was wrong
   * @param cause the underlying failure
   */
  public AutoNatException(String message, Throwable cause) {
    super("autonat: " + message, cause);
  }
}

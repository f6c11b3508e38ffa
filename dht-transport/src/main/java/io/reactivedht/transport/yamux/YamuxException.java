package io.reactivedht.transport.yamux;

/**
 * The remote broke the yamux protocol (a bad version or frame type, a SYN with the wrong parity or
 * a reused id, data beyond the receive window). The session answers with GoAway(protocol error) and
 * closes.
 */
public final class YamuxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what the remote did wrong
   */
  public YamuxException(String message) {
    super(message);
  }
}

package io.reactivedht.transport.ping;

/** The peer did not echo the ping payload it was sent. */
public class PingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what came back
   */
  public PingException(String message) {
    super(message);
  }
}

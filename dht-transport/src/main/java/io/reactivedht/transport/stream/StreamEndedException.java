package io.reactivedht.transport.stream;

/**
 * The peer closed its side of a stream (FIN, EOF) before the frame being read was complete. Without
 * a stack trace: every served stream ends with one (the read of the request after the last), and
 * where it was made says nothing.
 */
public class StreamEndedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was being read
   */
  public StreamEndedException(String message) {
    super(message, null, false, false);
  }
}

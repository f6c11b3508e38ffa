package io.reactivedht.transport.stream;

/** The peer closed its side of a stream (FIN, EOF) before the frame being read was complete. */
public class StreamEndedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was being read
   */
  public StreamEndedException(String message) {
    super(message);
  }
}

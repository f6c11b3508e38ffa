package io.reactivedht.transport.stream;

/**
 * The stream was reset (by either side) or its connection closed; nothing more can be read or
 * written.
 */
public class StreamResetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message why
   */
  public StreamResetException(String message) {
    super(message);
  }
}

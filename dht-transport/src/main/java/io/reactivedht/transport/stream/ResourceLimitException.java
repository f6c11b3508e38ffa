package io.reactivedht.transport.stream;

/**
 * The stream was reset because a resource budget was used up (e.g. the node's or the connection's
 * memory for unread bytes): the node refused the work, and goes on.
 */
public class ResourceLimitException extends StreamResetException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message which budget, and how full it was
   */
  public ResourceLimitException(String message) {
    super(message);
  }
}

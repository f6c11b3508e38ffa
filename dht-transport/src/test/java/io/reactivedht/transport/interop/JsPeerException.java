package io.reactivedht.transport.interop;

/** The js peer failed: it answered a command with an error, did not answer in time, or exited. */
public final class JsPeerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  JsPeerException(String message) {
    super(message);
  }

  JsPeerException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.reactivedht.reactor.value;

import java.util.NoSuchElementException;

/**
 * No valid record was found under a key: neither the local store nor any peer a value lookup
 * reached held one. A {@link NoSuchElementException}, so code that handles an empty result that way
 * handles this too.
 */
public final class ValueNotFoundException extends NoSuchElementException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was looked up
   */
  public ValueNotFoundException(String message) {
    super(message);
  }
}

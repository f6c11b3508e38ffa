package io.reactivedht.reactor.value;

/**
 * A put was refused because the local store already holds a better record under the key (by the
 * namespace's {@code Select}): go-libp2p-kad-dht's "can't replace a newer value with an older
 * value". Nothing was sent.
 */
public final class OutdatedRecordException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message which key, and why
   */
  public OutdatedRecordException(String message) {
    super(message);
  }
}

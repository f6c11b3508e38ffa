package io.reactivedht.core.wire;

/** The DHT message types with their wire codes ({@code Message.MessageType}). */
public enum MessageType {
  /**
   * Store a value record; the response echoes it. Code 0, so proto3 leaves the field off the wire.
   */
  PUT_VALUE(0),
  /** Fetch a value record and the closest peers to its key. */
  GET_VALUE(1),
  /** Announce the sender as a provider of a multihash; never answered. */
  ADD_PROVIDER(2),
  /** Fetch the providers of a multihash and the closest peers to it. */
  GET_PROVIDERS(3),
  /** Fetch the closest peers to a key (a peer id or any bytes). */
  FIND_NODE(4),
  /** Deprecated liveness check; the response echoes it. */
  PING(5);

  private final int code;

  MessageType(int code) {
    this.code = code;
  }

  /**
   * The code on the wire.
   *
   * @return the {@code Message.MessageType} number, 0 to 5
   */
  public int code() {
    return code;
  }
}

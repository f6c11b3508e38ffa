package io.reactivedht.core.wire;

import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A DHT request, independent of the protobuf that carries it. Each kind checks its key when built,
 * so a request that exists is one a go or js server accepts: keys are non-empty and at most {@link
 * #MAX_KEY_BYTES}, provider keys at most {@link #MAX_PROVIDER_KEY_BYTES}. Immutable; arrays are
 * copied in and out.
 */
public sealed interface DhtRequest {
  /**
   * The longest FIND_NODE target or record key accepted. No spec or implementation sets one below
   * the 4 MiB message bound; {@code /pk/} and {@code /ipns/} keys are under 50 bytes, so 1 KiB
   * leaves ample room while keeping hostile keys out of the stores.
   */
  int MAX_KEY_BYTES = 1024;

  /**
   * The longest provider key (a multihash) accepted: the IPFS kad-dht spec and go allow 1 to 80
   * bytes.
   */
  int MAX_PROVIDER_KEY_BYTES = 80;

  /**
   * The message type on the wire.
   *
   * @return the type fixed by the kind of request
   */
  MessageType type();

  /**
   * Whether a response follows on the stream; false only for ADD_PROVIDER.
   *
   * @return true unless this is an {@link AddProvider}
   */
  default boolean expectsResponse() {
    return true;
  }

  /**
   * FIND_NODE: the closest peers to {@code key}, a binary peer id (FindPeer) or any bytes
   * (GetClosestPeers).
   *
   * @param key the target key, 1 to {@link #MAX_KEY_BYTES} bytes
   */
  @SuppressWarnings("ArrayRecordComponent") // copied in and out, compared by contents
  record FindNode(byte[] key) implements DhtRequest {
    /**
     * Checks and copies the key.
     *
     * @param key 1 to {@link #MAX_KEY_BYTES} bytes; copied
     * @throws IllegalArgumentException if its length is out of bounds
     */
    public FindNode {
      key = checkedKey(key, MAX_KEY_BYTES);
    }

    /**
     * The target key.
     *
     * @return a copy
     */
    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public MessageType type() {
      return MessageType.FIND_NODE;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof FindNode other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
      return "FindNode[key=" + printable(key) + "]";
    }
  }

  /**
   * GET_VALUE: the record stored under {@code key} and the closest peers to it.
   *
   * @param key the record key, 1 to {@link #MAX_KEY_BYTES} bytes
   */
  @SuppressWarnings("ArrayRecordComponent") // copied in and out, compared by contents
  record GetValue(byte[] key) implements DhtRequest {
    /**
     * Checks and copies the key.
     *
     * @param key 1 to {@link #MAX_KEY_BYTES} bytes; copied
     * @throws IllegalArgumentException if its length is out of bounds
     */
    public GetValue {
      key = checkedKey(key, MAX_KEY_BYTES);
    }

    /**
     * The record key.
     *
     * @return a copy
     */
    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public MessageType type() {
      return MessageType.GET_VALUE;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof GetValue other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
      return "GetValue[key=" + printable(key) + "]";
    }
  }

  /**
   * PUT_VALUE: store {@code record} under its own key (the message key is always {@code
   * record.key()}).
   *
   * @param record the record; its key 1 to {@link #MAX_KEY_BYTES} bytes
   */
  record PutValue(Record record) implements DhtRequest {
    /**
     * Checks the record key.
     *
     * @param record the record to store; its key 1 to {@link #MAX_KEY_BYTES} bytes
     * @throws IllegalArgumentException if the key's length is out of bounds
     */
    public PutValue {
      checkedKey(record.key(), MAX_KEY_BYTES);
    }

    /**
     * The message key: the record's key.
     *
     * @return a copy of {@code record.key()}
     */
    public byte[] key() {
      return record.key();
    }

    @Override
    public MessageType type() {
      return MessageType.PUT_VALUE;
    }
  }

  /**
   * GET_PROVIDERS: the known providers of a multihash and the closest peers to it.
   *
   * @param key the multihash (not the CID), 1 to {@link #MAX_PROVIDER_KEY_BYTES} bytes
   */
  @SuppressWarnings("ArrayRecordComponent") // copied in and out, compared by contents
  record GetProviders(byte[] key) implements DhtRequest {
    /**
     * Checks and copies the key.
     *
     * @param key 1 to {@link #MAX_PROVIDER_KEY_BYTES} bytes; copied
     * @throws IllegalArgumentException if its length is out of bounds
     */
    public GetProviders {
      key = checkedKey(key, MAX_PROVIDER_KEY_BYTES);
    }

    /**
     * The multihash.
     *
     * @return a copy
     */
    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public MessageType type() {
      return MessageType.GET_PROVIDERS;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof GetProviders other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
      return "GetProviders[key=" + printable(key) + "]";
    }
  }

  /**
   * ADD_PROVIDER: announces that the sender provides a multihash. <strong>There is no
   * response</strong>: go and js write the request and close the stream, and a server must not
   * answer (an echo would be read as the answer to the next request on a reused stream). A server
   * keeps only the providers whose id is the authenticated sender and that carry at least one
   * address.
   *
   * @param key the multihash (not the CID), 1 to {@link #MAX_PROVIDER_KEY_BYTES} bytes
   * @param providers normally one entry: the sender with its listen addresses
   */
  @SuppressWarnings("ArrayRecordComponent") // copied in and out, compared by contents
  record AddProvider(byte[] key, List<PeerInfo> providers) implements DhtRequest {
    /**
     * Checks and copies the key and the list.
     *
     * @param key 1 to {@link #MAX_PROVIDER_KEY_BYTES} bytes; copied
     * @param providers the announced providers; copied into an immutable list (no nulls)
     * @throws IllegalArgumentException if the key is out of bounds
     */
    public AddProvider {
      key = checkedKey(key, MAX_PROVIDER_KEY_BYTES);
      providers = List.copyOf(providers);
    }

    /**
     * The multihash.
     *
     * @return a copy
     */
    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public MessageType type() {
      return MessageType.ADD_PROVIDER;
    }

    /** False: ADD_PROVIDER is never answered. */
    @Override
    public boolean expectsResponse() {
      return false;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof AddProvider other
          && Arrays.equals(key, other.key)
          && providers.equals(other.providers);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(key) + providers.hashCode();
    }

    @Override
    public String toString() {
      return "AddProvider[key=" + printable(key) + ", providers=" + providers + "]";
    }
  }

  /**
   * PING: deprecated (use {@code /ipfs/ping/1.0.0}); go and js still echo it. Never sent by this
   * library.
   */
  record Ping() implements DhtRequest {
    @Override
    public MessageType type() {
      return MessageType.PING;
    }
  }

  private static byte[] checkedKey(byte[] key, int maxLength) {
    if (key.length == 0) {
      throw new IllegalArgumentException("empty key");
    }
    if (key.length > maxLength) {
      throw new IllegalArgumentException("key of " + key.length + " bytes exceeds " + maxLength);
    }
    return key.clone();
  }

  /** Hex, cut after 48 bytes. */
  private static String printable(byte[] key) {
    return key.length <= 48
        ? HexFormat.of().formatHex(key)
        : HexFormat.of().formatHex(key, 0, 48) + "...(" + key.length + " bytes)";
  }
}

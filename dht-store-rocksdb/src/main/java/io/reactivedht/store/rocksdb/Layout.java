package io.reactivedht.store.rocksdb;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.reactor.routing.RoutingSnapshot;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The on-disk format, version {@value #FORMAT}: the column families, the layout of their keys and
 * the encoding of their values, as the package documentation describes them. Every integer is
 * big-endian; an instant is 12 bytes (the epoch second with its sign bit flipped, then the
 * nanosecond), so that byte order is time order. Decoders throw {@link MalformedException} on bytes
 * they cannot read.
 */
final class Layout {
  /** The format this version writes and reads. */
  static final int FORMAT = 1;

  static final String DEFAULT = "default";
  static final String VALUES = "values";
  static final String PROVIDERS = "providers";
  static final String NODE_STATE = "node_state";
  static final String META = "meta";

  /** Every column family of the format, in the order the datastore opens them. */
  static final List<String> COLUMN_FAMILIES = List.of(DEFAULT, VALUES, PROVIDERS, NODE_STATE, META);

  // meta: ASCII names
  static final byte[] FORMAT_KEY = ascii("format");
  static final byte[] VALUE_RECORDS = ascii("values.records");
  static final byte[] VALUE_BYTES = ascii("values.bytes");
  static final byte[] PROVIDER_KEYS = ascii("providers.keys");
  static final byte[] PROVIDER_BYTES = ascii("providers.bytes");
  static final byte[] PROVIDER_NEXT_SEQ = ascii("providers.next-seq");

  // values: the first byte of a key says what it is
  static final byte VALUE = 0x01;
  static final byte VALUE_BY_TIME = 0x02;

  // providers
  static final byte PROVIDER = 0x01;
  static final byte KEYS_OF_PROVIDER = 0x02;
  static final byte PROVIDER_BY_TIME = 0x03;
  static final byte ADDRESSES_BY_TIME = 0x04;

  // node_state
  static final byte PROVIDED = 0x01;
  static final byte PUBLISHED = 0x02;
  static final byte ROUTING = 0x03;

  static final int INSTANT_BYTES = 12;

  /** The longest provider key (a u16 length prefix). */
  static final int MAX_PROVIDER_KEY_BYTES = 0xFFFF;

  private Layout() {}

  /** Stored bytes that do not decode. */
  static final class MalformedException extends RuntimeException {
    MalformedException(String message, Throwable cause) {
      super(message, cause);
    }

    MalformedException(String message) {
      super(message);
    }
  }

  // ---- common ----

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code prefix} followed by {@code bytes}. */
  static byte[] prefixed(byte prefix, byte[] bytes) {
    byte[] out = new byte[bytes.length + 1];
    out[0] = prefix;
    System.arraycopy(bytes, 0, out, 1, bytes.length);
    return out;
  }

  static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length
        && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  static byte[] longBytes(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  static long readLong(byte[] b, String what) {
    if (b.length != 8) {
      throw new MalformedException(what + ": " + b.length + " bytes where a long takes 8");
    }
    return ByteBuffer.wrap(b).getLong();
  }

  static byte[] intBytes(int v) {
    return ByteBuffer.allocate(4).putInt(v).array();
  }

  static int readInt(byte[] b, String what) {
    if (b.length != 4) {
      throw new MalformedException(what + ": " + b.length + " bytes where an int takes 4");
    }
    return ByteBuffer.wrap(b).getInt();
  }

  static void putInstant(ByteBuffer out, Instant t) {
    out.putLong(t.getEpochSecond() ^ Long.MIN_VALUE).putInt(t.getNano());
  }

  static Instant getInstant(ByteBuffer in) {
    long seconds = in.getLong() ^ Long.MIN_VALUE;
    int nanos = in.getInt();
    if (nanos < 0 || nanos >= 1_000_000_000) {
      throw new MalformedException("instant: nanosecond " + nanos + " out of range");
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** The instant at {@code offset} of {@code bytes}. */
  static Instant instantAt(byte[] bytes, int offset, String what) {
    return decode(what, () -> getInstant(ByteBuffer.wrap(bytes, offset, INSTANT_BYTES)));
  }

  /** Runs a decoder, turning what it throws on bad bytes into a {@link MalformedException}. */
  static <T> T decode(String what, Decoder<T> decoder) {
    try {
      return decoder.decode();
    } catch (BufferUnderflowException
        | IndexOutOfBoundsException
        | IllegalArgumentException
        | DateTimeException e) {
      throw new MalformedException(what + ": " + e, e);
    }
  }

  /** A decoder that may throw on bad bytes. */
  interface Decoder<T> {
    T decode();
  }

  // ---- values ----

  /** {@code VALUE | record key}. */
  static byte[] valueKey(byte[] key) {
    return prefixed(VALUE, key);
  }

  /** {@code VALUE_BY_TIME | received (12) | record key}. */
  static byte[] valueTimeKey(Instant received, byte[] key) {
    ByteBuffer out = ByteBuffer.allocate(1 + INSTANT_BYTES + key.length).put(VALUE_BY_TIME);
    putInstant(out, received);
    return out.put(key).array();
  }

  /** The record key of a {@link #valueTimeKey}. */
  static byte[] recordKeyOfTimeKey(byte[] timeKey) {
    if (timeKey.length < 1 + INSTANT_BYTES) {
      throw new MalformedException("value time index key: " + timeKey.length + " bytes");
    }
    return Arrays.copyOfRange(timeKey, 1 + INSTANT_BYTES, timeKey.length);
  }

  /** A stored value record: {@code received (12) | value}. */
  static byte[] valueEntry(Instant received, byte[] value) {
    ByteBuffer out = ByteBuffer.allocate(INSTANT_BYTES + value.length);
    putInstant(out, received);
    return out.put(value).array();
  }

  static Instant valueReceived(byte[] entry) {
    return instantAt(entry, 0, "value record");
  }

  static byte[] valueOf(byte[] entry) {
    return Arrays.copyOfRange(entry, INSTANT_BYTES, entry.length);
  }

  // ---- providers ----

  /** {@code PROVIDER | u16 key length | key}: the prefix of a key's provider entries. */
  static byte[] providerPrefix(byte[] key) {
    return ByteBuffer.allocate(3 + key.length)
        .put(PROVIDER)
        .putShort((short) key.length)
        .put(key)
        .array();
  }

  /** {@code PROVIDER | u16 key length | key | provider id}. */
  static byte[] providerKey(byte[] key, byte[] peer) {
    return ByteBuffer.allocate(3 + key.length + peer.length)
        .put(PROVIDER)
        .putShort((short) key.length)
        .put(key)
        .put(peer)
        .array();
  }

  /**
   * {@code kind | received (12) | u16 key length | key | provider id}, {@code kind} one of {@link
   * #PROVIDER_BY_TIME} and {@link #ADDRESSES_BY_TIME}.
   */
  static byte[] providerTimeKey(byte kind, Instant received, byte[] key, byte[] peer) {
    ByteBuffer out =
        ByteBuffer.allocate(1 + INSTANT_BYTES + 2 + key.length + peer.length).put(kind);
    putInstant(out, received);
    return out.putShort((short) key.length).put(key).put(peer).array();
  }

  /** A provider time index key, read back. */
  static TimeKey readProviderTimeKey(byte[] timeKey) {
    return decode(
        "provider time index key",
        () -> {
          ByteBuffer in = ByteBuffer.wrap(timeKey, 1, timeKey.length - 1);
          Instant received = getInstant(in);
          byte[] key = new byte[Short.toUnsignedInt(in.getShort())];
          in.get(key);
          byte[] peer = new byte[in.remaining()];
          in.get(peer);
          return new TimeKey(received, key, peer);
        });
  }

  /** What a provider time index key names. */
  static final class TimeKey {
    final Instant received;
    final byte[] key;
    final byte[] peer;

    TimeKey(Instant received, byte[] key, byte[] peer) {
      this.received = received;
      this.key = key;
      this.peer = peer;
    }
  }

  /** {@code KEYS_OF_PROVIDER | provider id}: how many keys the provider has entries for. */
  static byte[] keysOfProviderKey(byte[] peer) {
    return prefixed(KEYS_OF_PROVIDER, peer);
  }

  /**
   * A stored provider entry: {@code u64 arrival sequence | received (12) | u16 address count | (u16
   * length | binary multiaddr)*}.
   */
  static byte[] providerEntry(long seq, Instant received, List<Multiaddr> addresses) {
    List<byte[]> encoded = new ArrayList<>(addresses.size());
    int size = 8 + INSTANT_BYTES + 2;
    for (Multiaddr a : addresses) {
      byte[] bytes = a.bytes();
      encoded.add(bytes);
      size += 2 + bytes.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size).putLong(seq);
    putInstant(out, received);
    out.putShort((short) encoded.size());
    for (byte[] bytes : encoded) {
      out.putShort((short) bytes.length).put(bytes);
    }
    return out.array();
  }

  /** A provider entry, read back. */
  static ProviderEntry readProviderEntry(byte[] entry) {
    return decode(
        "provider entry",
        () -> {
          ByteBuffer in = ByteBuffer.wrap(entry);
          long seq = in.getLong();
          Instant received = getInstant(in);
          int count = Short.toUnsignedInt(in.getShort());
          List<Multiaddr> addresses = new ArrayList<>(count);
          long addressBytes = 0;
          for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(bytes);
            addresses.add(Multiaddr.fromBytes(bytes));
            addressBytes += bytes.length;
          }
          if (in.hasRemaining()) {
            throw new MalformedException("provider entry: " + in.remaining() + " bytes left over");
          }
          return new ProviderEntry(seq, received, List.copyOf(addresses), addressBytes);
        });
  }

  /**
   * A provider entry's contents.
   *
   * @param seq its arrival sequence: entries of a key are served in this order
   * @param received when the record was received
   * @param addresses the provider's addresses
   * @param addressBytes the bytes of the binary addresses
   */
  record ProviderEntry(long seq, Instant received, List<Multiaddr> addresses, long addressBytes) {}

  // ---- node state ----

  static final byte[] ROUTING_KEY = {ROUTING};

  /**
   * A routing snapshot: {@code u32 peer count | (u16 id length | peer id | u16 address count | (u16
   * length | binary multiaddr)*)* | u32 bucket count | (i32 bucket | instant (12))*}.
   */
  static byte[] routingSnapshot(RoutingSnapshot snapshot) {
    ByteBuffer out = ByteBuffer.allocate(routingSize(snapshot));
    out.putInt(snapshot.peers().size());
    for (PeerInfo peer : snapshot.peers()) {
      byte[] id = peer.id().bytes();
      out.putShort((short) id.length).put(id).putShort((short) peer.addresses().size());
      for (Multiaddr a : peer.addresses()) {
        byte[] bytes = a.bytes();
        out.putShort((short) bytes.length).put(bytes);
      }
    }
    out.putInt(snapshot.refreshedAt().size());
    for (Map.Entry<Integer, Instant> e : snapshot.refreshedAt().entrySet()) {
      out.putInt(e.getKey());
      putInstant(out, e.getValue());
    }
    return out.array();
  }

  private static int routingSize(RoutingSnapshot snapshot) {
    int size = 4;
    for (PeerInfo peer : snapshot.peers()) {
      size += 2 + peer.id().bytes().length + 2;
      for (Multiaddr a : peer.addresses()) {
        size += 2 + a.bytes().length;
      }
    }
    return size + 4 + snapshot.refreshedAt().size() * (4 + INSTANT_BYTES);
  }

  static RoutingSnapshot readRoutingSnapshot(byte[] bytes) {
    return decode(
        "routing snapshot",
        () -> {
          ByteBuffer in = ByteBuffer.wrap(bytes);
          int peers = in.getInt();
          if (peers < 0 || peers > in.remaining() / 4) {
            throw new MalformedException("routing snapshot: " + peers + " peers");
          }
          List<PeerInfo> infos = new ArrayList<>(peers);
          for (int i = 0; i < peers; i++) {
            byte[] id = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(id);
            int count = Short.toUnsignedInt(in.getShort());
            List<Multiaddr> addresses = new ArrayList<>(count);
            for (int j = 0; j < count; j++) {
              byte[] address = new byte[Short.toUnsignedInt(in.getShort())];
              in.get(address);
              addresses.add(Multiaddr.fromBytes(address));
            }
            infos.add(new PeerInfo(PeerId.fromBytes(id), addresses));
          }
          int buckets = in.getInt();
          if (buckets < 0 || buckets > in.remaining() / (4 + INSTANT_BYTES)) {
            throw new MalformedException("routing snapshot: " + buckets + " buckets");
          }
          Map<Integer, Instant> refreshedAt = new TreeMap<>();
          for (int i = 0; i < buckets; i++) {
            refreshedAt.put(in.getInt(), getInstant(in));
          }
          if (in.hasRemaining()) {
            throw new MalformedException(
                "routing snapshot: " + in.remaining() + " bytes left over");
          }
          return new RoutingSnapshot(infos, refreshedAt);
        });
  }
}

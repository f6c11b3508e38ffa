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

  /** {@code PROVIDER | key}: the entries of a key's providers. */
  static byte[] providerSetKey(byte[] key) {
    return prefixed(PROVIDER, key);
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
   * A key's provider entries, in arrival order: {@code u16 entry count | (u16 id length | provider
   * id | u64 arrival sequence | received (12) | u16 address count | (u16 length | binary
   * multiaddr)*)*}.
   */
  static byte[] providerSet(List<ProviderEntry> entries) {
    List<List<byte[]>> encoded = new ArrayList<>(entries.size());
    int size = 2;
    for (ProviderEntry e : entries) {
      List<byte[]> addresses = new ArrayList<>(e.addresses.size());
      size += 2 + e.peer.length + 8 + INSTANT_BYTES + 2;
      for (Multiaddr a : e.addresses) {
        byte[] bytes = a.bytes();
        addresses.add(bytes);
        size += 2 + bytes.length;
      }
      encoded.add(addresses);
    }
    ByteBuffer out = ByteBuffer.allocate(size).putShort((short) entries.size());
    for (int i = 0; i < entries.size(); i++) {
      ProviderEntry e = entries.get(i);
      out.putShort((short) e.peer.length).put(e.peer).putLong(e.seq);
      putInstant(out, e.received);
      out.putShort((short) encoded.get(i).size());
      for (byte[] bytes : encoded.get(i)) {
        out.putShort((short) bytes.length).put(bytes);
      }
    }
    return out.array();
  }

  /** A key's provider entries, read back. */
  static List<ProviderEntry> readProviderSet(byte[] set) {
    return decode(
        "provider entries",
        () -> {
          ByteBuffer in = ByteBuffer.wrap(set);
          int count = Short.toUnsignedInt(in.getShort());
          List<ProviderEntry> entries = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            byte[] peer = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(peer);
            long seq = in.getLong();
            Instant received = getInstant(in);
            int addressCount = Short.toUnsignedInt(in.getShort());
            List<Multiaddr> addresses = new ArrayList<>(addressCount);
            long addressBytes = 0;
            for (int j = 0; j < addressCount; j++) {
              byte[] bytes = new byte[Short.toUnsignedInt(in.getShort())];
              in.get(bytes);
              addresses.add(Multiaddr.fromBytes(bytes));
              addressBytes += bytes.length;
            }
            entries.add(
                new ProviderEntry(peer, seq, received, List.copyOf(addresses), addressBytes));
          }
          if (in.hasRemaining()) {
            throw new MalformedException(
                "provider entries: " + in.remaining() + " bytes left over");
          }
          return entries;
        });
  }

  /** One provider's entry for a key, as stored. */
  static final class ProviderEntry {
    /** The provider id's binary form. */
    final byte[] peer;

    /** The arrival sequence: a key's entries are served in this order. */
    final long seq;

    final Instant received;
    final List<Multiaddr> addresses;

    /** The bytes of the binary addresses. */
    final long addressBytes;

    ProviderEntry(
        byte[] peer, long seq, Instant received, List<Multiaddr> addresses, long addressBytes) {
      this.peer = peer;
      this.seq = seq;
      this.received = received;
      this.addresses = addresses;
      this.addressBytes = addressBytes;
    }

    /** The same entry without addresses. */
    ProviderEntry withoutAddresses() {
      return new ProviderEntry(peer, seq, received, List.of(), 0);
    }
  }

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

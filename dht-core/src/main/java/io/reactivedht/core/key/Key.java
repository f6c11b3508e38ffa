package io.reactivedht.core.key;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * A point in the 256-bit Kademlia keyspace: the SHA-256 of a key's raw bytes. Peers sit at the hash
 * of their binary peer id, provider records at the hash of the multihash, value records at the hash
 * of the record key ({@code /pk/...}, {@code /ipns/...}). Immutable. This package depends on
 * nothing else in the project.
 */
public final class Key {
  /**
   * One SHA-256 per thread: every peer id decoded from an answer hashes its bytes here, and {@code
   * MessageDigest.getInstance} looks the provider up each time.
   */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
          });

  /** Bytes in a key. */
  public static final int BYTES = 32;

  /** Bits in a key, and the number of k-buckets. */
  public static final int BITS = 256;

  private final byte[] bytes;
  private final int hash;

  /** The first 8 bytes, big-endian: most distance comparisons are decided by them alone. */
  private final long high;

  private Key(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
    long first = 0;
    for (int i = 0; i < 8; i++) {
      first = (first << 8) | (bytes[i] & 0xFF);
    }
    this.high = first;
  }

  /**
   * The key of raw key bytes: {@code SHA-256(raw)}.
   *
   * @param raw the bytes to hash, e.g. a binary peer id or a multihash; any length
   * @return the key
   */
  public static Key of(byte[] raw) {
    return new Key(SHA_256.get().digest(raw)); // digest() resets it for the next call
  }

  /**
   * A key from an existing 32-byte digest, not hashed again.
   *
   * @param digest exactly {@value #BYTES} bytes (else {@link IllegalArgumentException}); copied
   * @return the key
   */
  public static Key fromDigest(byte[] digest) {
    if (digest.length != BYTES) {
      throw new IllegalArgumentException("a key is 32 bytes, got " + digest.length);
    }
    return new Key(digest.clone());
  }

  /**
   * The key's bytes.
   *
   * @return a copy of the 32 bytes
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The XOR distance to {@code other}.
   *
   * @param other the other key
   * @return the distance; symmetric, and zero only for equal keys
   */
  public Distance distanceTo(Key other) {
    byte[] d = new byte[BYTES];
    for (int i = 0; i < BYTES; i++) {
      d[i] = (byte) (bytes[i] ^ other.bytes[i]);
    }
    return new Distance(d);
  }

  /**
   * The number of leading bits this key shares with {@code other} (256 for equal keys).
   *
   * @param other the other key
   * @return 0 to {@value #BITS}
   */
  public int commonPrefixLength(Key other) {
    for (int i = 0; i < BYTES; i++) {
      int x = (bytes[i] ^ other.bytes[i]) & 0xFF;
      if (x != 0) {
        return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
      }
    }
    return BITS;
  }

  /**
   * Compares the distances of {@code a} and {@code b} to this key without allocating: negative if
   * {@code a} is closer.
   *
   * @param a one key
   * @param b another key
   * @return -1 if {@code a} is closer, 1 if {@code b} is, 0 only if {@code a} equals {@code b}
   */
  @SuppressWarnings("ReferenceEquality") // the same instance is a shortcut, not the test
  public int compareDistance(Key a, Key b) {
    if (a == b) {
      return 0;
    }
    int byHigh = Long.compareUnsigned(a.high ^ high, b.high ^ high);
    if (byHigh != 0) {
      return byHigh;
    }
    for (int i = 8; i < BYTES; i++) {
      int da = (a.bytes[i] ^ bytes[i]) & 0xFF;
      int db = (b.bytes[i] ^ bytes[i]) & 0xFF;
      if (da != db) {
        return da < db ? -1 : 1;
      }
    }
    return 0;
  }

  /**
   * The key's first 64 bits, big-endian. The unsigned order of {@code a.prefix() ^ t.prefix()}
   * orders keys by distance to {@code t} except between keys that share these 64 bits, for which
   * {@link #compareDistance} decides; tables keep prefixes in flat arrays to scan them without
   * touching the keys.
   *
   * @return the first 8 bytes as a long
   */
  public long prefix() {
    return high;
  }

  /**
   * Orders keys by distance to this key, closest first.
   *
   * @return a comparator using {@link #compareDistance}
   */
  public Comparator<Key> byDistance() {
    return this::compareDistance;
  }

  /**
   * The bit at {@code index} (0 = most significant).
   *
   * @param index 0 to 255
   * @return {@code true} for a 1 bit
   */
  public boolean bit(int index) {
    return ((bytes[index >>> 3] >>> (7 - (index & 7))) & 1) != 0;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return this == o
        || (o instanceof Key other && hash == other.hash && Arrays.equals(bytes, other.bytes));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Lowercase hex. */
  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}

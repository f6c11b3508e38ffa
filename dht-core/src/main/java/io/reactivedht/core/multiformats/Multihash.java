package io.reactivedht.core.multiformats;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * A self-describing hash: {@code varint(code) || varint(length) || digest}. Peer ids are
 * multihashes (identity for inlined keys, sha2-256 otherwise) and the DHT provider key of a CID is
 * its multihash bytes.
 */
public final class Multihash {
  /** The identity "hash": the digest is the data itself. */
  public static final int IDENTITY = 0x00;

  /** sha2-256, 32-byte digests. */
  public static final int SHA2_256 = 0x12;

  /** The longest digest accepted when decoding. */
  public static final int MAX_DIGEST = 1024;

  private final long code;
  private final byte[] digest;
  private final byte[] bytes;

  private Multihash(long code, byte[] digest) {
    this.code = code;
    this.digest = digest;
    ByteArrayOutputStream out = new ByteArrayOutputStream(digest.length + 4);
    Varint.write(code, out);
    Varint.write(digest.length, out);
    out.writeBytes(digest);
    this.bytes = out.toByteArray();
  }

  /**
   * A multihash with the given code and digest; a sha2-256 digest must be 32 bytes.
   *
   * @param code the hash function code, e.g. {@link #SHA2_256}; not negative
   * @param digest the digest; copied
   * @return the multihash
   */
  public static Multihash of(long code, byte[] digest) {
    if (code == SHA2_256 && digest.length != 32) {
      throw new IllegalArgumentException("sha2-256 digest must be 32 bytes, got " + digest.length);
    }
    return new Multihash(code, digest.clone());
  }

  /**
   * The sha2-256 multihash of {@code data}.
   *
   * @param data the bytes to hash
   * @return the multihash, 34 bytes encoded
   */
  public static Multihash sha256(byte[] data) {
    return new Multihash(SHA2_256, sha256Digest(data));
  }

  /**
   * The identity multihash holding {@code data}.
   *
   * @param data the bytes to hold; copied
   * @return the multihash, whose digest is {@code data}
   */
  public static Multihash identity(byte[] data) {
    return new Multihash(IDENTITY, data.clone());
  }

  /**
   * Decodes exactly one multihash spanning all of {@code bytes}.
   *
   * @param bytes the encoded multihash; trailing bytes are rejected
   * @return the multihash
   */
  public static Multihash decode(byte[] bytes) {
    ByteReader reader = new ByteReader(bytes, "multihash");
    Multihash mh = read(reader);
    if (!reader.atEnd()) {
      throw new DecodingException("multihash: " + reader.remaining() + " trailing bytes");
    }
    return mh;
  }

  /**
   * Reads one multihash from a reader, leaving whatever follows.
   *
   * @param reader the reader, positioned at the multihash; advanced past it
   * @return the multihash
   */
  public static Multihash read(ByteReader reader) {
    long code = reader.readVarint();
    int length = reader.readLength(MAX_DIGEST);
    byte[] digest = reader.readBytes(length);
    if (code == SHA2_256 && length != 32) {
      throw new DecodingException("multihash: sha2-256 digest of " + length + " bytes");
    }
    return new Multihash(code, digest);
  }

  /**
   * The hash function code.
   *
   * @return the multicodec code, e.g. {@link #SHA2_256}
   */
  public long code() {
    return code;
  }

  /**
   * The digest.
   *
   * @return a copy of the digest
   */
  public byte[] digest() {
    return digest.clone();
  }

  /**
   * The encoded multihash.
   *
   * @return a copy of {@code varint(code) || varint(length) || digest}
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The encoded length.
   *
   * @return the length of {@link #bytes()}, in bytes
   */
  public int length() {
    return bytes.length;
  }

  /**
   * SHA-256 of {@code data}.
   *
   * @param data the bytes to hash
   * @return the 32-byte digest, without a multihash header
   */
  public static byte[] sha256Digest(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Multihash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Hex of the encoded bytes. */
  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}

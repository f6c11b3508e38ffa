package io.reactivedht.core.multiformats;

import io.reactivedht.core.key.Key;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A content identifier (multiformats cid spec): a version, a content codec and a multihash. A CIDv0
 * is a bare 34-byte sha2-256 multihash (codec dag-pb implied), written as 46 characters of
 * base58btc starting {@code Qm}; a CIDv1 is {@code varint(1) || varint(codec) || multihash},
 * written in any supported {@link Multibase}.
 *
 * <p>The DHT stores provider records under the {@link #providerKey() multihash alone}, so the
 * CIDv0, the dag-pb CIDv1 and the raw CIDv1 of the same content share one record. Immutable.
 */
public final class Cid {
  /** The raw-bytes codec. */
  public static final long RAW = 0x55;

  /** The dag-pb (UnixFS) codec, implied by every CIDv0. */
  public static final long DAG_PB = 0x70;

  /** The dag-cbor codec. */
  public static final long DAG_CBOR = 0x71;

  /** The libp2p-key codec, which names a peer id. */
  public static final long LIBP2P_KEY = 0x72;

  /**
   * The longest binary CID accepted: four varints at their longest and the longest multihash
   * digest.
   */
  public static final int MAX_BYTES = 4 * Varint.MAX_BYTES + Multihash.MAX_DIGEST;

  /** The longest text accepted: base16 of {@link #MAX_BYTES} and its prefix. */
  public static final int MAX_TEXT = 2 * MAX_BYTES + 1;

  private static final int V0_LENGTH = 34;
  private static final int V0_TEXT_LENGTH = 46;

  private final int version;
  private final long codec;
  private final Multihash multihash;
  private final byte[] bytes;

  private Cid(int version, long codec, Multihash multihash) {
    this.version = version;
    this.codec = codec;
    this.multihash = multihash;
    this.bytes = version == 0 ? multihash.bytes() : v1Bytes(codec, multihash);
  }

  /**
   * The CIDv0 of a sha2-256 multihash.
   *
   * @param multihash a sha2-256 multihash
   * @return the CIDv0, codec {@link #DAG_PB}
   * @throws IllegalArgumentException for any other multihash
   */
  public static Cid v0(Multihash multihash) {
    if (multihash.code() != Multihash.SHA2_256) {
      throw new IllegalArgumentException(
          "a CIDv0 needs a sha2-256 multihash, got code 0x" + Long.toHexString(multihash.code()));
    }
    return new Cid(0, DAG_PB, multihash);
  }

  /**
   * The CIDv1 of a codec and a multihash.
   *
   * @param codec the multicodec code of the content, e.g. {@link #RAW}; not negative
   * @param multihash the multihash of the content
   * @return the CIDv1
   * @throws IllegalArgumentException for a negative codec
   */
  public static Cid v1(long codec, Multihash multihash) {
    if (codec < 0) {
      throw new IllegalArgumentException("negative codec " + codec);
    }
    return new Cid(1, codec, multihash);
  }

  /**
   * Parses the text form: 46 characters starting {@code Qm} are a base58btc CIDv0; anything else is
   * a multibase CIDv1.
   *
   * @param text the CID text, at most {@link #MAX_TEXT} characters
   * @return the CID
   * @throws DecodingException naming what is wrong
   */
  public static Cid parse(String text) {
    if (text.isEmpty()) {
      throw new DecodingException("CID: empty string");
    }
    if (text.length() > MAX_TEXT) {
      throw new DecodingException("CID: text longer than " + MAX_TEXT + " characters");
    }
    if (text.startsWith("Qm")) {
      if (text.length() != V0_TEXT_LENGTH) {
        throw new DecodingException("CID: a CIDv0 has 46 characters, got " + text.length());
      }
      return v0FromBytes(decode(() -> Base58.decode(text)));
    }
    byte[] bytes = decode(() -> Multibase.decode(text));
    if (bytes.length > 0 && bytes[0] == Multihash.SHA2_256) {
      throw new DecodingException("CID: a CIDv0 must not carry a multibase prefix");
    }
    return fromBytes(bytes);
  }

  /**
   * Decodes the binary form: 34 bytes starting {@code 12 20} are a CIDv0, anything else must be a
   * CIDv1.
   *
   * @param bytes the binary CID, at most {@link #MAX_BYTES} bytes; not retained
   * @return the CID
   * @throws DecodingException naming what is wrong
   */
  public static Cid fromBytes(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw new DecodingException("CID: " + bytes.length + " bytes exceeds " + MAX_BYTES);
    }
    if (bytes.length > 0 && bytes[0] == Multihash.SHA2_256) {
      return v0FromBytes(bytes);
    }
    ByteReader in = new ByteReader(bytes, "CID");
    long version = in.readVarint();
    if (version != 1) {
      throw new DecodingException("CID: " + versionProblem(version));
    }
    long codec = in.readVarint();
    return new Cid(1, codec, decode(() -> Multihash.decode(in.readRest())));
  }

  /**
   * The version.
   *
   * @return 0 or 1
   */
  public int version() {
    return version;
  }

  /**
   * The content codec.
   *
   * @return the multicodec code; {@link #DAG_PB} for a CIDv0
   */
  public long codec() {
    return codec;
  }

  /**
   * The multihash of the content.
   *
   * @return the multihash
   */
  public Multihash multihash() {
    return multihash;
  }

  /**
   * The binary form.
   *
   * @return a copy of the bytes: the bare multihash for a CIDv0
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * This content as a CIDv1: itself if it is one, the dag-pb CIDv1 of the same multihash for a
   * CIDv0.
   *
   * @return a CIDv1 of the same multihash
   */
  public Cid toV1() {
    return version == 1 ? this : new Cid(1, DAG_PB, multihash);
  }

  /**
   * The key of provider records for this content in the DHT: the multihash bytes.
   *
   * @return a copy of the encoded multihash
   */
  public byte[] providerKey() {
    return multihash.bytes();
  }

  /**
   * The Kademlia key of {@link #providerKey()}: {@code SHA-256(multihash bytes)}.
   *
   * @return the key, equal for every version and codec of the same multihash
   */
  public Key key() {
    return Key.of(multihash.bytes());
  }

  /**
   * The canonical text form: bare base58btc for a CIDv0, lowercase base32 ({@code b...}) for a
   * CIDv1.
   */
  @Override
  public String toString() {
    return version == 0 ? Base58.encode(bytes) : Multibase.BASE32.encode(bytes);
  }

  /**
   * The text form in a given base. A CIDv0 has no multibase form: base58btc gives its bare {@code
   * Qm...} text, any other base is refused (use {@link #toV1()} first), as in go-cid and js
   * multiformats.
   *
   * @param base the base to write in
   * @return the text, with the multibase prefix for a CIDv1 and without one for a CIDv0
   * @throws IllegalArgumentException for a CIDv0 and a base other than base58btc
   */
  public String toString(Multibase base) {
    if (version == 0) {
      if (base != Multibase.BASE58_BTC) {
        throw new IllegalArgumentException(
            "a CIDv0 is written in base58btc only; convert it with toV1()");
      }
      return Base58.encode(bytes);
    }
    return base.encode(bytes);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Cid other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  private static Cid v0FromBytes(byte[] bytes) {
    if (bytes.length != V0_LENGTH || bytes[0] != Multihash.SHA2_256 || bytes[1] != 0x20) {
      throw new DecodingException(
          "CID: a CIDv0 is a 34-byte sha2-256 multihash (12 20 ...), got "
              + bytes.length
              + " bytes");
    }
    return new Cid(0, DAG_PB, Multihash.decode(bytes));
  }

  private static String versionProblem(long version) {
    if (version == 0) {
      return "version 0 in a versioned header (a CIDv0 is only a bare 34-byte sha2-256 multihash)";
    }
    if (version == 2 || version == 3) {
      return "version " + version + " is reserved";
    }
    return "unsupported version " + version;
  }

  private static byte[] v1Bytes(long codec, Multihash multihash) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(multihash.length() + 4);
    Varint.write(1, out);
    Varint.write(codec, out);
    out.writeBytes(multihash.bytes());
    return out.toByteArray();
  }

  /** Runs a nested decoder and prefixes its error with {@code CID: }. */
  private static <T> T decode(Supplier<T> decoder) {
    try {
      return decoder.get();
    } catch (DecodingException e) {
      throw new DecodingException("CID: " + e.getMessage(), e);
    }
  }
}

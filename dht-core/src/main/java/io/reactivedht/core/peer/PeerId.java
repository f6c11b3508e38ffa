package io.reactivedht.core.peer;

import io.reactivedht.core.crypto.PublicKey;
import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiformats.Base58;
import io.reactivedht.core.multiformats.ByteReader;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.multiformats.Multibase;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.multiformats.Varint;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A libp2p peer id: the multihash of the peer's serialized public key, an identity multihash when
 * that serialization is at most 42 bytes (Ed25519, secp256k1) and sha2-256 otherwise (RSA, ECDSA).
 * Displayed as bare base58btc ({@code 12D3KooW...}, {@code Qm...}); also parsed from its CIDv1 form
 * ({@code libp2p-key} codec, any supported multibase). Immutable; its Kademlia {@link #key()} is
 * computed once.
 */
public final class PeerId {
  /** The multicodec of CIDs that name peers. */
  public static final int LIBP2P_KEY_CODEC = 0x72;

  /** Keys whose protobuf is at most this long are inlined with the identity multihash. */
  public static final int MAX_INLINE_KEY_LENGTH = 42;

  private final byte[] bytes;
  private final Multihash multihash;
  private final Key key;

  /**
   * The key's hash, kept here too: a map probe then reads one object instead of two (an id's key is
   * rarely in the cache when a large routing table is scanned). Fills the object's padding.
   */
  private final int hash;

  private PeerId(Multihash multihash) {
    this.multihash = multihash;
    this.bytes = multihash.bytes();
    this.key = Key.of(bytes);
    this.hash = key.hashCode();
  }

  /**
   * The peer id of a public key.
   *
   * @param publicKey the key; its {@link PublicKey#encoded() protobuf} is inlined if at most
   *     {@value #MAX_INLINE_KEY_LENGTH} bytes, else hashed with sha2-256
   * @return the peer id
   */
  public static PeerId fromPublicKey(PublicKey publicKey) {
    byte[] encoded = publicKey.encoded();
    return new PeerId(
        encoded.length <= MAX_INLINE_KEY_LENGTH
            ? Multihash.identity(encoded)
            : Multihash.sha256(encoded));
  }

  /**
   * A peer id from its binary form (a multihash): sha2-256, or identity holding a public key
   * protobuf of at most {@value #MAX_INLINE_KEY_LENGTH} bytes in its canonical encoding, so that
   * {@link #inlinePublicKey()} always gives back a key whose peer id is this one.
   *
   * @param bytes the binary multihash, with no trailing bytes; not retained
   * @return the peer id
   * @throws DecodingException if it is not such a multihash
   */
  public static PeerId fromBytes(byte[] bytes) {
    Multihash mh = Multihash.decode(bytes);
    if (mh.code() == Multihash.IDENTITY) {
      byte[] inlined = mh.digest();
      if (inlined.length > MAX_INLINE_KEY_LENGTH) {
        throw new DecodingException(
            "peer id: identity multihash longer than " + MAX_INLINE_KEY_LENGTH + " bytes");
      }
      if (!Arrays.equals(PublicKey.decode(inlined).encoded(), inlined)) {
        throw new DecodingException("peer id: inlined public key is not canonically encoded");
      }
    } else if (mh.code() != Multihash.SHA2_256) {
      throw new DecodingException(
          "peer id: unsupported multihash code 0x" + Long.toHexString(mh.code()));
    }
    return new PeerId(mh);
  }

  /**
   * Whether {@code bytes} has the shape of a peer id's binary form (a sha2-256 multihash, or an
   * identity one short enough to inline a key), told from its first two bytes and its length
   * without decoding: a server asked for the closest peers of an arbitrary key checks this before
   * {@link #fromBytes}, which alone decides, so that a key that is no peer id costs no exception.
   *
   * @param bytes any key
   * @return false if {@link #fromBytes} would certainly reject it
   */
  public static boolean hasPeerIdShape(byte[] bytes) {
    if (bytes.length < 2) {
      return false;
    }
    int code = bytes[0] & 0xff;
    int length = bytes[1] & 0xff;
    return (code == Multihash.SHA2_256 && length == 32 && bytes.length == 34)
        || (code == Multihash.IDENTITY
            && length <= MAX_INLINE_KEY_LENGTH
            && bytes.length == 2 + length);
  }

  /**
   * Parses the text forms: bare base58btc (starts with {@code 1} or {@code Qm}) or a multibase
   * CIDv1 with the {@code libp2p-key} codec.
   *
   * @param text the peer id text, e.g. {@code 12D3KooW...} or {@code bafz...}
   * @return the peer id
   * @throws DecodingException if it is neither
   */
  public static PeerId parse(String text) {
    if (text.startsWith("1") || text.startsWith("Qm")) {
      return fromBytes(Base58.decode(text));
    }
    ByteReader cid = new ByteReader(Multibase.decode(text), "peer id CID");
    long version = cid.readVarint();
    if (version != 1) {
      throw new DecodingException("peer id: CID version " + version + ", expected 1");
    }
    long codec = cid.readVarint();
    if (codec != LIBP2P_KEY_CODEC) {
      throw new DecodingException(
          "peer id: CID codec 0x" + Long.toHexString(codec) + ", expected libp2p-key (0x72)");
    }
    return fromBytes(cid.readRest());
  }

  /**
   * The binary form (the multihash), as the DHT and multiaddrs carry it.
   *
   * @return a copy of the multihash bytes
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The multihash.
   *
   * @return the multihash: identity or sha2-256
   */
  public Multihash multihash() {
    return multihash;
  }

  /**
   * The Kademlia key: {@code SHA-256(bytes())}.
   *
   * @return the key, computed once at construction
   */
  public Key key() {
    return key;
  }

  /**
   * The public key inlined in an identity-multihash peer id, or empty for a hashed one.
   *
   * @return the inlined key, decoded anew on each call; empty for a sha2-256 peer id
   */
  public Optional<PublicKey> inlinePublicKey() {
    return multihash.code() == Multihash.IDENTITY
        ? Optional.of(PublicKey.decode(multihash.digest()))
        : Optional.empty();
  }

  /**
   * Whether {@code publicKey} is the key this peer id names.
   *
   * @param publicKey the key to check, e.g. one a remote peer presented
   * @return {@code true} if its peer id equals this one
   */
  public boolean matches(PublicKey publicKey) {
    return equals(fromPublicKey(publicKey));
  }

  /**
   * The legacy bare base58btc form.
   *
   * @return the text, e.g. {@code 12D3KooW...} or {@code Qm...}, without a multibase prefix
   */
  public String toBase58() {
    return Base58.encode(bytes);
  }

  /**
   * The CIDv1 bytes: {@code 01 72 <multihash>}.
   *
   * @return a new array holding the CID
   */
  public byte[] toCidBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 2);
    Varint.write(1, out);
    Varint.write(LIBP2P_KEY_CODEC, out);
    out.writeBytes(bytes);
    return out.toByteArray();
  }

  /**
   * The CIDv1 text form in the given multibase: base32 gives {@code bafz...}, base36 the IPNS
   * {@code k51...}.
   *
   * @param base the multibase to write in
   * @return the CID text, with the multibase prefix
   */
  public String toCidString(Multibase base) {
    return base.encode(toCidBytes());
  }

  @Override
  public boolean equals(@Nullable Object o) {
    // the same instance first: peers learned from one another's answers often share it; then the
    // cached hash: most comparisons (bucket scans, map probes) are between different ids
    return this == o
        || (o instanceof PeerId other && hash == other.hash && Arrays.equals(bytes, other.bytes));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** The base58btc form. */
  @Override
  public String toString() {
    return toBase58();
  }
}

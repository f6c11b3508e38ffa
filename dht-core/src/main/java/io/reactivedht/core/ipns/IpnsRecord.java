package io.reactivedht.core.ipns;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.crypto.PublicKey;
import io.reactivedht.core.ipns.pb.IpnsProto.IpnsEntry;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.record.Rfc3339;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An IPNS record: a signed, expiring pointer from a name (a peer id) to a content path.
 *
 * <p>What is signed is the DAG-CBOR {@link #data()} map ({@code Value}, {@code Validity}, {@code
 * ValidityType}, {@code Sequence}, {@code TTL}); {@link #signatureV2()} covers {@code
 * "ipns-signature:" || data}. The accessors {@link #value()}, {@link #sequence()}, {@link
 * #validity()}, {@link #validityType()} and {@link #ttl()} read that map. The legacy V1 copies of
 * those fields and {@code signatureV1} are carried when present but never trusted: see {@link
 * #mismatchedV1Field()}. The public key is embedded ({@link #publicKey()}) only for keys that the
 * name does not inline (RSA, ECDSA).
 *
 * <p>Sequence, validity type and TTL (in nanoseconds) are unsigned 64-bit values: {@link
 * #sequence()} and {@link #validityType()} return them in longs, to be compared with {@link
 * Long#compareUnsigned}, and {@link #ttl()} as a {@link Duration}. Decoding checks the form only
 * (sizes, protobuf, DAG-CBOR, RFC 3339); whether the record is valid for a name at a time is the
 * job of the {@code ipns} validator in {@code io.reactivedht.core.validation}. Immutable; equal
 * when their {@code IpnsEntry} fields are equal.
 */
public final class IpnsRecord {
  /** The largest serialized record that must be accepted (10 KiB); larger ones are rejected. */
  public static final int MAX_SIZE = 10 * 1024;

  private static final byte[] SIGNATURE_V2_PREFIX =
      "ipns-signature:".getBytes(StandardCharsets.US_ASCII);

  /** V1 signatures end with the name of the validity type's enum value. */
  private static final byte[] EOL_NAME = "EOL".getBytes(StandardCharsets.US_ASCII);

  private static final BigInteger MAX_UNSIGNED_NANOS =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

  private final IpnsEntry entry;
  private final IpnsData data;
  private final Instant validity;

  private IpnsRecord(IpnsEntry entry) {
    if (entry.getSignatureV2().isEmpty() || entry.getData().isEmpty()) {
      throw new DecodingException(
          "ipns: record lacks signatureV2 or data (V1-only records are not supported)");
    }
    this.entry = entry;
    this.data = IpnsData.decode(entry.getData().toByteArray());
    this.validity = Rfc3339.parse(new String(data.validity, StandardCharsets.UTF_8));
  }

  /**
   * Creates and signs a record. The data map is canonical DAG-CBOR with {@code ValidityType} EOL
   * and the validity written with nine fraction digits; the public key is embedded only if {@code
   * key}'s peer id does not inline it.
   *
   * @param key the name's private key
   * @param value the content path, e.g. the UTF-8 of {@code /ipfs/<cid>}
   * @param sequence the version, unsigned 64-bit (so {@code -1} is 2<sup>64</sup>-1)
   * @param validity the end of life, between years 0000 and 9999
   * @param ttl how long resolvers may cache the record, from 0 to 2<sup>64</sup>-1 nanoseconds
   * @param withV1Fields whether to add the legacy V1 fields and {@code signatureV1} for old
   *     resolvers
   * @return the signed record
   * @throws IllegalArgumentException if a parameter is out of range or the record would exceed
   *     {@link #MAX_SIZE}
   */
  public static IpnsRecord create(
      PrivateKey key,
      byte[] value,
      long sequence,
      Instant validity,
      Duration ttl,
      boolean withV1Fields) {
    String validityText = Rfc3339.format(validity);
    if (validityText.length() != 30 || !Rfc3339.parse(validityText).equals(validity)) {
      throw new IllegalArgumentException("ipns: validity " + validity + " has no RFC 3339 form");
    }
    byte[] validityBytes = validityText.getBytes(StandardCharsets.US_ASCII);
    long ttlNanos = unsignedNanos(ttl);
    byte[] cbor =
        new IpnsData(value.clone(), validityBytes, IpnsData.EOL, sequence, ttlNanos).encode();

    IpnsEntry.Builder entry = IpnsEntry.newBuilder();
    if (withV1Fields) {
      entry
          .setValue(ByteString.copyFrom(value))
          .setSignatureV1(ByteString.copyFrom(key.sign(concat(value, validityBytes, EOL_NAME))))
          .setValidityType(IpnsData.EOL)
          .setValidity(ByteString.copyFrom(validityBytes))
          .setSequence(sequence)
          .setTtl(ttlNanos);
    }
    PublicKey publicKey = key.publicKey();
    if (PeerId.fromPublicKey(publicKey).multihash().code() != Multihash.IDENTITY) {
      entry.setPubKey(ByteString.copyFrom(publicKey.encoded()));
    }
    entry
        .setSignatureV2(ByteString.copyFrom(key.sign(concat(SIGNATURE_V2_PREFIX, cbor))))
        .setData(ByteString.copyFrom(cbor));
    IpnsRecord record = new IpnsRecord(entry.build());
    int size = record.entry.getSerializedSize();
    if (size > MAX_SIZE) {
      throw new IllegalArgumentException("ipns: record of " + size + " bytes exceeds " + MAX_SIZE);
    }
    return record;
  }

  /**
   * Decodes a serialized {@code IpnsEntry}.
   *
   * @param bytes the serialized entry, at most {@link #MAX_SIZE} bytes
   * @return the record, checked in form only; its signature is not verified
   * @throws DecodingException if it is larger than {@link #MAX_SIZE}, is not an {@code IpnsEntry},
   *     or lacks {@code signatureV2} or {@code data}, or if {@code data} is not a well-formed IPNS
   *     data map with an RFC 3339 validity
   */
  public static IpnsRecord decode(byte[] bytes) {
    if (bytes.length > MAX_SIZE) {
      throw new DecodingException("ipns: record of " + bytes.length + " bytes exceeds " + MAX_SIZE);
    }
    try {
      return fromEntry(IpnsEntry.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new DecodingException("ipns: not an IpnsEntry protobuf: " + e.getMessage(), e);
    }
  }

  /**
   * A record from a parsed {@code IpnsEntry}, for callers that inspect the protobuf first.
   *
   * @throws DecodingException as {@link #decode} does, except for the size
   */
  static IpnsRecord fromEntry(IpnsEntry entry) {
    return new IpnsRecord(entry);
  }

  /**
   * The serialized {@code IpnsEntry}: its fields in field-number order, unknown fields of a decoded
   * record kept.
   *
   * @return a new array holding the entry
   */
  public byte[] encode() {
    return entry.toByteArray();
  }

  /**
   * The signed {@code Value}: the content path's bytes.
   *
   * @return a copy of the value
   */
  public byte[] value() {
    return data.value.clone();
  }

  /**
   * The signed {@code Value} as text (UTF-8, malformed bytes replaced), e.g. {@code /ipfs/bafy...}.
   *
   * @return the path text
   */
  public String path() {
    return new String(data.value, StandardCharsets.UTF_8);
  }

  /**
   * The signed {@code Sequence}, unsigned 64-bit in a long.
   *
   * @return the sequence number; compare with {@link Long#compareUnsigned}
   */
  public long sequence() {
    return data.sequence;
  }

  /**
   * The signed {@code Validity}: the end of life when {@link #validityType()} is 0 (EOL).
   *
   * @return the instant parsed from the RFC 3339 text
   */
  public Instant validity() {
    return validity;
  }

  /**
   * The signed {@code ValidityType}; 0 (EOL) is the only type defined, unsigned 64-bit in a long.
   *
   * @return the validity type, as decoded; other values than 0 are not rejected here
   */
  public long validityType() {
    return data.validityType;
  }

  /**
   * The signed {@code TTL}: how long a resolver may cache the record.
   *
   * @return the TTL, from 0 to 2<sup>64</sup>-1 nanoseconds
   */
  public Duration ttl() {
    long nanosPerSecond = NANOS_PER_SECOND.longValueExact();
    return Duration.ofSeconds(
        Long.divideUnsigned(data.ttlNanos, nanosPerSecond),
        Long.remainderUnsigned(data.ttlNanos, nanosPerSecond));
  }

  /**
   * The DAG-CBOR {@code data}, exactly as signed.
   *
   * @return a copy of the data bytes
   */
  public byte[] data() {
    return entry.getData().toByteArray();
  }

  /**
   * The signature over {@link #signatureV2Payload()}.
   *
   * @return a copy of {@code signatureV2}
   */
  public byte[] signatureV2() {
    return entry.getSignatureV2().toByteArray();
  }

  /**
   * What {@code signatureV2} signs: {@code "ipns-signature:" || data}.
   *
   * @return a new array holding the signed bytes
   */
  public byte[] signatureV2Payload() {
    return concat(SIGNATURE_V2_PREFIX, entry.getData().toByteArray());
  }

  /**
   * The embedded serialized public key ({@code pubKey}), if any; present for keys the name cannot
   * inline.
   *
   * @return a copy of the {@code PublicKey} protobuf bytes, undecoded; empty if absent
   */
  public Optional<byte[]> publicKey() {
    return entry.hasPubKey() ? Optional.of(entry.getPubKey().toByteArray()) : Optional.empty();
  }

  /**
   * The legacy {@code signatureV1}, if present. It must never be used to verify anything.
   *
   * @return a copy of the signature; empty if the field is absent
   */
  public Optional<byte[]> signatureV1() {
    return entry.hasSignatureV1()
        ? Optional.of(entry.getSignatureV1().toByteArray())
        : Optional.empty();
  }

  /**
   * Whether the record carries legacy V1 fields: a non-empty {@code value} or {@code signatureV1},
   * as the spec says.
   *
   * @return {@code true} if either is non-empty
   */
  public boolean hasV1Fields() {
    return !entry.getValue().isEmpty() || !entry.getSignatureV1().isEmpty();
  }

  /**
   * When the record {@linkplain #hasV1Fields() has V1 fields}, the name of the first one ({@code
   * value}, {@code validity}, {@code validityType}, {@code sequence}, {@code ttl}) that differs
   * from the signed data; an absent V1 field counts as its protobuf default. Empty when they all
   * agree or there are no V1 fields.
   *
   * @return the protobuf field name of the first mismatch, if any
   */
  public Optional<String> mismatchedV1Field() {
    if (!hasV1Fields()) {
      return Optional.empty();
    }
    if (!Arrays.equals(entry.getValue().toByteArray(), data.value)) {
      return Optional.of("value");
    }
    if (!Arrays.equals(entry.getValidity().toByteArray(), data.validity)) {
      return Optional.of("validity");
    }
    if (entry.getValidityType() != data.validityType) {
      return Optional.of("validityType");
    }
    if (entry.getSequence() != data.sequence) {
      return Optional.of("sequence");
    }
    if (entry.getTtl() != data.ttlNanos) {
      return Optional.of("ttl");
    }
    return Optional.empty();
  }

  /**
   * The serialized size in bytes.
   *
   * @return the length of {@link #encode()}
   */
  public int encodedSize() {
    return entry.getSerializedSize();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof IpnsRecord other && entry.equals(other.entry);
  }

  @Override
  public int hashCode() {
    return entry.hashCode();
  }

  @Override
  public String toString() {
    return "IpnsRecord[path="
        + path()
        + ", sequence="
        + Long.toUnsignedString(data.sequence)
        + ", validity="
        + validity
        + ", validityType="
        + Long.toUnsignedString(data.validityType)
        + ", ttl="
        + ttl()
        + ", v1="
        + hasV1Fields()
        + ", publicKey="
        + entry.hasPubKey()
        + "]";
  }

  private static long unsignedNanos(Duration ttl) {
    BigInteger nanos =
        BigInteger.valueOf(ttl.getSeconds())
            .multiply(NANOS_PER_SECOND)
            .add(BigInteger.valueOf(ttl.getNano()));
    if (nanos.signum() < 0 || nanos.compareTo(MAX_UNSIGNED_NANOS) > 0) {
      throw new IllegalArgumentException(
          "ipns: TTL " + ttl + " is not within 0 and 2^64-1 nanoseconds");
    }
    return nanos.longValue();
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int offset = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, offset, part.length);
      offset += part.length;
    }
    return out;
  }
}

package io.reactivedht.core.ipns;

import io.reactivedht.core.multiformats.DecodingException;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The signed DAG-CBOR map of an IPNS record ({@code IpnsEntry.data}): {@code Value} and {@code
 * Validity} as byte strings, {@code ValidityType}, {@code Sequence} and {@code TTL} (nanoseconds)
 * as unsigned integers, the last three as unsigned 64-bit values in longs. Encodes in canonical
 * DAG-CBOR key order (length first, then bytewise: TTL, Value, Sequence, Validity, ValidityType);
 * decodes strictly, requiring the five fields once each and ignoring other keys, as the spec asks.
 * Not defensive about its arrays: {@link IpnsRecord} copies what it hands out.
 */
final class IpnsData {
  static final String VALUE = "Value";
  static final String VALIDITY = "Validity";
  static final String VALIDITY_TYPE = "ValidityType";
  static final String SEQUENCE = "Sequence";
  static final String TTL = "TTL";

  /** The only validity type: {@code Validity} is an RFC 3339 end of life. */
  static final long EOL = 0;

  final byte[] value;
  final byte[] validity;
  final long validityType;
  final long sequence;
  final long ttlNanos;

  IpnsData(byte[] value, byte[] validity, long validityType, long sequence, long ttlNanos) {
    this.value = value;
    this.validity = validity;
    this.validityType = validityType;
    this.sequence = sequence;
    this.ttlNanos = ttlNanos;
  }

  /** The canonical DAG-CBOR bytes, as signed by {@code signatureV2}. */
  byte[] encode() {
    return new Cbor.Writer()
        .map(5)
        .text(TTL)
        .unsigned(ttlNanos)
        .text(VALUE)
        .bytes(value)
        .text(SEQUENCE)
        .unsigned(sequence)
        .text(VALIDITY)
        .bytes(validity)
        .text(VALIDITY_TYPE)
        .unsigned(validityType)
        .toByteArray();
  }

  /**
   * Decodes the data map.
   *
   * @throws DecodingException if it is not one well-formed map holding the five fields with their
   *     types, or if anything follows it
   */
  static IpnsData decode(byte[] cbor) {
    Cbor.Reader in = new Cbor.Reader(cbor);
    int entries = in.mapHeader();
    Set<String> seen = new HashSet<>();
    byte[] value = null;
    byte[] validity = null;
    Long validityType = null;
    Long sequence = null;
    Long ttl = null;
    for (int i = 0; i < entries; i++) {
      String key = in.text();
      if (!seen.add(key)) {
        throw new DecodingException("ipns data: duplicate key " + key);
      }
      switch (key) {
        case VALUE -> value = in.byteString();
        case VALIDITY -> validity = in.byteString();
        case VALIDITY_TYPE -> validityType = in.unsigned();
        case SEQUENCE -> sequence = in.unsigned();
        case TTL -> ttl = in.unsigned();
        default -> in.skip(1);
      }
    }
    if (!in.atEnd()) {
      throw new DecodingException("ipns data: " + in.remaining() + " trailing bytes after the map");
    }
    return new IpnsData(
        required(value, VALUE),
        required(validity, VALIDITY),
        required(validityType, VALIDITY_TYPE),
        required(sequence, SEQUENCE),
        required(ttl, TTL));
  }

  private static <T> T required(@Nullable T field, String name) {
    if (field == null) {
      throw new DecodingException("ipns data: missing " + name);
    }
    return field;
  }
}

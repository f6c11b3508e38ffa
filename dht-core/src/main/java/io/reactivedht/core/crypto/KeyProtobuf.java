package io.reactivedht.core.crypto;

import io.reactivedht.core.multiformats.ByteReader;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.multiformats.Varint;
import java.io.ByteArrayOutputStream;

/**
 * The libp2p key protobufs ({@code PublicKey}, {@code PrivateKey}: required {@code Type = 1},
 * {@code Data = 2}), written by hand because peer ids hash these exact bytes: minimal varints, Type
 * then Data, both present.
 *
 * <p>The decoder follows go and js where it matters for interop: both fields are required, a
 * repeated field's last occurrence wins and unknown fields are skipped. It is stricter in what no
 * encoder writes: Data is bounded by {@link #MAX_KEY_BYTES}, the Type must be a known key type,
 * varints must be minimal (multiformats rule), and field 0, groups or a wrong wire type for Type or
 * Data are errors.
 */
final class KeyProtobuf {
  /** Larger than any RSA-8192 DER encoding. */
  static final int MAX_KEY_BYTES = 8192;

  /** The largest protobuf field number. */
  private static final long MAX_FIELD_NUMBER = (1L << 29) - 1;

  private KeyProtobuf() {}

  static byte[] encode(KeyType type, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 8);
    out.write(0x08);
    Varint.write(type.number(), out);
    out.write(0x12);
    Varint.write(data.length, out);
    out.writeBytes(data);
    return out.toByteArray();
  }

  /** A decoded key protobuf. */
  @SuppressWarnings("ArrayRecordComponent") // short-lived, never compared
  record Decoded(KeyType type, byte[] data) {}

  static Decoded decode(byte[] protobuf) {
    if (protobuf.length > MAX_KEY_BYTES + 16) {
      throw new DecodingException("key: protobuf of " + protobuf.length + " bytes is too large");
    }
    ByteReader in = new ByteReader(protobuf, "key");
    Long type = null;
    byte[] data = null;
    while (!in.atEnd()) {
      long tag = in.readVarint();
      long field = tag >>> 3;
      int wire = (int) (tag & 7);
      if (field == 0 || field > MAX_FIELD_NUMBER) {
        throw new DecodingException("key: invalid field number " + field);
      } else if (field == 1 && wire == 0) {
        type = in.readVarint();
      } else if (field == 2 && wire == 2) {
        data = in.readBytes(in.readLength(MAX_KEY_BYTES));
      } else if (field == 1 || field == 2) {
        throw new DecodingException("key: field " + field + " has wire type " + wire);
      } else {
        skip(in, wire);
      }
    }
    if (type == null) {
      throw new DecodingException("key: missing Type");
    }
    if (data == null) {
      throw new DecodingException("key: missing Data");
    }
    return new Decoded(KeyType.forNumber(type), data);
  }

  private static void skip(ByteReader in, int wire) {
    switch (wire) {
      case 0 -> in.readVarint();
      case 1 -> in.readBytes(8);
      case 2 -> in.readBytes(in.readLength(in.remaining()));
      case 5 -> in.readBytes(4);
      default -> throw new DecodingException("key: unsupported wire type " + wire);
    }
  }
}

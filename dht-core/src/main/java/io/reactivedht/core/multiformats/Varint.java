package io.reactivedht.core.multiformats;

import java.io.ByteArrayOutputStream;

/**
 * The multiformats unsigned varint: little-endian base-128, minimally encoded, at most 9 bytes (63
 * bits). Same bit layout as a protobuf varint; used for length prefixes, multicodec codes and
 * multihash headers.
 */
public final class Varint {
  /** The longest varint the spec allows. */
  public static final int MAX_BYTES = 9;

  private Varint() {}

  /**
   * Encodes a non-negative value.
   *
   * @param value the value; negative values throw {@link IllegalArgumentException}
   * @return the encoding, 1 to 9 bytes
   */
  public static byte[] encode(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_BYTES);
    write(value, out);
    return out.toByteArray();
  }

  /**
   * Appends the encoding of a non-negative value to {@code out}.
   *
   * @param value the value; negative values throw {@link IllegalArgumentException}
   * @param out the stream to append 1 to 9 bytes to
   */
  public static void write(long value, ByteArrayOutputStream out) {
    if (value < 0) {
      throw new IllegalArgumentException("varint: negative value " + value);
    }
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  /**
   * The number of bytes {@link #encode} produces for {@code value}.
   *
   * @param value a non-negative value
   * @return the encoded length, 1 to 9
   */
  public static int size(long value) {
    int n = 1;
    while ((value & ~0x7FL) != 0) {
      value >>>= 7;
      n++;
    }
    return n;
  }

  /**
   * Decodes the varint that starts at {@code offset}.
   *
   * @param in the bytes holding the varint; only bytes from {@code offset} on are read
   * @param offset the index of the varint's first byte
   * @return the value and the number of bytes it took
   * @throws DecodingException if it is truncated, longer than 9 bytes or not minimal
   */
  public static Decoded decode(byte[] in, int offset) {
    long value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      if (offset + i >= in.length) {
        throw new DecodingException("varint: truncated");
      }
      int b = in[offset + i] & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new DecodingException("varint: not minimally encoded");
        }
        return new Decoded(value, i + 1);
      }
    }
    throw new DecodingException("varint: longer than " + MAX_BYTES + " bytes");
  }

  /**
   * A decoded varint: its value and how many bytes it took.
   *
   * @param value the value, non-negative
   * @param length the number of bytes the encoding took, 1 to 9
   */
  public record Decoded(long value, int length) {}
}

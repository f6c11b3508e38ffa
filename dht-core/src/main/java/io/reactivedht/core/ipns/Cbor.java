package io.reactivedht.core.ipns;

import io.reactivedht.core.multiformats.ByteReader;
import io.reactivedht.core.multiformats.DecodingException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The small part of strict DAG-CBOR that IPNS {@code data} needs.
 *
 * <p>The {@link Writer} writes definite-length maps, text strings, byte strings and unsigned
 * integers, each head in its shortest form. The {@link Reader} reads them back strictly: shortest
 * heads only, definite lengths only, text that is valid UTF-8, and every length checked against the
 * bytes left before anything is allocated. Values of the other DAG-CBOR kinds (negative integers,
 * arrays, maps, tag 42 links, booleans, null, 64-bit floats) can only be skipped, and only down to
 * {@link #MAX_DEPTH} levels of nesting. Map key order is not checked.
 */
final class Cbor {
  static final int UNSIGNED = 0;
  static final int NEGATIVE = 1;
  static final int BYTES = 2;
  static final int TEXT = 3;
  static final int ARRAY = 4;
  static final int MAP = 5;
  static final int TAG = 6;
  static final int SIMPLE = 7;

  /** How deeply skipped values may nest. */
  static final int MAX_DEPTH = 16;

  /** The only tag DAG-CBOR allows: a CID link. */
  private static final long CID_TAG = 42;

  private Cbor() {}

  /** Appends CBOR items to a buffer. */
  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** The head of a map with {@code entries} key/value pairs, which must follow. */
    Writer map(int entries) {
      head(MAP, entries);
      return this;
    }

    Writer text(String text) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      head(TEXT, utf8.length);
      out.writeBytes(utf8);
      return this;
    }

    Writer bytes(byte[] bytes) {
      head(BYTES, bytes.length);
      out.writeBytes(bytes);
      return this;
    }

    /** An unsigned integer; {@code value} is read as unsigned 64 bits. */
    Writer unsigned(long value) {
      head(UNSIGNED, value);
      return this;
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }

    private void head(int major, long argument) {
      int type = major << 5;
      if (Long.compareUnsigned(argument, 24) < 0) {
        out.write(type | (int) argument);
      } else if (Long.compareUnsigned(argument, 0x100) < 0) {
        out.write(type | 24);
        writeBigEndian(argument, 1);
      } else if (Long.compareUnsigned(argument, 0x1_0000) < 0) {
        out.write(type | 25);
        writeBigEndian(argument, 2);
      } else if (Long.compareUnsigned(argument, 0x1_0000_0000L) < 0) {
        out.write(type | 26);
        writeBigEndian(argument, 4);
      } else {
        out.write(type | 27);
        writeBigEndian(argument, 8);
      }
    }

    private void writeBigEndian(long value, int bytes) {
      for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
        out.write((int) (value >>> shift) & 0xFF);
      }
    }
  }

  /** A decoded head: the major type and its argument (a value or a length, unsigned 64 bits). */
  record Head(int major, long argument) {}

  /** Reads CBOR items from a byte array, strictly. Every failure is a {@link DecodingException}. */
  static final class Reader {
    private final ByteReader in;

    Reader(byte[] bytes) {
      this.in = new ByteReader(bytes, "dag-cbor");
    }

    boolean atEnd() {
      return in.atEnd();
    }

    int remaining() {
      return in.remaining();
    }

    /** The head of a map; returns its number of entries. */
    int mapHeader() {
      return length(expect(MAP, "a map"));
    }

    /** An unsigned integer, as unsigned 64 bits in a long. */
    long unsigned() {
      return expect(UNSIGNED, "an unsigned integer").argument();
    }

    byte[] byteString() {
      return in.readBytes(length(expect(BYTES, "a byte string")));
    }

    String text() {
      return utf8(in.readBytes(length(expect(TEXT, "a text string"))));
    }

    private static String utf8(byte[] utf8) {
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(utf8))
            .toString();
      } catch (CharacterCodingException e) {
        throw new DecodingException("dag-cbor: text string is not valid UTF-8");
      }
    }

    /**
     * Skips one value of any DAG-CBOR kind; {@code depth} is the nesting level of that value (1 for
     * a map value).
     */
    void skip(int depth) {
      if (depth > MAX_DEPTH) {
        throw new DecodingException("dag-cbor: nested deeper than " + MAX_DEPTH + " levels");
      }
      Head head = head();
      switch (head.major()) {
        case UNSIGNED, NEGATIVE, SIMPLE -> {}
        case BYTES -> in.readBytes(length(head));
        case TEXT -> utf8(in.readBytes(length(head)));
        case ARRAY -> {
          int items = length(head);
          for (int i = 0; i < items; i++) {
            skip(depth + 1);
          }
        }
        case MAP -> {
          int entries = length(head);
          for (int i = 0; i < entries; i++) {
            text();
            skip(depth + 1);
          }
        }
        case TAG -> {
          if (head.argument() != CID_TAG) {
            throw new DecodingException(
                "dag-cbor: tag "
                    + Long.toUnsignedString(head.argument())
                    + " is not allowed (only 42, a CID)");
          }
          byteString();
        }
        default -> throw new IllegalStateException("major type " + head.major());
      }
    }

    /** Reads one head, enforcing the shortest encoding and DAG-CBOR's subset of simple values. */
    Head head() {
      int initial = in.readUnsignedByte();
      int major = initial >>> 5;
      int info = initial & 0x1F;
      if (major == SIMPLE) {
        return simple(info);
      }
      if (info < 24) {
        return new Head(major, info);
      }
      long argument;
      long smallest;
      switch (info) {
        case 24 -> {
          argument = readBigEndian(1);
          smallest = 24;
        }
        case 25 -> {
          argument = readBigEndian(2);
          smallest = 0x100;
        }
        case 26 -> {
          argument = readBigEndian(4);
          smallest = 0x1_0000;
        }
        case 27 -> {
          argument = readBigEndian(8);
          smallest = 0x1_0000_0000L;
        }
        case 31 -> throw new DecodingException("dag-cbor: indefinite lengths are not allowed");
        default -> throw new DecodingException("dag-cbor: reserved additional information " + info);
      }
      if (Long.compareUnsigned(argument, smallest) < 0) {
        throw new DecodingException(
            "dag-cbor: integer or length " + argument + " not in its shortest form");
      }
      return new Head(major, argument);
    }

    private Head simple(int info) {
      switch (info) {
        case 20, 21, 22 -> {
          return new Head(SIMPLE, info); // false, true, null
        }
        case 27 -> {
          long bits = readBigEndian(8);
          double value = Double.longBitsToDouble(bits);
          if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new DecodingException("dag-cbor: NaN and infinities are not allowed");
          }
          return new Head(SIMPLE, bits);
        }
        case 25, 26 -> throw new DecodingException("dag-cbor: floats must be 64-bit");
        default ->
            throw new DecodingException("dag-cbor: simple value " + info + " is not allowed");
      }
    }

    private Head expect(int major, String what) {
      Head head = head();
      if (head.major() != major) {
        throw new DecodingException(
            "dag-cbor: expected " + what + ", found major type " + head.major());
      }
      return head;
    }

    /**
     * A length or count, which can never exceed the bytes left (every item takes at least one
     * byte).
     */
    private int length(Head head) {
      if (Long.compareUnsigned(head.argument(), in.remaining()) > 0) {
        throw new DecodingException(
            "dag-cbor: length "
                + Long.toUnsignedString(head.argument())
                + " exceeds the "
                + in.remaining()
                + " bytes left");
      }
      return (int) head.argument();
    }

    private long readBigEndian(int bytes) {
      long value = 0;
      for (int i = 0; i < bytes; i++) {
        value = (value << 8) | in.readUnsignedByte();
      }
      return value;
    }
  }
}

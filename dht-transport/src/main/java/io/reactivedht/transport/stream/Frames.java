package io.reactivedht.transport.stream;

import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.multiformats.Varint;
import java.nio.ByteBuffer;

/** The frame shapes the libp2p protocols use, as {@link FrameDecoder}s. */
public final class Frames {
  private Frames() {}

  /** Exactly {@code length} bytes. */
  public static FrameDecoder<byte[]> exactly(int length) {
    return buffered -> {
      if (buffered.remaining() < length) {
        return null;
      }
      byte[] frame = new byte[length];
      buffered.get(frame);
      return frame;
    };
  }

  /**
   * {@code uvarint(n) || n bytes}, the framing of multistream-select, identify and the DHT.
   *
   * @param maxLength the longest body accepted; a longer declared length fails as soon as the
   *     prefix shows it
   * @param what names the frame in errors, e.g. {@code "dht message"}
   */
  public static FrameDecoder<byte[]> varintPrefixed(int maxLength, String what) {
    return buffered -> {
      int mark = buffered.position();
      long length = readVarint(buffered, maxLength, what);
      if (length < 0 || buffered.remaining() < length) {
        buffered.position(mark);
        return null;
      }
      byte[] frame = new byte[(int) length];
      buffered.get(frame);
      return frame;
    };
  }

  /** {@code uint16_be(n) || n bytes}, the framing of Noise messages. */
  public static FrameDecoder<byte[]> u16Prefixed() {
    return buffered -> {
      if (buffered.remaining() < 2) {
        return null;
      }
      int length = Short.toUnsignedInt(buffered.getShort(buffered.position()));
      if (buffered.remaining() < 2 + length) {
        return null;
      }
      buffered.position(buffered.position() + 2);
      byte[] frame = new byte[length];
      buffered.get(frame);
      return frame;
    };
  }

  /** Whatever is buffered, at least one byte and at most {@code maxLength}. */
  public static FrameDecoder<byte[]> available(int maxLength) {
    return buffered -> {
      if (!buffered.hasRemaining()) {
        return null;
      }
      byte[] frame = new byte[Math.min(maxLength, buffered.remaining())];
      buffered.get(frame);
      return frame;
    };
  }

  /** Reads a minimal unsigned varint no larger than {@code max}; -1 while incomplete. */
  private static long readVarint(ByteBuffer buffered, int max, String what) {
    long value = 0;
    for (int i = 0; buffered.hasRemaining(); i++) {
      int b = buffered.get() & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if (value > max) {
        throw new DecodingException(
            what + ": declared length exceeds the maximum of " + max + " bytes");
      }
      if ((b & 0x80) != 0 && i == 4) {
        throw new DecodingException(what + ": length prefix longer than 5 bytes");
      }
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new DecodingException(what + ": length prefix is not minimally encoded");
        }
        return value;
      }
    }
    return -1;
  }

  /** The frame with its uvarint length prefix. */
  public static byte[] varintPrefix(byte[] body) {
    byte[] prefix = Varint.encode(body.length);
    byte[] framed = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, framed, 0, prefix.length);
    System.arraycopy(body, 0, framed, prefix.length, body.length);
    return framed;
  }
}

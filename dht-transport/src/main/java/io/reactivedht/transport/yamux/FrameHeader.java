package io.reactivedht.transport.yamux;

import java.nio.ByteBuffer;

/**
 * The 12-byte yamux frame header (WIRE 5.1), big-endian: version, type, flags, stream id, length.
 * The length is a payload size (Data), a window delta (WindowUpdate), an opaque value (Ping) or an
 * error code (GoAway); the stream id and the length are unsigned 32-bit values carried in ints.
 */
record FrameHeader(int version, int type, int flags, int streamId, int length) {
  static final int SIZE = 12;

  static final int DATA = 0;
  static final int WINDOW_UPDATE = 1;
  static final int PING = 2;
  static final int GO_AWAY = 3;

  static final int SYN = 0x1;
  static final int ACK = 0x2;
  static final int FIN = 0x4;
  static final int RST = 0x8;

  static final int GO_AWAY_NORMAL = 0;
  static final int GO_AWAY_PROTOCOL_ERROR = 1;
  static final int GO_AWAY_INTERNAL_ERROR = 2;

  /** A version-0 header. */
  static FrameHeader of(int type, int flags, int streamId, int length) {
    return new FrameHeader(0, type, flags, streamId, length);
  }

  /**
   * Reads a header at the buffer's position, advancing it by {@link #SIZE}; validation is the
   * caller's.
   */
  static FrameHeader decode(ByteBuffer buffer) {
    int version = Byte.toUnsignedInt(buffer.get());
    int type = Byte.toUnsignedInt(buffer.get());
    int flags = Short.toUnsignedInt(buffer.getShort());
    int streamId = buffer.getInt();
    int length = buffer.getInt();
    return new FrameHeader(version, type, flags, streamId, length);
  }

  /** The 12 header bytes. */
  byte[] encode() {
    return encodeWith(new byte[0], 0, 0);
  }

  /** The header followed by {@code payload[offset, offset + count)}: one whole frame. */
  byte[] encodeWith(byte[] payload, int offset, int count) {
    byte[] frame = new byte[SIZE + count];
    ByteBuffer.wrap(frame)
        .put((byte) version)
        .put((byte) type)
        .putShort((short) flags)
        .putInt(streamId)
        .putInt(length)
        .put(payload, offset, count);
    return frame;
  }

  /** The length as the unsigned value it is. */
  long unsignedLength() {
    return Integer.toUnsignedLong(length);
  }

  boolean has(int flag) {
    return (flags & flag) != 0;
  }

  @Override
  public String toString() {
    return "FrameHeader[type="
        + type
        + ", flags=0x"
        + Integer.toHexString(flags)
        + ", stream="
        + Integer.toUnsignedString(streamId)
        + ", length="
        + Integer.toUnsignedString(length)
        + "]";
  }
}

package io.reactivedht.transport.yamux;

import io.reactivedht.transport.stream.FrameDecoder;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Splits the session's inbound bytes into frame headers and Data payload chunks. A payload is
 * handed on in the pieces that have arrived, so no frame, however long its declared length, is ever
 * buffered whole here: the bytes go straight to their stream (or are discarded) and its window
 * bounds them. Never throws: the session validates each header. Used by one read at a time, the
 * session's read loop.
 */
final class FrameReader implements FrameDecoder<Object> {
  /** A piece of the current Data frame's payload; {@code last} once the whole payload was read. */
  @SuppressWarnings("ArrayRecordComponent") // handed over once, never compared
  record BodyChunk(byte[] bytes, boolean last) {}

  private long bodyRemaining;

  @Override
  public @Nullable Object decode(ByteBuffer buffered) {
    if (bodyRemaining > 0) {
      if (!buffered.hasRemaining()) {
        return null;
      }
      byte[] chunk = new byte[(int) Math.min(bodyRemaining, buffered.remaining())];
      buffered.get(chunk);
      bodyRemaining -= chunk.length;
      return new BodyChunk(chunk, bodyRemaining == 0);
    }
    if (buffered.remaining() < FrameHeader.SIZE) {
      return null;
    }
    FrameHeader header = FrameHeader.decode(buffered);
    if (header.version() == 0 && header.type() == FrameHeader.DATA) {
      bodyRemaining = header.unsignedLength();
    }
    return header;
  }
}

package io.reactivedht.transport.stream;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Finds one frame at the start of the bytes received so far.
 *
 * @param <T> the decoded frame
 */
@FunctionalInterface
public interface FrameDecoder<T> {
  /**
   * Decodes a frame from {@code buffered}, advancing its position past the frame.
   *
   * @param buffered the unread bytes, from position to limit; read-only
   * @return the frame, or null (leaving the position where it was) while the frame is incomplete
   * @throws io.reactivedht.core.multiformats.DecodingException on bad input, before allocating
   *     anything sized by it
   */
  @Nullable T decode(ByteBuffer buffered);
}

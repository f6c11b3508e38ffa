package io.reactivedht.transport.stream;

import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * A bidirectional, ordered byte stream: a TCP connection, a Noise-secured channel or a yamux
 * stream.
 *
 * <p>Reads are pull-based, one at a time: {@link #read} completes when the decoder finds a whole
 * frame in the bytes received so far. Bytes a peer sends are held in a bounded buffer until read,
 * so a reader that stops reading stops the sender (TCP flow control, yamux windows). Writes are
 * queued in call order when {@link #write} is called, not on subscription, so a layer that must
 * keep its frames in order (Noise nonces, yamux frames) can write from any thread.
 */
public interface ByteStream {
  /**
   * Reads the next frame.
   *
   * @return the frame; fails with {@link StreamEndedException} if the stream ends before a whole
   *     frame arrived, with the decoder's {@link
   *     io.reactivedht.core.multiformats.DecodingException} on bad input (the stream is then
   *     reset), or with the error that broke the stream
   * @throws IllegalStateException (in the Mono) if another read is pending
   */
  <T> Mono<T> read(FrameDecoder<T> decoder);

  /**
   * Queues {@code bytes} for writing, in call order, now.
   *
   * @return completes once the bytes were handed to the layer below; fails if the stream is closed
   *     or reset
   */
  Mono<Void> write(byte[] bytes);

  /**
   * Queues a write whose bytes are made when this stream is ready to send them: {@code bytes} is
   * called once, in call order with the other writes, and what it returns is written. A layer that
   * seals its writes into frames (Noise) uses it to seal everything written meanwhile into one
   * frame: one encryption and one socket write for a whole burst of small writes. By default it is
   * called at once.
   *
   * @param bytes makes the bytes to write; an empty array writes nothing
   * @return as {@link #write}
   */
  default Mono<Void> writeLater(Supplier<byte[]> bytes) {
    return write(bytes.get());
  }

  /**
   * Half-closes: tells the peer nothing more will be written (yamux FIN), after the bytes already
   * queued. Like {@link #write}, it acts when called: in a pipeline, wrap it ({@code
   * Mono.defer(stream::closeWrite)}) so it runs after the steps before it. Idempotent.
   */
  Mono<Void> closeWrite();

  /**
   * Aborts the stream in both directions (yamux RST, TCP close); pending reads and writes fail.
   * Idempotent.
   */
  void reset();
}

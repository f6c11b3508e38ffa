package io.reactivedht.transport.stream;

import java.io.ByteArrayOutputStream;
import reactor.core.publisher.Mono;

/**
 * A {@link ByteStream} whose remote sent exactly {@code input} and then closed: every read is
 * answered at once, on the caller's thread, so a whole exchange runs synchronously and
 * deterministically (for the fuzz tests). What is written is kept.
 */
public final class ScriptedByteStream implements ByteStream {
  private final InboundBuffer inbound;
  private final ByteArrayOutputStream written = new ByteArrayOutputStream();
  private boolean writeClosed;
  private boolean reset;

  /**
   * @param input everything the remote sends before ending its side
   */
  public ScriptedByteStream(byte[] input) {
    inbound = new InboundBuffer("scripted", Math.max(1, input.length), consumed -> {});
    inbound.offer(input);
    inbound.end();
  }

  @Override
  public <T> Mono<T> read(FrameDecoder<T> decoder) {
    return inbound.read(decoder);
  }

  @Override
  public synchronized Mono<Void> write(byte[] bytes) {
    written.writeBytes(bytes);
    return Mono.empty();
  }

  @Override
  public synchronized Mono<Void> closeWrite() {
    writeClosed = true;
    return Mono.empty();
  }

  @Override
  public synchronized void reset() {
    reset = true;
    inbound.fail(new StreamResetException("scripted: reset locally"));
  }

  /** Everything written so far. */
  public synchronized byte[] written() {
    return written.toByteArray();
  }

  /** Whether {@link #closeWrite} was called. */
  public synchronized boolean isWriteClosed() {
    return writeClosed;
  }

  /** Whether {@link #reset} was called. */
  public synchronized boolean isReset() {
    return reset;
  }
}

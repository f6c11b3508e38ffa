package io.reactivedht.transport.stream;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import reactor.core.publisher.Mono;

/**
 * One end of an in-memory duplex pipe, for testing a layer without sockets. Bytes written at one
 * end arrive at the other in order, delivered on a single thread per direction (as a socket's event
 * loop would), never inline.
 */
public final class PipedByteStream implements ByteStream {
  /** Generous enough for any frame the layers under test read. */
  public static final int CAPACITY = 8 * 1024 * 1024;

  private final InboundBuffer inbound;
  private final ExecutorService delivery;
  private PipedByteStream other;

  private PipedByteStream(String name) {
    this.inbound = new InboundBuffer(name, CAPACITY, consumed -> {});
    this.delivery =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "pipe-" + name);
              t.setDaemon(true);
              return t;
            });
  }

  /** A connected pair: what {@code [0]} writes, {@code [1]} reads, and the other way round. */
  public static PipedByteStream[] pair() {
    PipedByteStream a = new PipedByteStream("a");
    PipedByteStream b = new PipedByteStream("b");
    a.other = b;
    b.other = a;
    return new PipedByteStream[] {a, b};
  }

  /** Whether the other end closed its side (the bytes before it may still be unread). */
  public boolean isEnded() {
    return inbound.isEnded();
  }

  /** The bytes received and not read yet. */
  public int buffered() {
    return inbound.buffered();
  }

  @Override
  public <T> Mono<T> read(FrameDecoder<T> decoder) {
    return inbound.read(decoder);
  }

  @Override
  public Mono<Void> write(byte[] bytes) {
    byte[] copy = bytes.clone();
    delivery.execute(
        () -> {
          if (!other.inbound.offer(copy)) {
            other.inbound.fail(new StreamResetException("pipe: receiver over capacity or closed"));
          }
        });
    return Mono.empty();
  }

  @Override
  public Mono<Void> closeWrite() {
    delivery.execute(other.inbound::end);
    return Mono.empty();
  }

  @Override
  public void reset() {
    inbound.fail(new StreamResetException("pipe: reset locally"));
    delivery.execute(() -> other.inbound.fail(new StreamResetException("pipe: reset by peer")));
  }
}

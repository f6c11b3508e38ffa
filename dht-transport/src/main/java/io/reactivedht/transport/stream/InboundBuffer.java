package io.reactivedht.transport.stream;

import java.nio.ByteBuffer;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The read side of a {@link ByteStream}: bytes the peer sent, held until a {@link FrameDecoder}
 * takes a frame from them, bounded by a capacity. The layer below {@link #offer offers} bytes as
 * they arrive and {@link #end ends} or {@link #fail fails} the buffer; the layer above {@link #read
 * reads} frames. Reading tells the layer below how many bytes were consumed, which is how flow
 * control (TCP reads, yamux window updates) follows the reader's pace.
 *
 * <p>Thread-safe; a read completes on the thread that offered the bytes completing it, outside the
 * lock.
 */
public final class InboundBuffer {
  /**
   * The smallest array the buffer allocates: a DHT request on a yamux stream is tens of bytes, and
   * each stream has a buffer of its own.
   */
  private static final int INITIAL_SIZE = 256;

  private final String name;
  private final int capacity;
  private final IntConsumer onConsumed;
  private byte[] bytes = new byte[0];
  private int start;
  private int end;
  private @Nullable Pending<?> pending;
  private boolean ended;
  private @Nullable Throwable failure;

  /**
   * @param name names the stream in errors, e.g. {@code "yamux stream 3"}
   * @param capacity the most unread bytes held; a frame longer than this can never be read
   * @param onConsumed told how many bytes each read consumed (called outside the lock)
   */
  public InboundBuffer(String name, int capacity, IntConsumer onConsumed) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.name = name;
    this.capacity = capacity;
    this.onConsumed = onConsumed;
  }

  /** The number of bytes received and not read yet. */
  public synchronized int buffered() {
    return end - start;
  }

  /** The most unread bytes held. */
  public int capacity() {
    return capacity;
  }

  /**
   * Appends bytes that arrived and completes a pending read if they complete its frame.
   *
   * @return false, appending nothing, if the bytes would exceed the capacity or the buffer is ended
   *     or failed
   */
  public boolean offer(byte[] data) {
    return offer(data, 0, data.length);
  }

  /** Appends {@code data[offset, offset + length)}; see {@link #offer(byte[])}. */
  public boolean offer(byte[] data, int offset, int length) {
    Completion<?> completion;
    synchronized (this) {
      if (ended || failure != null || end - start + length > capacity) {
        return false;
      }
      ensureRoom(length);
      System.arraycopy(data, offset, bytes, end, length);
      end += length;
      completion = tryCompletePending();
    }
    if (completion != null) {
      completion.run();
    }
    return true;
  }

  /**
   * The peer will send nothing more: a pending read whose frame is incomplete fails with {@link
   * StreamEndedException}.
   */
  public void end() {
    Completion<?> completion;
    synchronized (this) {
      if (ended || failure != null) {
        return;
      }
      ended = true;
      completion = tryCompletePending();
    }
    if (completion != null) {
      completion.run();
    }
  }

  /**
   * The stream broke: the pending read and every later one fail with {@code error}; buffered bytes
   * are dropped.
   */
  public void fail(Throwable error) {
    Pending<?> failed;
    synchronized (this) {
      if (failure != null) {
        return;
      }
      failure = error;
      bytes = new byte[0];
      start = end = 0;
      failed = pending;
      pending = null;
    }
    if (failed != null) {
      failed.sink.error(error);
    }
  }

  /** Whether the peer ended the stream (more reads can still take what is buffered). */
  public synchronized boolean isEnded() {
    return ended;
  }

  /** Reads the next frame; see {@link ByteStream#read}. */
  public <T> Mono<T> read(FrameDecoder<T> decoder) {
    return Mono.create(
        sink -> {
          Completion<?> completion;
          synchronized (this) {
            if (pending != null) {
              sink.error(new IllegalStateException(name + ": a read is already pending"));
              return;
            }
            pending = new Pending<>(decoder, sink);
            completion = tryCompletePending();
          }
          sink.onCancel(() -> cancel(sink));
          if (completion != null) {
            completion.run();
          }
        });
  }

  private synchronized void cancel(MonoSink<?> sink) {
    if (pending != null && pending.sink == sink) {
      pending = null;
    }
  }

  private @Nullable Completion<?> tryCompletePending() {
    Pending<?> p = pending;
    if (p == null) {
      return null;
    }
    if (failure != null) {
      pending = null;
      return new Completion<>(p, null, failure, 0);
    }
    ByteBuffer view = ByteBuffer.wrap(bytes, start, end - start).asReadOnlyBuffer();
    Object frame;
    try {
      frame = p.decoder.decode(view);
    } catch (RuntimeException e) {
      pending = null;
      return new Completion<>(p, null, e, 0);
    }
    if (frame == null) {
      if (!ended) {
        return null;
      }
      pending = null;
      return new Completion<>(
          p, null, new StreamEndedException(name + ": ended in the middle of a frame"), 0);
    }
    int consumed = view.position() - start;
    start = view.position();
    if (start == end) {
      start = end = 0;
    }
    pending = null;
    return new Completion<>(p, frame, null, consumed);
  }

  private void ensureRoom(int length) {
    if (bytes.length - end >= length) {
      return;
    }
    int unread = end - start;
    int needed = unread + length;
    byte[] target =
        needed > bytes.length
            ? new byte
                [Math.min(capacity, Math.max(needed, Math.max(INITIAL_SIZE, bytes.length * 2)))]
            : bytes;
    System.arraycopy(bytes, start, target, 0, unread);
    bytes = target;
    start = 0;
    end = unread;
  }

  private record Pending<T>(FrameDecoder<T> decoder, MonoSink<T> sink) {}

  private final class Completion<T> {
    private final Pending<T> pending;
    private final @Nullable Object frame;
    private final @Nullable Throwable error;
    private final int consumed;

    Completion(
        Pending<T> pending, @Nullable Object frame, @Nullable Throwable error, int consumed) {
      this.pending = pending;
      this.frame = frame;
      this.error = error;
      this.consumed = consumed;
    }

    @SuppressWarnings("unchecked")
    void run() {
      if (consumed > 0) {
        onConsumed.accept(consumed);
      }
      if (error != null) {
        pending.sink.error(error);
      } else {
        pending.sink.success((T) frame);
      }
    }
  }
}

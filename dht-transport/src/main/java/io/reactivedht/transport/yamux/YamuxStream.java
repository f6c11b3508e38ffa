package io.reactivedht.transport.yamux;

import static io.reactivedht.transport.yamux.FrameHeader.DATA;
import static io.reactivedht.transport.yamux.FrameHeader.FIN;
import static io.reactivedht.transport.yamux.FrameHeader.RST;
import static io.reactivedht.transport.yamux.FrameHeader.WINDOW_UPDATE;

import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.transport.config.YamuxConfig;
import io.reactivedht.transport.resource.ResourceScope;
import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.FrameDecoder;
import io.reactivedht.transport.stream.InboundBuffer;
import io.reactivedht.transport.stream.ResourceLimitException;
import io.reactivedht.transport.stream.StreamResetException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One yamux stream, a {@link ByteStream} of its own.
 *
 * <p>Receiving: bytes go to an {@link InboundBuffer} of {@link YamuxConfig#maxStreamBuffer} bytes.
 * The remote may send at most the receive window; as the reader consumes, window is handed back
 * once half the initial window is free. While a read waits for a frame longer than the bytes
 * buffered so far, the window grows up to the buffer's room, so a frame up to the buffer size
 * always arrives; a reader that does not read stops the sender at the initial window.
 *
 * <p>Sending: {@link #write} queues at call time and sends Data frames of at most {@link
 * YamuxConfig#maxFrameSize} within the send window, waiting for WindowUpdates when it is used up. A
 * remote FIN ends the read side; a remote RST fails everything (bytes already received stay
 * readable, so a response followed by RST still reads).
 */
public final class YamuxStream implements ByteStream {
  private final YamuxSession session;
  private final int id;
  private final YamuxConfig config;
  private final String name;
  private final InboundBuffer inbound;
  private final Sinks.Empty<Void> finSent = Sinks.empty();

  /** Set by the reader's decoder: the pending read needs more bytes than are buffered. */
  private volatile boolean starved;

  // guarded by session.lock
  private final ArrayDeque<PendingWrite> writes = new ArrayDeque<>();
  private long sendWindow = YamuxConfig.PROTOCOL_WINDOW;
  private long receiveWindow;
  private long unread;
  private long charged; // of unread, the bytes reserved in the session's memory scope
  private boolean writeClosed;
  private boolean finWritten;
  private boolean remoteFin;
  private @Nullable StreamResetException resetError;

  YamuxStream(YamuxSession session, int id, YamuxConfig config) {
    this.session = session;
    this.id = id;
    this.config = config;
    this.name = "yamux stream " + Integer.toUnsignedString(id);
    this.inbound = new InboundBuffer(name, config.maxStreamBuffer(), this::consumed);
    this.receiveWindow = config.initialWindow();
  }

  /** The stream id: odd if the client (dialer) opened it, even if the server did. */
  public int id() {
    return id;
  }

  @Override
  public <T> Mono<T> read(FrameDecoder<T> decoder) {
    FrameDecoder<T> watched =
        buffered -> {
          try {
            T frame = decoder.decode(buffered);
            starved = frame == null;
            return frame;
          } catch (RuntimeException e) {
            starved = false;
            throw e;
          }
        };
    return Mono.<T>create(
            sink -> {
              Disposable read =
                  inbound.read(watched).subscribe(sink::success, sink::error, sink::success);
              sink.onCancel(
                  () -> {
                    read.dispose();
                    starved = false;
                  });
              if (starved) {
                synchronized (session.lock) {
                  maybeGrantLocked();
                }
              }
            })
        .doOnError(DecodingException.class, e -> reset());
  }

  @Override
  public Mono<Void> write(byte[] bytes) {
    Sinks.Empty<Void> done = Sinks.empty();
    List<Runnable> after = new ArrayList<>(1);
    synchronized (session.lock) {
      if (resetError != null) {
        return Mono.error(copyOf(resetError));
      }
      if (writeClosed) {
        return Mono.error(new IllegalStateException(name + ": write after closeWrite"));
      }
      if (bytes.length == 0) {
        return Mono.empty();
      }
      writes.add(new PendingWrite(bytes.clone(), done));
      flushLocked(after);
    }
    YamuxSession.runAll(after);
    return done.asMono();
  }

  @Override
  public Mono<Void> closeWrite() {
    List<Runnable> after = new ArrayList<>(1);
    synchronized (session.lock) {
      if (resetError != null && !finWritten) {
        return Mono.error(copyOf(resetError));
      }
      if (!writeClosed) {
        writeClosed = true;
        flushLocked(after);
      }
    }
    YamuxSession.runAll(after);
    return finSent.asMono();
  }

  @Override
  public void reset() {
    List<Runnable> after = new ArrayList<>(2);
    synchronized (session.lock) {
      if (resetError != null) {
        return;
      }
      resetLocallyLocked(new StreamResetException(name + ": reset locally"), after);
    }
    YamuxSession.runAll(after);
  }

  @Override
  public String toString() {
    return name;
  }

  // ---- package-private views for tests

  long sendWindow() {
    synchronized (session.lock) {
      return sendWindow;
    }
  }

  long receiveWindow() {
    synchronized (session.lock) {
      return receiveWindow;
    }
  }

  int buffered() {
    return inbound.buffered();
  }

  // ---- driven by the session's read loop

  /**
   * Accounts for a Data frame's payload before it arrives, charging it to the session's memory
   * scope.
   *
   * @return false when the scope refused it: the stream is then reset (RST sent, a {@link
   *     ResourceLimitException} for the reader) and the payload must be discarded
   * @throws YamuxException if the payload exceeds the receive window (a protocol error)
   */
  boolean reserveLocked(long length, List<Runnable> after) {
    if (length > receiveWindow) {
      throw new YamuxException(
          name + ": " + length + " bytes of data exceed the receive window of " + receiveWindow);
    }
    ResourceScope memory = session.memory();
    if (!memory.tryReserve(length)) {
      resetLocallyLocked(
          new ResourceLimitException(
              name
                  + ": "
                  + length
                  + " more bytes would exceed the memory budget of the "
                  + memory.tooFullFor(length)),
          after);
      return false;
    }
    charged += length;
    receiveWindow -= length;
    unread += length;
    return true;
  }

  /** A piece of a Data payload arrived (called without the lock: the offer may complete a read). */
  void received(byte[] bytes) {
    boolean taken = inbound.offer(bytes);
    synchronized (session.lock) {
      if (!taken) {
        unread -= bytes.length; // read side ended or reset: dropped
        releaseLocked(bytes.length);
      }
      maybeGrantLocked();
    }
  }

  /** Gives back everything still charged: the session forgets the stream. */
  void releaseMemoryLocked() {
    releaseLocked(charged);
  }

  private void releaseLocked(long bytes) {
    long released = Math.min(bytes, charged);
    if (released > 0) {
      charged -= released;
      session.memory().release(released);
    }
  }

  void addSendWindowLocked(long delta, List<Runnable> after) {
    sendWindow += delta;
    flushLocked(after);
  }

  void onFlagsLocked(int flags, List<Runnable> after) {
    if ((flags & RST) != 0) {
      resetLocked(name + ": reset by the remote", null, true, after);
      return;
    }
    if ((flags & FIN) != 0 && !remoteFin) {
      remoteFin = true;
      after.add(inbound::end);
      if (finWritten) {
        session.removeLocked(this);
      }
    }
  }

  /**
   * Marks the stream reset, forgets it and queues the failures. After a remote RST, bytes already
   * received stay readable (the read side then ends); otherwise the read side fails.
   */
  void resetLocked(
      String message, @Nullable Throwable cause, boolean byRemote, List<Runnable> after) {
    StreamResetException error = new StreamResetException(message);
    if (cause != null) {
      error.initCause(cause);
    }
    resetLocked(error, byRemote, after);
  }

  /** Sends RST (unless both sides closed the stream, which the remote then forgot) and resets. */
  private void resetLocallyLocked(StreamResetException error, List<Runnable> after) {
    if (!(finWritten && remoteFin)) {
      session.writeLocked(FrameHeader.of(WINDOW_UPDATE, RST, id, 0));
    }
    resetLocked(error, false, after);
  }

  private void resetLocked(StreamResetException error, boolean byRemote, List<Runnable> after) {
    resetError = error;
    session.removeLocked(this);
    List<PendingWrite> failed = new ArrayList<>(writes);
    writes.clear();
    after.add(
        () -> {
          if (byRemote && inbound.buffered() > 0) {
            inbound.end();
          } else {
            inbound.fail(copyOf(error));
          }
          for (PendingWrite write : failed) {
            write.done().tryEmitError(copyOf(error));
          }
          finSent.tryEmitError(copyOf(error));
        });
  }

  // ---- flow control, holding the lock

  private void consumed(int bytes) {
    synchronized (session.lock) {
      unread -= bytes;
      releaseLocked(bytes);
      maybeGrantLocked();
    }
  }

  /**
   * Hands window back: up to the initial window normally, up to the buffer's room while a read
   * waits for more. Sends only worthwhile deltas (half the initial window), or whatever room is
   * left when a waiting reader's window is used up.
   */
  private void maybeGrantLocked() {
    if (resetError != null || remoteFin || session.isClosedLocked()) {
      return;
    }
    boolean waiting = starved && unread > 0; // a frame longer than what arrived so far
    long target =
        waiting
            ? Math.min(
                config.maxStreamBuffer(),
                unread
                    + receiveWindow
                    + Math.min(session.memory().available(), config.maxStreamBuffer()))
            : config.initialWindow();
    long credit = target - unread - receiveWindow;
    if (credit <= 0) {
      return;
    }
    if (credit >= config.initialWindow() / 2 || (waiting && receiveWindow == 0)) {
      receiveWindow += credit;
      session.writeLocked(FrameHeader.of(WINDOW_UPDATE, 0, id, (int) credit));
    }
  }

  /** Sends queued bytes within the send window, then the FIN once everything is out. */
  private void flushLocked(List<Runnable> after) {
    if (resetError != null || session.isClosedLocked()) {
      return;
    }
    while (sendWindow > 0 && !writes.isEmpty()) {
      PendingWrite write = writes.peek();
      int count = (int) Math.min(Math.min(write.remaining(), config.maxFrameSize()), sendWindow);
      session.writeLocked(FrameHeader.of(DATA, 0, id, count), write.bytes(), write.offset, count);
      write.offset += count;
      sendWindow -= count;
      if (write.remaining() == 0) {
        writes.poll();
        after.add(() -> write.done().tryEmitEmpty());
      }
    }
    if (writeClosed && !finWritten && writes.isEmpty()) {
      finWritten = true;
      session.writeLocked(FrameHeader.of(WINDOW_UPDATE, FIN, id, 0));
      after.add(finSent::tryEmitEmpty);
      if (remoteFin) {
        session.removeLocked(this);
      }
    }
  }

  private static StreamResetException copyOf(StreamResetException error) {
    String message = String.valueOf(error.getMessage());
    StreamResetException copy =
        error instanceof ResourceLimitException
            ? new ResourceLimitException(message)
            : new StreamResetException(message);
    if (error.getCause() != null) {
      copy.initCause(error.getCause());
    }
    return copy;
  }

  private static final class PendingWrite {
    private final byte[] bytes;
    private final Sinks.Empty<Void> done;
    private int offset;

    PendingWrite(byte[] bytes, Sinks.Empty<Void> done) {
      this.bytes = bytes;
      this.done = done;
    }

    byte[] bytes() {
      return bytes;
    }

    Sinks.Empty<Void> done() {
      return done;
    }

    int remaining() {
      return bytes.length - offset;
    }
  }
}

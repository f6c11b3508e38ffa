package io.reactivedht.transport.kad;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.wire.DhtCodec;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.spi.RequestHandler;
import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.StreamEndedException;
import io.reactivedht.transport.stream.StreamResetException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.MonoSink;

/**
 * One inbound DHT stream being served, as {@link KadStreams#serve} describes: read a request,
 * answer it, read the next, until the peer ends the stream. A small state machine rather than an
 * operator chain, because a server runs one per request it answers and the chain (a cached
 * read-ahead, its materialized end, the repeat) cost more than the answer itself.
 *
 * <p>While a request is answered the next one is read ahead, timed by the idle timeout like every
 * read: a message that arrives waits for the answer to be written; an end of the stream (the peer's
 * FIN) lets the answer finish, as go's server does, and then ends the exchange; a reset, a timeout
 * or a malformed message cancels the answer and resets the stream.
 *
 * <p>Thread-safe: reads complete on the connection's event loop, answers wherever the handler runs,
 * the idle timer on its scheduler. The state changes under this object's lock, and nothing outside
 * (the stream, the handler, the sink) is called while holding it.
 */
final class ServedStream {
  private enum Phase {
    READING,
    ANSWERING,
    DONE
  }

  private final KadStreams kad;
  private final PeerId from;
  private final ByteStream stream;
  private final RequestHandler handler;
  private final MonoSink<Void> sink;

  // Guarded by this.
  private Phase phase = Phase.READING;
  private long readsStarted;
  private long readsEnded;
  private @Nullable Disposable idleTimer;
  private @Nullable Answer answering;
  private byte @Nullable [] heldRequest;
  private @Nullable Throwable heldEnd;

  ServedStream(
      KadStreams kad, PeerId from, ByteStream stream, RequestHandler handler, MonoSink<Void> sink) {
    this.kad = kad;
    this.from = from;
    this.stream = stream;
    this.handler = handler;
    this.sink = sink;
  }

  /** Reads the first request; cancelling the sink's subscriber resets the stream. */
  void start() {
    sink.onCancel(this::cancel);
    readNext();
  }

  /** Reads the next request, timed by the idle timeout. */
  private void readNext() {
    long read;
    synchronized (this) {
      if (phase == Phase.DONE) {
        return;
      }
      read = ++readsStarted;
    }
    Disposable timer =
        kad.timer.schedule(() -> onIdle(read), kad.idleTimeout.toNanos(), TimeUnit.NANOSECONDS);
    synchronized (this) {
      if (phase == Phase.DONE) {
        timer.dispose();
        return;
      }
      idleTimer = timer;
    }
    stream
        .read(kad.messages)
        .subscribe(bytes -> onMessage(read, bytes), error -> onReadEnd(read, error));
  }

  private void onMessage(long read, byte[] bytes) {
    Disposable timer;
    boolean answerNow;
    synchronized (this) {
      if (phase == Phase.DONE) {
        return;
      }
      timer = endRead(read);
      answerNow = phase == Phase.READING;
      if (answerNow) {
        phase = Phase.ANSWERING;
      } else {
        heldRequest = bytes; // read ahead: it waits for the answer being written
      }
    }
    dispose(timer);
    if (answerNow) {
      answer(bytes);
    }
  }

  private void onReadEnd(long read, Throwable error) {
    Disposable timer;
    boolean hold;
    synchronized (this) {
      if (phase == Phase.DONE) {
        return;
      }
      timer = endRead(read);
      hold = phase == Phase.ANSWERING && error instanceof StreamEndedException;
      if (hold) {
        heldEnd = error; // the peer's FIN: the answer being written still goes out
      }
    }
    dispose(timer);
    if (!hold) {
      endOfRequests(error);
    }
  }

  /** Under the lock: read {@code read} ended; gives its idle timer to dispose outside the lock. */
  private @Nullable Disposable endRead(long read) {
    readsEnded = read;
    Disposable timer = idleTimer;
    idleTimer = null;
    return timer;
  }

  private void onIdle(long read) {
    synchronized (this) {
      if (phase == Phase.DONE || readsEnded >= read) {
        return;
      }
    }
    fail(
        new TimeoutException(
            "no whole request within " + kad.idleTimeout + ": the stream is reset"));
  }

  /** Decodes and answers a request, reading the next one meanwhile. */
  private void answer(byte[] bytes) {
    DhtRequest request;
    try {
      request = DhtCodec.decodeRequest(bytes);
    } catch (RuntimeException e) {
      fail(e);
      return;
    }
    readNext();
    Answer answer = new Answer(request);
    synchronized (this) {
      if (phase == Phase.DONE) {
        return;
      }
      answering = answer;
    }
    handler.handle(from, request).subscribe(answer);
  }

  private void respond(DhtRequest request, DhtResponse response) {
    byte[] frame;
    try {
      frame = kad.framing.frame(DhtCodec.encodeResponse(response, request));
    } catch (RuntimeException e) {
      fail(e); // over the message bound
      return;
    }
    stream.write(frame).subscribe(null, this::fail, this::answered);
  }

  /** The answer went out: answers the request read ahead, ends, or waits for the next request. */
  private void answered() {
    byte[] next;
    Throwable end;
    synchronized (this) {
      if (phase == Phase.DONE) {
        return;
      }
      answering = null;
      next = heldRequest;
      end = heldEnd;
      heldRequest = null;
      heldEnd = null;
      if (next == null && end == null) {
        phase = Phase.READING; // the read ahead is still pending, with its timer
        return;
      }
    }
    if (next != null) {
      answer(next);
    } else {
      endOfRequests(end);
    }
  }

  /**
   * The read side ended between requests: the peer ended or reset the stream (go and js end their
   * streams either way) ends the exchange; a timeout or a malformed message fails it.
   */
  private void endOfRequests(@Nullable Throwable error) {
    if (!(error instanceof StreamEndedException || error instanceof StreamResetException)) {
      fail(error == null ? new IllegalStateException("the stream ended") : error);
      return;
    }
    if (stop() != null) {
      stream.closeWrite().subscribe(null, this::resetAndFail, sink::success);
    }
  }

  private void fail(Throwable error) {
    if (stop() != null) {
      resetAndFail(error);
    }
  }

  private void resetAndFail(Throwable error) {
    stream.reset();
    sink.error(error);
  }

  private void cancel() {
    if (stop() != null) {
      stream.reset();
    }
  }

  /**
   * Marks the exchange done and cancels its timer and answer.
   *
   * @return this, or null if it was done already (the caller then does nothing)
   */
  private @Nullable ServedStream stop() {
    Disposable timer;
    Answer answer;
    synchronized (this) {
      if (phase == Phase.DONE) {
        return null;
      }
      phase = Phase.DONE;
      timer = idleTimer;
      answer = answering;
      idleTimer = null;
      answering = null;
      heldRequest = null;
      heldEnd = null;
    }
    dispose(timer);
    dispose(answer);
    return this;
  }

  private static void dispose(@Nullable Disposable disposable) {
    if (disposable != null) {
      disposable.dispose();
    }
  }

  /** Takes the handler's answer to one request. */
  private final class Answer extends BaseSubscriber<DhtResponse> {
    private final DhtRequest request;
    private boolean answered;

    Answer(DhtRequest request) {
      this.request = request;
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
      subscription.request(1);
    }

    @Override
    protected void hookOnNext(DhtResponse response) {
      if (request.expectsResponse() && !answered) {
        answered = true;
        respond(request, response);
      }
    }

    @Override
    protected void hookOnComplete() {
      if (!request.expectsResponse()) {
        answered();
      } else if (!answered) {
        fail(new IllegalStateException("no answer to " + request.type()));
      }
    }

    @Override
    protected void hookOnError(Throwable error) {
      fail(error);
    }
  }
}

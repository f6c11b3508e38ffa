package io.reactivedht.transport.kad;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.wire.DhtCodec;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.core.wire.MessageFraming;
import io.reactivedht.reactor.spi.RequestHandler;
import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.Exchanges;
import io.reactivedht.transport.stream.FrameDecoder;
import io.reactivedht.transport.stream.Frames;
import io.reactivedht.transport.stream.StreamEndedException;
import io.reactivedht.transport.stream.StreamResetException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** DHT requests and responses over streams, both sides. */
public final class KadStreams {
  /**
   * How long an inbound stream may take to deliver its next whole request, go's {@code
   * dhtStreamIdleTimeout}: a stream that sends nothing, or dribbles a message, is reset.
   */
  public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(1);

  private final MessageFraming framing;
  private final FrameDecoder<byte[]> messages;
  private final Duration idleTimeout;
  private final Scheduler timer;

  /**
   * @param maxMessageSize the longest message read or written (4 MiB in go and js)
   * @param idleTimeout how long an inbound stream may take to deliver its next whole request
   * @param timer the scheduler that times it
   */
  public KadStreams(int maxMessageSize, Duration idleTimeout, Scheduler timer) {
    this.framing = new MessageFraming(maxMessageSize);
    this.messages = Frames.varintPrefixed(maxMessageSize, "dht message");
    this.idleTimeout = idleTimeout;
    this.timer = timer;
  }

  /**
   * Sends {@code request} on a fresh stream and reads the response, then half-closes. The stream is
   * reset if the exchange fails or is cancelled.
   *
   * @return the response, or empty once written for a request that gets none
   */
  public Mono<DhtResponse> exchange(ByteStream stream, DhtRequest request) {
    return Exchanges.resetOnFailure(
        Mono.defer(
            () -> {
              Mono<Void> written = stream.write(framing.frame(DhtCodec.encodeRequest(request)));
              if (!request.expectsResponse()) {
                return written.then(stream.closeWrite()).then(Mono.<DhtResponse>empty());
              }
              return stream
                  .read(messages)
                  .map(bytes -> DhtCodec.decodeResponse(bytes, request))
                  .flatMap(
                      response ->
                          stream
                              .closeWrite()
                              .onErrorResume(e -> Mono.empty())
                              .thenReturn(response));
            }),
        stream);
  }

  /**
   * Answers the requests arriving on an inbound stream, one after the other, until the peer closes
   * it. The next message is read while a request is being handled, so a peer that resets or closes
   * the stream cancels the handler's work.
   *
   * @return completes when the peer closed the stream; fails (and resets the stream) on a malformed
   *     or oversized message, when the handler fails, when it gives no answer where one is due, or
   *     with a {@link TimeoutException} when the next whole request takes longer than the idle
   *     timeout (as go resets an idle DHT stream after a minute)
   */
  public Mono<Void> serve(PeerId from, ByteStream stream, RequestHandler handler) {
    AtomicReference<Mono<byte[]>> incoming = new AtomicReference<>(nextRequest(stream));
    Mono<Void> requests =
        Mono.defer(incoming::get)
            .flatMap(
                bytes -> {
                  DhtRequest request = DhtCodec.decodeRequest(bytes);
                  Mono<byte[]> next = nextRequest(stream).cache();
                  next.subscribe(message -> {}, error -> {});
                  incoming.set(next);
                  Mono<Boolean> peerGone =
                      next.materialize()
                          .flatMap(signal -> signal.isOnNext() ? Mono.never() : Mono.just(true));
                  Mono<DhtResponse> answer = handler.handle(from, request).takeUntilOther(peerGone);
                  if (!request.expectsResponse()) {
                    return answer.thenReturn(true);
                  }
                  return answer
                      .switchIfEmpty(
                          Mono.error(
                              () -> new IllegalStateException("no answer to " + request.type())))
                      .flatMap(response -> writeResponse(stream, response, request))
                      .thenReturn(true);
                })
            .repeat()
            .onErrorResume(KadStreams::isPeerGone, gone -> Mono.empty())
            .then(Mono.defer(stream::closeWrite));
    return Exchanges.resetOnFailure(requests, stream);
  }

  /** The next whole request message, failing with a {@link TimeoutException} past the idle time. */
  private Mono<byte[]> nextRequest(ByteStream stream) {
    return stream
        .read(messages)
        .timeout(
            idleTimeout,
            Mono.error(
                () ->
                    new TimeoutException(
                        "no whole request within " + idleTimeout + ": the stream is reset")),
            timer);
  }

  /**
   * The peer ended or reset the stream between requests: go and js end their streams either way.
   */
  private static boolean isPeerGone(Throwable error) {
    return error instanceof StreamEndedException || error instanceof StreamResetException;
  }

  /**
   * @throws IllegalArgumentException (into the pipeline) if the response exceeds the message bound
   */
  private Mono<Void> writeResponse(ByteStream stream, DhtResponse response, DhtRequest request) {
    return stream.write(framing.frame(DhtCodec.encodeResponse(response, request)));
  }
}

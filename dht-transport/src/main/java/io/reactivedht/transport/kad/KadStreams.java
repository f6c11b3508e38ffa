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
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** DHT requests and responses over streams, both sides. */
public final class KadStreams {
  /**
   * How long an inbound stream may take to deliver its next whole request, go's {@code
   * dhtStreamIdleTimeout}: a stream that sends nothing, or dribbles a message, is reset.
   */
  public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(1);

  final MessageFraming framing;
  final FrameDecoder<byte[]> messages;
  final Duration idleTimeout;
  final Scheduler timer;

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
   * Answers the requests arriving on an inbound stream, one after the other, until the peer ends
   * it. The next request is read while one is answered: the peer's end of the stream (FIN) lets the
   * answer go out first, as go's server does; a reset cancels the handler's work.
   *
   * @return completes when the peer ended (or reset) the stream between requests; fails (and resets
   *     the stream) on a malformed or oversized message, when the handler fails, when it gives no
   *     answer where one is due, or with a {@link TimeoutException} when the next whole request
   *     takes longer than the idle timeout (as go resets an idle DHT stream after a minute);
   *     cancelling it resets the stream
   */
  public Mono<Void> serve(PeerId from, ByteStream stream, RequestHandler handler) {
    return Mono.create(sink -> new ServedStream(this, from, stream, handler, sink).start());
  }
}

package io.reactivedht.transport.kad;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.wire.DhtCodec;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.spi.RequestHandler;
import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.FrameDecoder;
import io.reactivedht.transport.stream.Frames;
import io.reactivedht.transport.stream.StreamEndedException;
import io.reactivedht.transport.stream.StreamResetException;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/** DHT requests and responses over streams, both sides. */
public final class KadStreams {
  private final int maxMessageSize;
  private final FrameDecoder<byte[]> messages;

  /** @param maxMessageSize the longest message read or written (4 MiB in go and js) */
  public KadStreams(int maxMessageSize) {
    this.maxMessageSize = maxMessageSize;
    this.messages = Frames.varintPrefixed(maxMessageSize, "dht message");
  }

  /**
   * Sends {@code request} on a fresh stream and reads the response, then half-closes. The stream is reset if the
   * exchange fails or is cancelled.
   *
   * @return the response, or empty once written for a request that gets none
   */
  public Mono<DhtResponse> exchange(ByteStream stream, DhtRequest request) {
    return Mono.defer(
            () -> {
              byte[] message = DhtCodec.encodeRequest(request);
              if (message.length > maxMessageSize) {
                return Mono.error(new IllegalArgumentException("dht request of " + message.length + " bytes exceeds " + maxMessageSize));
              }
              Mono<Void> written = stream.write(Frames.varintPrefix(message));
              if (!request.expectsResponse()) {
                return written.then(stream.closeWrite()).then(Mono.<DhtResponse>empty());
              }
              return stream
                  .read(messages)
                  .map(bytes -> DhtCodec.decodeResponse(bytes, request))
                  .flatMap(response -> stream.closeWrite().onErrorResume(e -> Mono.empty()).thenReturn(response));
            })
        .doOnError(e -> stream.reset())
        .doOnCancel(stream::reset);
  }

  /**
   * Answers the requests arriving on an inbound stream, one after the other, until the peer closes it. The next
   * message is read while a request is being handled, so a peer that resets or closes the stream cancels the
   * handler's work.
   *
   * @return completes when the peer closed the stream; fails (and resets the stream) on a malformed or oversized
   *     message, when the handler fails, or when it gives no answer where one is due
   */
  public Mono<Void> serve(PeerId from, ByteStream stream, RequestHandler handler) {
    AtomicReference<Mono<byte[]>> incoming = new AtomicReference<>(stream.read(messages));
    return Mono.defer(incoming::get)
        .flatMap(
            bytes -> {
              DhtRequest request = DhtCodec.decodeRequest(bytes);
              Mono<byte[]> next = stream.read(messages).cache();
              next.subscribe(message -> {}, error -> {});
              incoming.set(next);
              Mono<Boolean> peerGone =
                  next.materialize().flatMap(signal -> signal.isOnNext() ? Mono.never() : Mono.just(true));
              Mono<DhtResponse> answer = handler.handle(from, request).takeUntilOther(peerGone);
              if (!request.expectsResponse()) {
                return answer.thenReturn(true);
              }
              return answer
                  .switchIfEmpty(Mono.error(() -> new IllegalStateException("no answer to " + request.type())))
                  .flatMap(response -> writeResponse(stream, response, request))
                  .thenReturn(true);
            })
        .repeat()
        .onErrorResume(KadStreams::isPeerGone, gone -> Mono.empty())
        .then(Mono.defer(stream::closeWrite))
        .doOnError(e -> stream.reset())
        .doOnCancel(stream::reset);
  }

  /** The peer ended or reset the stream between requests: go and js end their streams either way. */
  private static boolean isPeerGone(Throwable error) {
    return error instanceof StreamEndedException || error instanceof StreamResetException;
  }

  private Mono<Void> writeResponse(ByteStream stream, DhtResponse response, DhtRequest request) {
    byte[] message = DhtCodec.encodeResponse(response, request);
    if (message.length > maxMessageSize) {
      return Mono.error(new IllegalStateException("dht response of " + message.length + " bytes exceeds " + maxMessageSize));
    }
    return stream.write(Frames.varintPrefix(message));
  }
}

package io.reactivedht.transport.stream;

import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * The one rule every protocol exchange on a stream follows: if it fails or is cancelled, the stream
 * is reset.
 */
public final class Exchanges {
  private Exchanges() {}

  private static final FrameDecoder<Boolean> ANY_BYTE =
      buffered -> buffered.hasRemaining() ? Boolean.TRUE : null;

  /**
   * Waits until the peer either sends more bytes (true; nothing is consumed) or ends the stream
   * (false): how a protocol that carries several messages per stream tells a clean end from a
   * message still on its way.
   */
  public static Mono<Boolean> hasMore(ByteStream stream) {
    return stream
        .read(ANY_BYTE)
        .onErrorResume(StreamEndedException.class, ended -> Mono.just(Boolean.FALSE));
  }

  /**
   * {@code exchange}, resetting {@code stream} when it fails or is cancelled. The reset on cancel
   * happens after the cancellation reached the pending read, so the read's failure is not reported
   * to a subscriber that left.
   */
  public static <T> Mono<T> resetOnFailure(Mono<T> exchange, ByteStream stream) {
    return exchange
        .doOnError(e -> stream.reset())
        .doFinally(
            signal -> {
              if (signal == SignalType.CANCEL) {
                stream.reset();
              }
            });
  }
}

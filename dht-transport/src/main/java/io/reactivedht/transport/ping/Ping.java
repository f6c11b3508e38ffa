package io.reactivedht.transport.ping;

import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.Exchanges;
import io.reactivedht.transport.stream.FrameDecoder;
import io.reactivedht.transport.stream.Frames;
import io.reactivedht.transport.stream.StreamEndedException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The libp2p ping protocol (WIRE §9.5) on a stream already negotiated for it. The dialer may {@link
 * #ping} several times in a row on one stream and then half-closes it; the listener {@link #serve
 * serves} echoes until then.
 *
 * <p>A ping or serve that fails or is cancelled resets the stream, so a late echo can never answer
 * the next ping.
 */
public final class Ping {
  /** The protocol id. */
  public static final String PROTOCOL_ID = "/ipfs/ping/1.0.0";

  /** The size of a ping payload and of its echo. */
  public static final int PAYLOAD_BYTES = 32;

  private static final FrameDecoder<byte[]> PAYLOAD = Frames.exactly(PAYLOAD_BYTES);

  private Ping() {}

  /**
   * Sends one ping and waits for its echo.
   *
   * @param random where the payload comes from (a {@link java.security.SecureRandom} in production)
   * @param clock whose {@link Scheduler#now} times the round trip
   * @return the round-trip time; fails with {@link PingException} if the echo differs
   */
  public static Mono<Duration> ping(ByteStream stream, Random random, Scheduler clock) {
    Mono<Duration> roundTrip =
        Mono.defer(
            () -> {
              byte[] payload = new byte[PAYLOAD_BYTES];
              random.nextBytes(payload);
              long sent = clock.now(TimeUnit.NANOSECONDS);
              return stream
                  .write(payload)
                  .then(stream.read(PAYLOAD))
                  .map(
                      echo -> {
                        if (!Arrays.equals(echo, payload)) {
                          throw new PingException(
                              "ping: sent "
                                  + HexFormat.of().formatHex(payload)
                                  + ", echoed "
                                  + HexFormat.of().formatHex(echo));
                        }
                        return Duration.ofNanos(clock.now(TimeUnit.NANOSECONDS) - sent);
                      });
            });
    return Exchanges.resetOnFailure(roundTrip, stream);
  }

  /**
   * Echoes each 32-byte payload until the dialer half-closes between two of them, then half-closes
   * too. Holds one payload at a time.
   *
   * @return completes when the dialer is done; fails with {@link StreamEndedException} if it stops
   *     in the middle of a payload, or with the error that broke the stream
   */
  public static Mono<Void> serve(ByteStream stream) {
    Mono<Boolean> echoOne =
        Mono.defer(() -> Exchanges.hasMore(stream))
            .flatMap(
                more ->
                    more
                        ? stream.read(PAYLOAD).flatMap(stream::write).thenReturn(Boolean.TRUE)
                        : Mono.just(Boolean.FALSE));
    return Exchanges.resetOnFailure(
        echoOne.repeat().takeWhile(Boolean::booleanValue).then(Mono.defer(stream::closeWrite)),
        stream);
  }
}

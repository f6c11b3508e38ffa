package io.reactivedht.transport.ping;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.transport.stream.Frames;
import io.reactivedht.transport.stream.PipedByteStream;
import io.reactivedht.transport.stream.StreamEndedException;
import io.reactivedht.transport.stream.StreamResetException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Ping end to end over an in-memory pipe: {@code [0]} pings, {@code [1]} serves. */
class PingTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final PipedByteStream[] pipe = PipedByteStream.pair();
  private final PipedByteStream dialer = pipe[0];
  private final PipedByteStream listener = pipe[1];

  @Test
  void pingsAreEchoedAndTimedOnTheGivenClockUntilTheDialerCloses() {
    Scheduler clock = clockReading(1_000, 1_750, 5_000, 5_020);
    Random random = new Random(42);
    StepVerifier serving = StepVerifier.create(Ping.serve(listener)).expectComplete().verifyLater();

    StepVerifier.create(Ping.ping(dialer, random, clock))
        .expectNext(Duration.ofNanos(750))
        .expectComplete()
        .verify(TIMEOUT);
    StepVerifier.create(Ping.ping(dialer, random, clock))
        .expectNext(Duration.ofNanos(20))
        .expectComplete()
        .verify(TIMEOUT);
    dialer.closeWrite();

    serving.verify(TIMEOUT);
    // the listener half-closed in turn
    StepVerifier.create(dialer.read(Frames.available(1)))
        .expectError(StreamEndedException.class)
        .verify(TIMEOUT);
  }

  @Test
  void aWrongEchoFailsThePing() {
    StepVerifier.create(Ping.ping(dialer, new Random(1), Schedulers.immediate()))
        .then(
            () ->
                listener
                    .read(Frames.exactly(Ping.PAYLOAD_BYTES))
                    .subscribe(
                        payload -> {
                          payload[0] ^= 1;
                          listener.write(payload);
                        }))
        .expectError(PingException.class)
        .verify(TIMEOUT);
  }

  @Test
  void serveEchoesEachPayloadInOrderEvenWhenTheyArriveTogether() {
    byte[] payloads = new byte[3 * Ping.PAYLOAD_BYTES];
    new Random(7).nextBytes(payloads);
    dialer.write(payloads);
    dialer.closeWrite();

    StepVerifier.create(Ping.serve(listener)).expectComplete().verify(TIMEOUT);
    StepVerifier.create(dialer.read(Frames.exactly(payloads.length)))
        .assertNext(echoed -> assertThat(echoed).isEqualTo(payloads))
        .expectComplete()
        .verify(TIMEOUT);
    StepVerifier.create(dialer.read(Frames.available(1)))
        .expectError(StreamEndedException.class)
        .verify(TIMEOUT);
  }

  @Test
  void anEndInsideAPayloadFailsServeAndResetsTheStream() {
    dialer.write(new byte[Ping.PAYLOAD_BYTES + 5]);
    dialer.closeWrite();

    StepVerifier.create(Ping.serve(listener))
        .expectError(StreamEndedException.class)
        .verify(TIMEOUT);
    StepVerifier.create(dialer.read(Frames.exactly(Ping.PAYLOAD_BYTES + 1)))
        .expectError(StreamResetException.class)
        .verify(TIMEOUT);
  }

  /**
   * A scheduler whose clock reads the given nanosecond values in turn; it runs tasks immediately.
   */
  private static Scheduler clockReading(long... nanos) {
    Deque<Long> readings = new ArrayDeque<>();
    for (long n : nanos) {
      readings.add(n);
    }
    return new Scheduler() {
      @Override
      public long now(TimeUnit unit) {
        return unit.convert(readings.remove(), TimeUnit.NANOSECONDS);
      }

      @Override
      public Disposable schedule(Runnable task) {
        return Schedulers.immediate().schedule(task);
      }

      @Override
      public Worker createWorker() {
        return Schedulers.immediate().createWorker();
      }
    };
  }
}

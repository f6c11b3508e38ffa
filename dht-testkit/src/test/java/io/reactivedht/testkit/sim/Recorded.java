package io.reactivedht.testkit.sim;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The outcome of a Mono subscribed on the test thread, and the virtual time at which it came. */
final class Recorded<T> {
  private final VirtualTimeScheduler clock;
  private final long start;
  private final Disposable subscription;
  private @Nullable T value;
  private @Nullable Throwable error;
  private boolean done;
  private long doneAt;

  private Recorded(Mono<T> mono, VirtualTimeScheduler clock) {
    this.clock = clock;
    this.start = clock.now(TimeUnit.NANOSECONDS);
    this.subscription = mono.subscribe(v -> value = v, this::failed, this::finished);
  }

  /** Subscribes to {@code mono} now. */
  static <T> Recorded<T> subscribe(Mono<T> mono, VirtualTimeScheduler clock) {
    return new Recorded<>(mono, clock);
  }

  private void failed(Throwable e) {
    error = e;
    finished();
  }

  private void finished() {
    done = true;
    doneAt = clock.now(TimeUnit.NANOSECONDS);
  }

  boolean isDone() {
    return done;
  }

  /** The value, or null if it completed empty or is not done. */
  @Nullable T value() {
    return value;
  }

  @Nullable Throwable error() {
    return error;
  }

  /** The virtual time from subscription to completion. */
  Duration took() {
    if (!done) {
      throw new IllegalStateException("not done");
    }
    return Duration.ofNanos(doneAt - start);
  }

  void cancel() {
    subscription.dispose();
  }
}

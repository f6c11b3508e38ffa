package io.reactivedht.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

class SimulationClockTest {
  private final SimulationClock clock = new SimulationClock();

  @Test
  void runsTasksInTimeOrderAndJumpsTime() {
    List<String> log = new ArrayList<>();
    clock.schedule(
        () -> log.add("b@" + clock.now(TimeUnit.MILLISECONDS)), 20, TimeUnit.MILLISECONDS);
    clock.schedule(
        () -> log.add("a@" + clock.now(TimeUnit.MILLISECONDS)), 10, TimeUnit.MILLISECONDS);
    clock.schedule(
        () -> log.add("c@" + clock.now(TimeUnit.MILLISECONDS)), 10, TimeUnit.MILLISECONDS);
    clock.advanceBy(Duration.ofMillis(15));
    assertThat(log).containsExactly("a@10", "c@10");
    assertThat(clock.now(TimeUnit.MILLISECONDS)).isEqualTo(15);
    clock.advanceBy(Duration.ofMillis(100));
    assertThat(log).containsExactly("a@10", "c@10", "b@20");
    assertThat(clock.now(TimeUnit.MILLISECONDS)).isEqualTo(115);
  }

  @Test
  void advanceUntilStepsUntilDoneOrTheLimit() {
    AtomicBoolean done = new AtomicBoolean();
    clock.schedule(() -> done.set(true), 120, TimeUnit.MILLISECONDS);

    assertThat(clock.advanceUntil(done::get, Duration.ofMillis(50), Duration.ofSeconds(1)))
        .isTrue();
    assertThat(clock.now(TimeUnit.MILLISECONDS)).as("three steps of 50 ms").isEqualTo(150);

    assertThat(clock.advanceUntil(() -> false, Duration.ofMillis(50), Duration.ofMillis(200)))
        .isFalse();
    assertThat(clock.now(TimeUnit.MILLISECONDS)).as("stopped at the limit").isEqualTo(350);
  }

  @Test
  void cancelledTasksDoNotRun() {
    List<String> log = new ArrayList<>();
    Disposable d = clock.schedule(() -> log.add("x"), 5, TimeUnit.SECONDS);
    d.dispose();
    clock.advanceBy(Duration.ofSeconds(10));
    assertThat(log).isEmpty();
    assertThat(clock.pendingTasks()).isZero();
  }

  @Test
  void periodicTasksRepeatUntilDisposed() {
    List<Long> ticks = new ArrayList<>();
    Disposable d =
        clock.schedulePeriodically(
            () -> ticks.add(clock.now(TimeUnit.SECONDS)), 1, 2, TimeUnit.SECONDS);
    clock.advanceBy(Duration.ofSeconds(6));
    d.dispose();
    clock.advanceBy(Duration.ofSeconds(6));
    assertThat(ticks).containsExactly(1L, 3L, 5L);
  }

  @Test
  void disposedWorkerStopsItsTasksIncludingPeriodicOnes() {
    List<String> log = new ArrayList<>();
    Scheduler.Worker worker = clock.createWorker();
    worker.schedule(() -> log.add("once"), 1, TimeUnit.SECONDS);
    worker.schedulePeriodically(() -> log.add("tick"), 0, 1, TimeUnit.SECONDS);
    clock.advanceBy(Duration.ofMillis(500));
    worker.dispose();
    clock.advanceBy(Duration.ofSeconds(5));
    assertThat(log).containsExactly("tick");
    assertThat(clock.pendingTasks()).isZero();
  }

  @Test
  void drivesReactorOperators() {
    List<Long> seen = new ArrayList<>();
    Flux.interval(Duration.ofSeconds(1), clock).take(3).subscribe(seen::add);
    Mono.never()
        .timeout(Duration.ofSeconds(2), Mono.just(-1L), clock)
        .subscribe(v -> seen.add((Long) v));
    clock.advanceBy(Duration.ofSeconds(10));
    assertThat(seen)
        .containsExactly(0L, -1L, 1L, 2L); // at 2 s the earlier-armed timeout runs first
  }
}

package io.reactivedht.transport.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResourceScopeTest {
  private final ResourceScope node = ResourceScope.root("node", 100, 3);
  private final ResourceScope a = node.child("a", 60, 2);
  private final ResourceScope b = node.child("b", 60, 2);

  @Test
  void aChildIsBoundByItsOwnLimitAndByItsParents() {
    assertThat(a.tryReserve(60)).isTrue();
    assertThat(a.tryReserve(1)).as("a is full").isFalse();
    assertThat(b.tryReserve(41)).as("the node has 40 left").isFalse();
    assertThat(b.tryReserve(40)).isTrue();

    assertThat(node.used()).isEqualTo(100);
    assertThat(b.used()).isEqualTo(40);
    assertThat(b.available()).isZero();
  }

  @Test
  void aRefusedReservationLeavesNothingBehind() {
    b.tryReserve(50);

    assertThat(a.tryReserve(55)).isFalse();

    assertThat(a.used()).isZero();
    assertThat(node.used()).isEqualTo(50);
  }

  @Test
  void releasedBytesCanBeReservedAgain() {
    a.tryReserve(60);
    a.release(60);

    assertThat(a.used()).isZero();
    assertThat(node.used()).isZero();
    assertThat(b.tryReserve(60)).isTrue();
  }

  @Test
  void streamsCountInEveryScopeAboveAndAreRefusedAtAnyLimit() {
    assertThat(a.tryOpenStream()).isTrue();
    assertThat(a.tryOpenStream()).isTrue();
    assertThat(a.tryOpenStream()).as("a has 2").isFalse();
    assertThat(b.tryOpenStream()).isTrue();
    assertThat(b.tryOpenStream()).as("the node has 3").isFalse();
    assertThat(b.streams()).as("a refusal counts nowhere").isEqualTo(1);

    a.closeStream();

    assertThat(node.streams()).isEqualTo(2);
    assertThat(b.tryOpenStream()).isTrue();
  }

  @Test
  void concurrentReservationsNeverExceedTheLimit() throws Exception {
    ResourceScope shared = ResourceScope.root("node", 10_000, 1);
    AtomicLong granted = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<?>[] workers = new Future<?>[4];
      for (int w = 0; w < workers.length; w++) {
        workers[w] =
            pool.submit(
                () -> {
                  for (int i = 0; i < 10_000; i++) {
                    if (shared.tryReserve(3)) {
                      granted.addAndGet(3);
                    }
                  }
                });
      }
      for (Future<?> worker : workers) {
        worker.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(shared.used())
        .isEqualTo(granted.get())
        .isLessThanOrEqualTo(10_000)
        .isGreaterThan(9_990);
  }
}

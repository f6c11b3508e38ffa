package io.reactivedht.reactor.internal.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.reactor.testing.TestPeers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The slot-timeout and backoff rules, on a hand-driven clock. */
class PeerHealthTest {
  private static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);
  private final PeerId a = TestPeers.peer(1).id();
  private final PeerId b = TestPeers.peer(2).id();
  private long nanos;
  private final PeerHealth health = new PeerHealth(RPC_TIMEOUT, () -> nanos);

  private void advance(Duration d) {
    nanos += d.toNanos();
  }

  @Test
  void beforeAnyAnswerTheSlotTimeoutIsTheInitialOne() {
    assertThat(health.slotTimeout(a)).isEqualTo(PeerHealth.INITIAL_SLOT_TIMEOUT);
  }

  @Test
  void theFirstSampleGivesThreeRoundTrips() {
    health.answered(a, Duration.ofMillis(200)); // srtt 200, rttvar 100

    assertThat(health.slotTimeout(a)).isEqualTo(Duration.ofMillis(600));
  }

  @Test
  void laterSamplesSmoothInTheMannerOfTcp() {
    health.answered(a, Duration.ofMillis(200));
    health.answered(a, Duration.ofMillis(400));
    // rttvar = 3/4 * 100 + 1/4 * |200 - 400| = 125; srtt = 7/8 * 200 + 1/8 * 400 = 225; 225 + 4 *
    // 125 = 725
    assertThat(health.slotTimeout(a)).isEqualTo(Duration.ofMillis(725));
  }

  @Test
  void onceTheNodeHasEnoughRoundTripsEveryPeerGetsItsBar() {
    for (int i = 0; i < PeerHealth.MIN_NODE_SAMPLES; i++) {
      health.answered(TestPeers.peer(100 + i).id(), Duration.ofMillis(300));
    }

    assertThat(health.slotTimeout(b)).as("1.5 x p99 = 450 ms").isEqualTo(Duration.ofMillis(450));
  }

  @Test
  void theBarIsTheNinetyNinthPercentileOfTheLatestRoundTrips() {
    // older samples, pushed out of the window (the bar is renewed at 100, then every 16 samples:
    // 1012 + 256 is a renewal)
    for (int i = 0; i < 1012; i++) {
      health.answered(TestPeers.peer(5).id(), Duration.ofSeconds(5));
    }
    for (int i = 0; i < PeerHealth.NODE_SAMPLES; i++) {
      health.answered(TestPeers.peer(100 + i).id(), Duration.ofMillis(i < 253 ? 200 : 1000));
    }

    // 256 samples: the 254th smallest (ceil(0.99 * 256)) is 1000 ms, 3 samples are 1000 ms.
    assertThat(health.slotTimeout(b)).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void theBarMatchesSortingTheWindowForAnyRoundTrips() {
    SplittableRandom random = new SplittableRandom(11);
    List<Long> all = new ArrayList<>();
    for (int renewal = 0; renewal < 40; renewal++) {
      int count = renewal == 0 ? PeerHealth.MIN_NODE_SAMPLES : 16;
      for (int i = 0; i < count; i++) {
        long millis = 250 + random.nextLong(random.nextBoolean() ? 300 : 4_000);
        all.add(millis);
        health.answered(TestPeers.peer(100 + all.size()).id(), Duration.ofMillis(millis));
      }
      List<Long> window =
          all.subList(Math.max(0, all.size() - PeerHealth.NODE_SAMPLES), all.size()).stream()
              .sorted()
              .toList();
      int n = window.size();
      long p99 = window.get(Math.min(n - 1, (int) Math.ceil(0.99 * n) - 1));
      long bar = (long) (PeerHealth.NODE_FACTOR * Duration.ofMillis(p99).toNanos());
      assertThat(health.slotTimeout(b))
          .as("after %d", all.size())
          .isEqualTo(Duration.ofNanos(Math.min(RPC_TIMEOUT.toNanos(), bar)));
    }
  }

  @Test
  void aPeerKnownToBeSlowerThanTheBarGetsItsOwnLongerSlot() {
    for (int i = 0; i < PeerHealth.MIN_NODE_SAMPLES; i++) {
      health.answered(TestPeers.peer(100 + i).id(), Duration.ofMillis(200));
    }
    health.answered(a, Duration.ofMillis(900));

    assertThat(health.slotTimeout(a)).as("3 x 900 ms").isEqualTo(Duration.ofMillis(2700));
    assertThat(health.slotTimeout(b))
        .as("the bar, at least the floor")
        .isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void theSlotTimeoutStaysBetweenTheFloorAndTheRpcTimeout() {
    health.answered(a, Duration.ofMillis(1));
    health.answered(b, Duration.ofSeconds(30));

    assertThat(health.slotTimeout(a)).isEqualTo(PeerHealth.SLOT_TIMEOUT_FLOOR);
    assertThat(health.slotTimeout(b)).isEqualTo(RPC_TIMEOUT);
  }

  @Test
  void aFailedPeerIsAvoidedForTheBackoffThenAskedAgain() {
    health.failed(a);

    assertThat(health.avoid(a)).isTrue();
    assertThat(health.avoid(b)).isFalse();
    advance(PeerHealth.BACKOFF_BASE.minusNanos(1));
    assertThat(health.avoid(a)).isTrue();
    advance(Duration.ofNanos(1));
    assertThat(health.avoid(a)).isFalse();
  }

  @Test
  void eachFailureInARowDoublesTheBackoffUpToItsMaximum() {
    health.failed(a);
    health.failed(a);
    advance(PeerHealth.BACKOFF_BASE.multipliedBy(2).minusNanos(1));
    assertThat(health.avoid(a)).isTrue();
    advance(Duration.ofNanos(1));
    assertThat(health.avoid(a)).isFalse();

    for (int i = 0; i < 40; i++) {
      health.failed(a);
    }
    advance(PeerHealth.BACKOFF_MAX);
    assertThat(health.avoid(a)).isFalse();
  }

  @Test
  void aPeerHasFailedSinceItsLastAnswerUntilItAnswersAgain() {
    assertThat(health.hasFailedSinceLastAnswer(a)).as("never heard of").isFalse();
    health.failed(a);
    advance(PeerHealth.BACKOFF_MAX);
    assertThat(health.hasFailedSinceLastAnswer(a)).as("after its backoff too").isTrue();

    health.answered(a, Duration.ofMillis(100));

    assertThat(health.hasFailedSinceLastAnswer(a)).isFalse();
  }

  @Test
  void anAnswerForgetsTheFailures() {
    health.failed(a);
    health.failed(a);

    health.answered(a, Duration.ofMillis(100));

    assertThat(health.avoid(a)).isFalse();
    health.failed(a);
    advance(PeerHealth.BACKOFF_BASE);
    assertThat(health.avoid(a)).as("back to the base backoff").isFalse();
  }

  @Test
  void remembersABoundedNumberOfPeers() {
    for (int i = 0; i < PeerHealth.MAX_PEERS + 50; i++) {
      health.failed(TestPeers.peer(1000 + i).id());
    }

    assertThat(health.size()).isEqualTo(PeerHealth.MAX_PEERS);
    assertThat(health.avoid(TestPeers.peer(1000).id()))
        .as("the least recently used is forgotten")
        .isFalse();
    assertThat(health.avoid(TestPeers.peer(1000 + PeerHealth.MAX_PEERS + 49).id())).isTrue();
  }
}

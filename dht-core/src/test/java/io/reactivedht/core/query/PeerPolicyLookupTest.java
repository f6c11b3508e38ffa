package io.reactivedht.core.query;

import static io.reactivedht.core.query.TestPeers.SELF;
import static io.reactivedht.core.query.TestPeers.T0;
import static io.reactivedht.core.query.TestPeers.TARGET;
import static io.reactivedht.core.query.TestPeers.TIMEOUT;
import static io.reactivedht.core.query.TestPeers.closestFirst;
import static io.reactivedht.core.query.TestPeers.drain;
import static io.reactivedht.core.query.TestPeers.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.peer.PeerId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The timer and skip rules a {@link PeerPolicy} brings, and the follow-up phase after early
 * termination.
 */
class PeerPolicyLookupTest {
  private static final List<PeerId> P = closestFirst(40);
  private static final Duration SHORT = Duration.ofMillis(300);

  /**
   * Slot timeouts from a map (the default for peers not in it), avoiding the peers in {@code
   * avoided}.
   */
  private static PeerPolicy policy(
      Map<PeerId, Duration> slots, Duration otherwise, Set<PeerId> avoided) {
    return new PeerPolicy() {
      @Override
      public Duration slotTimeout(PeerId peer) {
        return slots.getOrDefault(peer, otherwise);
      }

      @Override
      public boolean avoid(PeerId peer) {
        return avoided.contains(peer);
      }
    };
  }

  @Test
  void eachRequestStallsAtItsOwnPeersSlotTimeout() {
    PeerPolicy slots = policy(Map.of(P.get(0), SHORT), Duration.ofSeconds(2), Set.of());
    Lookup lookup =
        new ClosestPeersLookup(
            TARGET, SELF, P.subList(0, 3), LookupConfig.DEFAULT.withAlpha(2), slots);

    assertThat(drain(lookup, T0)).containsExactly(P.get(0), P.get(1));
    assertThat(lookup.next(T0)).isEqualTo(new LookupStep.AtCapacity(T0.plus(SHORT)));
    assertThat(lookup.next(T0.plus(SHORT).minusNanos(1))).isInstanceOf(LookupStep.AtCapacity.class);

    assertThat(lookup.next(T0.plus(SHORT)))
        .as("P0 stalled: its slot goes to P2")
        .isEqualTo(query(P.get(2)));
    assertThat(lookup.stats().timedOut()).isEqualTo(1);
    assertThat(lookup.next(T0.plus(SHORT))).isEqualTo(new LookupStep.Waiting(T0.plusSeconds(2)));
  }

  @Test
  void theSlotTimeoutIsCappedAtThePeerTimeout() {
    PeerPolicy slow = PeerPolicy.uniform(TIMEOUT.multipliedBy(3));
    Lookup lookup =
        new ClosestPeersLookup(TARGET, SELF, P.subList(0, 1), LookupConfig.DEFAULT, slow);

    assertThat(lookup.next(T0)).isEqualTo(query(P.get(0)));
    assertThat(lookup.next(T0)).isEqualTo(new LookupStep.Waiting(T0.plus(TIMEOUT)));
  }

  @Test
  void aStalledPeerNoLongerHoldsUpTheEnd() {
    Lookup lookup =
        new ClosestPeersLookup(
            TARGET,
            SELF,
            P.subList(0, 3),
            LookupConfig.DEFAULT.withNumResults(2),
            PeerPolicy.uniform(SHORT));
    drain(lookup, T0);
    lookup.onSuccess(P.get(1), List.of());
    lookup.onSuccess(P.get(2), List.of());
    assertThat(lookup.next(T0))
        .as("P0 is closer and awaited")
        .isEqualTo(new LookupStep.Waiting(T0.plus(SHORT)));

    assertThat(lookup.next(T0.plus(SHORT))).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.result()).containsExactly(P.get(1), P.get(2));
  }

  @Test
  void whileNobodyAnsweredAStalledPeerIsWaitedForUntilThePeerTimeout() {
    Lookup lookup =
        new ClosestPeersLookup(
            TARGET,
            SELF,
            P.subList(0, 2),
            LookupConfig.DEFAULT.withNumResults(5),
            PeerPolicy.uniform(SHORT));
    drain(lookup, T0);

    assertThat(lookup.next(T0.plus(SHORT)))
        .as("no answer: no empty-handed end at the slot timeout")
        .isEqualTo(new LookupStep.Waiting(T0.plus(TIMEOUT)));
    assertThat(lookup.onSuccess(P.get(1), List.of())).as("late answer").isTrue();
    assertThat(lookup.next(T0.plusSeconds(1)))
        .as("an answer: the other stalled peer holds up nothing")
        .isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.result()).containsExactly(P.get(1));
  }

  @Test
  void atThePeerTimeoutAStarvingLookupEnds() {
    Lookup lookup =
        new ClosestPeersLookup(
            TARGET, SELF, P.subList(0, 1), LookupConfig.DEFAULT, PeerPolicy.uniform(SHORT));
    drain(lookup, T0);

    assertThat(lookup.next(T0.plus(SHORT))).isEqualTo(new LookupStep.Waiting(T0.plus(TIMEOUT)));
    assertThat(lookup.next(T0.plus(TIMEOUT))).isInstanceOf(LookupStep.Finished.class);
  }

  @Test
  void aLateAnswerBeforeTheEndIsTaken() {
    Lookup lookup =
        new ClosestPeersLookup(
            TARGET,
            SELF,
            P.subList(0, 2),
            LookupConfig.DEFAULT.withNumResults(2),
            PeerPolicy.uniform(SHORT));
    drain(lookup, T0);
    lookup.onSuccess(P.get(1), List.of(P.get(2)));
    assertThat(lookup.next(T0.plus(SHORT))).as("P0 stalled; P2 learned").isEqualTo(query(P.get(2)));

    assertThat(lookup.onSuccess(P.get(0), List.of())).as("late answer").isTrue();
    assertThat(lookup.next(T0.plus(SHORT))).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.result()).containsExactly(P.get(0), P.get(1));
    assertThat(lookup.stats()).isEqualTo(new LookupStats(3, 2, 0, 1, 0));
  }

  @Test
  void avoidedPeersAreSkippedWithoutARequest() {
    PeerPolicy avoid = policy(Map.of(), TIMEOUT, Set.of(P.get(0), P.get(2)));
    Lookup lookup =
        new ClosestPeersLookup(TARGET, SELF, P.subList(0, 4), LookupConfig.DEFAULT, avoid);

    assertThat(drain(lookup, T0)).containsExactly(P.get(1), P.get(3));
    lookup.onSuccess(P.get(1), List.of());
    lookup.onSuccess(P.get(3), List.of());

    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.result()).containsExactly(P.get(1), P.get(3));
    assertThat(lookup.stats()).isEqualTo(new LookupStats(2, 2, 0, 0, 2));
    assertThat(lookup.onSuccess(P.get(0), List.of())).as("never asked").isFalse();
  }

  @Test
  void aLookupWhoseEverySeedIsAvoidedEndsAtOnce() {
    PeerPolicy avoidAll = policy(Map.of(), TIMEOUT, Set.copyOf(P));
    Lookup lookup =
        new ClosestPeersLookup(TARGET, SELF, P.subList(0, 5), LookupConfig.DEFAULT, avoidAll);

    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.stats().skipped()).isEqualTo(5);
  }

  @Test
  void followUpAsksTheUnaskedAmongTheKClosestAfterBeta() {
    LookupConfig config =
        LookupConfig.DEFAULT.withBeta(2).withNumResults(5).withAlpha(2).withFollowUp(true);
    Lookup lookup = new ClosestPeersLookup(TARGET, SELF, P.subList(0, 8), config);

    assertThat(drain(lookup, T0)).containsExactly(P.get(0), P.get(1));
    lookup.onSuccess(P.get(0), List.of());
    lookup.onSuccess(P.get(1), List.of(P.get(30)));

    assertThat(drain(lookup, T0))
        .as("follow-up: the 3 unasked of the 5 closest, alpha at a time")
        .containsExactly(P.get(2), P.get(3));
    lookup.onSuccess(P.get(2), List.of(P.get(20))); // learns nothing in the follow-up phase
    lookup.onFailure(P.get(3));
    assertThat(drain(lookup, T0))
        .as("P3 failed: P4 and P5 complete the five")
        .containsExactly(P.get(4), P.get(5));
    lookup.onSuccess(P.get(4), List.of());
    lookup.onSuccess(P.get(5), List.of());

    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.result()).containsExactly(P.get(0), P.get(1), P.get(2), P.get(4), P.get(5));
    assertThat(lookup.stats().contacted()).as("P20 and P30 were never asked").isEqualTo(6);
  }

  @Test
  void withoutFollowUpBetaEndsTheLookup() {
    LookupConfig config = LookupConfig.DEFAULT.withBeta(2).withNumResults(5).withAlpha(2);
    Lookup lookup = new ClosestPeersLookup(TARGET, SELF, P.subList(0, 8), config);
    drain(lookup, T0);
    lookup.onSuccess(P.get(0), List.of());
    lookup.onSuccess(P.get(1), List.of());

    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Finished.class);
  }
}

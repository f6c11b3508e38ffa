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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClosestPeersLookupTest {
  private static final List<PeerId> P = closestFirst(60);

  private static ClosestPeersLookup lookup(LookupConfig config, List<PeerId> seeds) {
    return new ClosestPeersLookup(TARGET, SELF, seeds, config);
  }

  @Test
  void queriesTheClosestSeedsFirst() {
    List<PeerId> shuffled = new ArrayList<>(P.subList(0, 5));
    Collections.shuffle(shuffled, new Random(1));
    ClosestPeersLookup lookup = lookup(LookupConfig.DEFAULT, shuffled);

    assertThat(drain(lookup, T0)).containsExactlyElementsOf(P.subList(0, 5));
  }

  @Test
  void neverHasMoreThanAlphaRequestsInFlight() {
    ClosestPeersLookup lookup = lookup(LookupConfig.DEFAULT.withAlpha(3), P.subList(0, 10));

    assertThat(drain(lookup, T0)).containsExactlyElementsOf(P.subList(0, 3));
    assertThat(lookup.inFlight()).isEqualTo(3);
    assertThat(lookup.next(T0.plusSeconds(1)))
        .isEqualTo(new LookupStep.AtCapacity(T0.plus(TIMEOUT)));

    lookup.onSuccess(P.get(1), List.of());
    assertThat(lookup.next(T0.plusSeconds(2))).isEqualTo(query(P.get(3)));
    assertThat(lookup.next(T0.plusSeconds(2))).isInstanceOf(LookupStep.AtCapacity.class);
  }

  @Test
  void waitsWithTheEarliestDeadlineWhenNobodyIsLeftToQuery() {
    ClosestPeersLookup lookup = lookup(LookupConfig.DEFAULT, P.subList(0, 2));

    assertThat(lookup.next(T0)).isEqualTo(query(P.get(0)));
    assertThat(lookup.next(T0.plusSeconds(3))).isEqualTo(query(P.get(1)));
    assertThat(lookup.next(T0.plusSeconds(4))).isEqualTo(new LookupStep.Waiting(T0.plus(TIMEOUT)));

    lookup.onFailure(P.get(0));
    assertThat(lookup.next(T0.plusSeconds(5)))
        .isEqualTo(new LookupStep.Waiting(T0.plusSeconds(3).plus(TIMEOUT)));
  }

  @Test
  void aTimeoutFreesTheSlotExactlyAtTheDeadline() {
    ClosestPeersLookup lookup = lookup(LookupConfig.DEFAULT.withAlpha(1), P.subList(0, 3));
    assertThat(lookup.next(T0)).isEqualTo(query(P.get(0)));

    assertThat(lookup.next(T0.plus(TIMEOUT).minusNanos(1)))
        .isEqualTo(new LookupStep.AtCapacity(T0.plus(TIMEOUT)));
    assertThat(lookup.next(T0.plus(TIMEOUT))).isEqualTo(query(P.get(1)));
    assertThat(lookup.inFlight()).isEqualTo(1);
    assertThat(lookup.stats()).isEqualTo(new LookupStats(2, 0, 0, 1));
  }

  @Test
  void anUnresponsivePeerDoesNotHoldUpTermination() {
    ClosestPeersLookup lookup = lookup(LookupConfig.DEFAULT.withNumResults(2), P.subList(0, 3));
    assertThat(drain(lookup, T0)).containsExactlyElementsOf(P.subList(0, 3));
    lookup.onSuccess(P.get(1), List.of());
    lookup.onSuccess(P.get(2), List.of());
    assertThat(lookup.next(T0.plusSeconds(1))).isInstanceOf(LookupStep.Waiting.class);

    assertThat(lookup.next(T0.plus(TIMEOUT))).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.result()).containsExactly(P.get(1), P.get(2));
    assertThat(lookup.stats()).isEqualTo(new LookupStats(3, 2, 0, 1));
  }

  @Test
  void finishesWhenOnlyUnresponsivePeersRemain() {
    ClosestPeersLookup lookup = lookup(LookupConfig.DEFAULT, List.of(P.get(5)));
    assertThat(lookup.next(T0)).isEqualTo(query(P.get(5)));

    assertThat(lookup.next(T0.plus(TIMEOUT))).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.result()).isEmpty();
  }

  @Test
  void aLateSuccessIsAcceptedAndItsCloserPeersAreUsed() {
    ClosestPeersLookup again =
        lookup(LookupConfig.DEFAULT.withAlpha(1).withNumResults(2), P.subList(5, 7));
    assertThat(again.next(T0)).isEqualTo(query(P.get(5)));
    assertThat(again.next(T0.plus(TIMEOUT))).isEqualTo(query(P.get(6)));

    assertThat(again.onSuccess(P.get(5), List.of(P.get(0)))).isTrue();
    assertThat(again.inFlight()).isEqualTo(1);
    assertThat(again.next(T0.plus(TIMEOUT)))
        .isEqualTo(new LookupStep.AtCapacity(T0.plus(TIMEOUT).plus(TIMEOUT)));
    again.onSuccess(P.get(6), List.of());
    assertThat(again.next(T0.plusSeconds(11))).isEqualTo(query(P.get(0)));
    again.onSuccess(P.get(0), List.of());
    assertThat(again.next(T0.plusSeconds(12))).isInstanceOf(LookupStep.Finished.class);
    assertThat(again.result()).containsExactly(P.get(0), P.get(5));
    assertThat(again.stats()).isEqualTo(new LookupStats(3, 3, 0, 1));
  }

  @Test
  void aLateFailureIsRecorded() {
    ClosestPeersLookup lookup = lookup(LookupConfig.DEFAULT.withAlpha(1), P.subList(0, 2));
    lookup.next(T0);
    lookup.next(T0.plus(TIMEOUT));

    assertThat(lookup.onFailure(P.get(0))).isTrue();
    assertThat(lookup.onSuccess(P.get(0), List.of())).isFalse();
    assertThat(lookup.stats()).isEqualTo(new LookupStats(2, 0, 1, 1));
  }

  @Test
  void aFailedPeerIsReplacedByTheNextClosest() {
    ClosestPeersLookup lookup =
        lookup(LookupConfig.DEFAULT.withAlpha(2).withNumResults(2), P.subList(0, 4));
    assertThat(drain(lookup, T0)).containsExactly(P.get(0), P.get(1));

    lookup.onFailure(P.get(0));
    assertThat(lookup.next(T0)).isEqualTo(query(P.get(2)));
    lookup.onSuccess(P.get(1), List.of());
    lookup.onSuccess(P.get(2), List.of());

    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.result()).containsExactly(P.get(1), P.get(2));
    assertThat(lookup.stats()).isEqualTo(new LookupStats(3, 2, 1, 0));
  }

  @Test
  void finishesExactlyWhenTheKClosestHaveAnswered() {
    ClosestPeersLookup lookup =
        lookup(LookupConfig.DEFAULT.withAlpha(1).withNumResults(3), P.subList(0, 6));
    for (int i = 0; i < 3; i++) {
      assertThat(lookup.next(T0)).isEqualTo(query(P.get(i)));
      assertThat(lookup.isFinished()).isFalse();
      lookup.onSuccess(P.get(i), List.of());
    }

    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.isFinished()).isTrue();
    assertThat(lookup.result()).containsExactlyElementsOf(P.subList(0, 3));
    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Finished.class);
  }

  @Test
  void doesNotFinishWhileACloserPeerIsStillInFlight() {
    ClosestPeersLookup lookup = lookup(LookupConfig.DEFAULT.withNumResults(2), P.subList(0, 3));
    drain(lookup, T0);
    lookup.onSuccess(P.get(1), List.of());
    lookup.onSuccess(P.get(2), List.of());

    assertThat(lookup.next(T0)).isEqualTo(new LookupStep.Waiting(T0.plus(TIMEOUT)));
    lookup.onSuccess(P.get(0), List.of());
    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.result()).containsExactly(P.get(0), P.get(1));
  }

  @Test
  void aCloserPeerLearnedLateIsQueriedBeforeFinishing() {
    ClosestPeersLookup lookup =
        lookup(LookupConfig.DEFAULT.withAlpha(1).withNumResults(2), P.subList(2, 5));
    assertThat(lookup.next(T0)).isEqualTo(query(P.get(2)));
    lookup.onSuccess(P.get(2), List.of());
    assertThat(lookup.next(T0)).isEqualTo(query(P.get(3)));
    lookup.onSuccess(P.get(3), List.of(P.get(0)));

    assertThat(lookup.next(T0)).isEqualTo(query(P.get(0)));
    lookup.onSuccess(P.get(0), List.of());
    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.result()).containsExactly(P.get(0), P.get(2));
  }

  @Test
  void doesNotQueryAPeerThatCouldNotChangeTheOutcome() {
    ClosestPeersLookup lookup =
        lookup(LookupConfig.DEFAULT.withAlpha(2).withNumResults(1), P.subList(0, 3));
    assertThat(drain(lookup, T0)).containsExactly(P.get(0), P.get(1));
    lookup.onSuccess(P.get(1), List.of());

    // P2 is farther than the answered P1: it could neither enter the result nor end the lookup.
    assertThat(lookup.next(T0)).isEqualTo(new LookupStep.Waiting(T0.plus(TIMEOUT)));
    lookup.onFailure(P.get(0));
    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.result()).containsExactly(P.get(1));
    assertThat(lookup.stats().contacted()).isEqualTo(2);
  }

  @Test
  void finishesWhenEveryPeerFailed() {
    ClosestPeersLookup lookup = lookup(LookupConfig.DEFAULT, P.subList(0, 3));
    drain(lookup, T0).forEach(lookup::onFailure);

    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.result()).isEmpty();
    assertThat(lookup.stats()).isEqualTo(new LookupStats(3, 0, 3, 0));
  }

  @Test
  void finishesAtOnceWithoutSeeds() {
    ClosestPeersLookup lookup = lookup(LookupConfig.DEFAULT, List.of(SELF));

    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.stats()).isEqualTo(new LookupStats(0, 0, 0, 0));
  }

  @Test
  void betaTerminationEndsOnceTheBetaClosestHaveAnswered() {
    LookupConfig config = LookupConfig.DEFAULT.withBeta(3);
    ClosestPeersLookup early = lookup(config, P.subList(0, 10));
    ClosestPeersLookup full = lookup(config.withEarlyTermination(false), P.subList(0, 10));
    for (Lookup lookup : List.of(early, full)) {
      assertThat(drain(lookup, T0)).hasSize(10);
      for (int i = 0; i < 3; i++) {
        lookup.onSuccess(P.get(i), List.of());
      }
    }

    assertThat(early.next(T0)).isInstanceOf(LookupStep.Finished.class);
    assertThat(early.result()).containsExactlyElementsOf(P.subList(0, 3));
    assertThat(full.next(T0)).isInstanceOf(LookupStep.Waiting.class);
  }

  @Test
  void betaTerminationSkipsFailedAndUnresponsivePeers() {
    ClosestPeersLookup lookup = lookup(LookupConfig.DEFAULT.withBeta(2), P.subList(0, 5));
    drain(lookup, T0);
    lookup.onFailure(P.get(0));
    lookup.onSuccess(P.get(2), List.of());
    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Waiting.class);

    lookup.onSuccess(P.get(3), List.of()); // P1 is still awaited, and closer
    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Waiting.class);

    assertThat(lookup.next(T0.plus(TIMEOUT))).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.result()).containsExactly(P.get(2), P.get(3));
  }

  @Test
  void betaTerminationWaitsForCloserPeersLearnedOnTheWay() {
    ClosestPeersLookup lookup =
        lookup(LookupConfig.DEFAULT.withBeta(1).withAlpha(1), P.subList(1, 3));
    assertThat(lookup.next(T0)).isEqualTo(query(P.get(1)));
    lookup.onSuccess(P.get(1), List.of(P.get(0)));

    assertThat(lookup.next(T0)).isEqualTo(query(P.get(0)));
    lookup.onSuccess(P.get(0), List.of());
    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.result()).containsExactly(P.get(0), P.get(1));
  }

  @Test
  void finishStopsTheLookupAndKeepsWhatWasFound() {
    ClosestPeersLookup lookup = lookup(LookupConfig.DEFAULT, P.subList(0, 5));
    drain(lookup, T0);
    lookup.onSuccess(P.get(3), List.of());

    lookup.finish();

    assertThat(lookup.isFinished()).isTrue();
    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.onSuccess(P.get(0), List.of(P.get(40)))).isFalse();
    assertThat(lookup.onFailure(P.get(1))).isFalse();
    assertThat(lookup.result()).containsExactly(P.get(3));
    assertThat(lookup.stats()).isEqualTo(new LookupStats(5, 1, 0, 0));
  }

  @Test
  void responsesAfterTheLookupFinishedAreIgnored() {
    ClosestPeersLookup lookup = lookup(LookupConfig.DEFAULT.withNumResults(1), P.subList(0, 3));
    drain(lookup, T0);
    lookup.onSuccess(P.get(0), List.of());
    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Finished.class);

    assertThat(lookup.onSuccess(P.get(1), List.of())).isFalse();
    assertThat(lookup.result()).containsExactly(P.get(0));
    assertThat(lookup.stats().succeeded()).isEqualTo(1);
  }

  @Test
  void keepsOnlyTheClosestOfAnOversizedResponse() {
    LookupConfig config =
        LookupConfig.DEFAULT.withAlpha(50).withNumResults(50).withMaxCloserPeers(20);
    ClosestPeersLookup lookup = lookup(config, List.of(P.get(59)));
    lookup.next(T0);
    List<PeerId> response = new ArrayList<>(P.subList(10, 40));
    Collections.shuffle(response, new Random(7));

    lookup.onSuccess(P.get(59), response);

    assertThat(drain(lookup, T0)).containsExactlyElementsOf(P.subList(10, 30));
  }

  @Test
  void neverQueriesTheLocalPeer() {
    ClosestPeersLookup lookup = lookup(LookupConfig.DEFAULT, List.of(SELF, P.get(5)));
    assertThat(drain(lookup, T0)).containsExactly(P.get(5));

    lookup.onSuccess(P.get(5), List.of(SELF, P.get(6), SELF));

    assertThat(drain(lookup, T0)).containsExactly(P.get(6));
  }

  @Test
  void duplicatesAndKnownPeersAreQueriedOnce() {
    ClosestPeersLookup lookup = lookup(LookupConfig.DEFAULT, List.of(P.get(5), P.get(5), P.get(7)));
    assertThat(drain(lookup, T0)).containsExactly(P.get(5), P.get(7));

    lookup.onSuccess(P.get(5), List.of(P.get(1), P.get(1), P.get(5), P.get(7)));
    lookup.onSuccess(P.get(7), List.of(P.get(1), P.get(2)));

    assertThat(drain(lookup, T0)).containsExactly(P.get(1), P.get(2));
    assertThat(lookup.stats().contacted()).isEqualTo(4);
  }

  @Test
  void unsolicitedAndRepeatedOutcomesChangeNothing() {
    ClosestPeersLookup lookup = lookup(LookupConfig.DEFAULT.withAlpha(1), P.subList(0, 2));
    assertThat(lookup.next(T0)).isEqualTo(query(P.get(0)));

    assertThat(lookup.onSuccess(P.get(9), List.of(P.get(3)))).as("never heard of").isFalse();
    assertThat(lookup.onSuccess(P.get(1), List.of(P.get(4)))).as("known, not queried").isFalse();
    assertThat(lookup.onFailure(P.get(1))).as("known, not queried").isFalse();
    assertThat(lookup.onSuccess(P.get(0), List.of())).isTrue();
    assertThat(lookup.onSuccess(P.get(0), List.of(P.get(5)))).as("answered twice").isFalse();
    assertThat(lookup.onFailure(P.get(0))).as("failed after answering").isFalse();

    assertThat(drain(lookup, T0)).containsExactly(P.get(1));
    assertThat(lookup.stats()).isEqualTo(new LookupStats(2, 1, 0, 0));
    assertThat(lookup.result()).containsExactly(P.get(0));
  }

  @Test
  void resultHoldsAtMostKPeersClosestFirst() {
    ClosestPeersLookup lookup = lookup(LookupConfig.DEFAULT.withNumResults(3), P.subList(0, 5));
    List<PeerId> queried = drain(lookup, T0);
    Collections.reverse(queried);
    queried.forEach(p -> lookup.onSuccess(p, List.of()));

    assertThat(lookup.result()).containsExactlyElementsOf(P.subList(0, 3));
  }

  @Test
  void toleratesAClockThatGoesBackwards() {
    ClosestPeersLookup lookup = lookup(LookupConfig.DEFAULT.withAlpha(1), P.subList(0, 2));
    assertThat(lookup.next(T0)).isEqualTo(query(P.get(0)));

    assertThat(lookup.next(T0.minus(Duration.ofHours(1))))
        .isEqualTo(new LookupStep.AtCapacity(T0.plus(TIMEOUT)));
  }

  @Test
  void defaultsAndDescription() {
    ClosestPeersLookup lookup = new ClosestPeersLookup(TARGET, SELF, List.of(P.get(0)));

    assertThat(lookup.config()).isEqualTo(LookupConfig.DEFAULT);
    assertThat(lookup.target()).isEqualTo(TARGET);
    assertThat(lookup.toString()).startsWith("ClosestPeersLookup[target=" + TARGET);
  }
}

package io.reactivedht.core.query;

import static io.reactivedht.core.query.TestPeers.SELF;
import static io.reactivedht.core.query.TestPeers.T0;
import static io.reactivedht.core.query.TestPeers.TARGET;
import static io.reactivedht.core.query.TestPeers.TIMEOUT;
import static io.reactivedht.core.query.TestPeers.closestFirst;
import static io.reactivedht.core.query.TestPeers.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.reactivedht.core.peer.PeerId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisjointPathsLookupTest {
  private static final List<PeerId> P = closestFirst(20);

  @Test
  void usesAlphaPathsByDefault() {
    DisjointPathsLookup lookup =
        new DisjointPathsLookup(TARGET, SELF, P, LookupConfig.DEFAULT.withAlpha(4));

    assertThat(lookup.paths()).isEqualTo(4);
  }

  @Test
  void rejectsMorePathsThanAlphaOrNone() {
    LookupConfig config = LookupConfig.DEFAULT.withAlpha(3);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DisjointPathsLookup(TARGET, SELF, P, config, 4));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DisjointPathsLookup(TARGET, SELF, P, config, 0));
  }

  @Test
  void thePathsShareTheAlphaSlots() {
    // alpha 5 over 2 paths: 3 slots and 2 slots.
    DisjointPathsLookup lookup =
        new DisjointPathsLookup(
            TARGET, SELF, P.subList(0, 10), LookupConfig.DEFAULT.withAlpha(5), 2);

    for (int i = 0; i < 5; i++) {
      assertThat(lookup.next(T0)).isEqualTo(query(P.get(i)));
    }
    assertThat(lookup.next(T0)).isEqualTo(new LookupStep.AtCapacity(T0.plus(TIMEOUT)));
    assertThat(lookup.inFlight()).isEqualTo(5);
  }

  @Test
  void onlyThePathThatQueriedAPeerLearnsItsCloserPeers() {
    LookupConfig config = LookupConfig.DEFAULT.withAlpha(2);
    DisjointPathsLookup lookup =
        new DisjointPathsLookup(TARGET, SELF, P.subList(10, 12), config, 2);
    assertThat(lookup.next(T0)).isEqualTo(query(P.get(10))); // path 0
    assertThat(lookup.next(T0)).isEqualTo(query(P.get(11))); // path 1

    lookup.onSuccess(P.get(10), List.of(P.get(0), P.get(1), P.get(2)));
    assertThat(lookup.next(T0)).isEqualTo(query(P.get(0)));
    lookup.onSuccess(P.get(11), List.of());

    // Path 1 has a free slot but has never heard of P1 and P2: they wait for path 0's slot.
    assertThat(lookup.next(T0)).isEqualTo(new LookupStep.AtCapacity(T0.plus(TIMEOUT)));
    lookup.onSuccess(P.get(0), List.of());
    assertThat(lookup.next(T0)).isEqualTo(query(P.get(1)));

    ClosestPeersLookup plain = new ClosestPeersLookup(TARGET, SELF, P.subList(10, 12), config);
    plain.next(T0);
    plain.next(T0);
    plain.onSuccess(P.get(10), List.of(P.get(0), P.get(1), P.get(2)));
    plain.onSuccess(P.get(11), List.of());
    assertThat(plain.next(T0)).isEqualTo(query(P.get(0)));
    assertThat(plain.next(T0)).isEqualTo(query(P.get(1)));
  }

  @Test
  void aPeerIsQueriedOnceAndEveryPathThatKnowsItWaitsForItsOutcome() {
    LookupConfig config = LookupConfig.DEFAULT.withAlpha(2).withNumResults(2);
    DisjointPathsLookup lookup =
        new DisjointPathsLookup(TARGET, SELF, P.subList(10, 12), config, 2);
    lookup.next(T0);
    lookup.next(T0);
    lookup.onSuccess(P.get(11), List.of(P.get(10))); // path 1 hears of the peer path 0 is querying

    assertThat(lookup.next(T0)).isEqualTo(new LookupStep.Waiting(T0.plus(TIMEOUT)));
    lookup.onSuccess(P.get(10), List.of());
    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.stats()).isEqualTo(new LookupStats(2, 2, 0, 0));
  }

  @Test
  void theResultMergesThePaths() {
    LookupConfig config = LookupConfig.DEFAULT.withAlpha(2).withNumResults(3);
    DisjointPathsLookup lookup =
        new DisjointPathsLookup(TARGET, SELF, P.subList(10, 12), config, 2);
    lookup.next(T0);
    lookup.next(T0);
    lookup.onSuccess(P.get(10), List.of(P.get(1)));
    lookup.onSuccess(P.get(11), List.of(P.get(0)));
    assertThat(lookup.next(T0)).isEqualTo(query(P.get(1)));
    assertThat(lookup.next(T0)).isEqualTo(query(P.get(0)));
    lookup.onSuccess(P.get(0), List.of());
    lookup.onSuccess(P.get(1), List.of());

    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.result()).containsExactly(P.get(0), P.get(1), P.get(10));
  }

  @Test
  void aFailureOnOnePathIsSeenByTheOthers() {
    LookupConfig config = LookupConfig.DEFAULT.withAlpha(2).withNumResults(1);
    DisjointPathsLookup lookup = new DisjointPathsLookup(TARGET, SELF, P.subList(0, 3), config, 2);
    assertThat(lookup.next(T0)).isEqualTo(query(P.get(0)));
    assertThat(lookup.next(T0)).isEqualTo(query(P.get(1)));

    lookup.onFailure(P.get(0));
    lookup.onSuccess(P.get(1), List.of());

    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.result()).containsExactly(P.get(1));
  }

  @Test
  void finishEndsEveryPath() {
    DisjointPathsLookup lookup = new DisjointPathsLookup(TARGET, SELF, P, LookupConfig.DEFAULT);
    lookup.next(T0);

    lookup.finish();

    assertThat(lookup.next(T0)).isInstanceOf(LookupStep.Finished.class);
    assertThat(lookup.onSuccess(P.get(0), List.of())).isFalse();
    assertThat(lookup.toString()).startsWith("DisjointPathsLookup[").contains("paths=10");
  }
}

package io.reactivedht.core.routing;

import static io.reactivedht.core.routing.RoutingFixtures.flipBit;
import static io.reactivedht.core.routing.RoutingFixtures.peer;
import static io.reactivedht.core.routing.RoutingFixtures.peersWithCpl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoutingTableRefreshTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final Duration INTERVAL = Duration.ofMinutes(10);
  static final Key LOCAL = Key.of(new byte[] {42});

  static List<Integer> range(int fromInclusive, int toInclusive) {
    return IntStream.rangeClosed(fromInclusive, toInclusive).boxed().toList();
  }

  @Test
  void anEmptyTableRefreshesCplZero() {
    RoutingTable table = new RoutingTable(LOCAL);
    assertThat(table.cplsNeedingRefresh(T0, INTERVAL)).containsExactly(0);
    table.markRefreshed(0, T0);
    assertThat(table.cplsNeedingRefresh(T0.plus(INTERVAL), INTERVAL)).isEmpty();
  }

  @Test
  void refreshRunsUpToTheDeepestNonEmptyBucket() {
    RoutingTable table = new RoutingTable(LOCAL);
    table.insert(peersWithCpl(LOCAL, 0, 1).get(0), true, T0);
    PeerId deep = peersWithCpl(LOCAL, 4, 1).get(0);
    table.insert(deep, true, T0);
    assertThat(table.cplsNeedingRefresh(T0, INTERVAL)).isEqualTo(range(0, 4));
    table.remove(deep, T0);
    assertThat(table.cplsNeedingRefresh(T0, INTERVAL)).containsExactly(0);
  }

  @Test
  void refreshStopsAtCpl15() {
    PeerId p = peer(5);
    RoutingTable table = new RoutingTable(flipBit(p.key(), 40));
    table.insert(p, true, T0);
    assertThat(table.cplsNeedingRefresh(T0, INTERVAL)).isEqualTo(range(0, 15));
  }

  @Test
  void aCplIsDueOnceItsLastRefreshIsOlderThanTheInterval() {
    PeerId p = peer(6);
    RoutingTable table = new RoutingTable(flipBit(p.key(), 3));
    table.insert(p, true, T0);
    table.markRefreshed(0, T0);
    table.markRefreshed(1, T0.plusSeconds(60));
    table.markRefreshed(3, T0.plusSeconds(120));

    assertThat(table.cplsNeedingRefresh(T0.plus(INTERVAL), INTERVAL)).containsExactly(2);
    assertThat(table.cplsNeedingRefresh(T0.plus(INTERVAL).plusNanos(1), INTERVAL))
        .containsExactly(0, 2);
    assertThat(table.cplsNeedingRefresh(T0.plus(INTERVAL).plusSeconds(61), INTERVAL))
        .containsExactly(0, 1, 2);
    assertThat(table.cplsNeedingRefresh(T0.plus(INTERVAL).plusSeconds(121), INTERVAL))
        .containsExactly(0, 1, 2, 3);

    table.markRefreshed(2, T0.plus(INTERVAL));
    assertThat(table.cplsNeedingRefresh(T0.plus(INTERVAL).plusSeconds(121), INTERVAL))
        .containsExactly(0, 1, 3);
  }

  @Test
  void refreshTimesOnlyMoveForward() {
    RoutingTable table = new RoutingTable(LOCAL);
    assertThat(table.lastRefreshed(7)).isEmpty();
    table.markRefreshed(7, T0.plusSeconds(10));
    table.markRefreshed(7, T0);
    assertThat(table.lastRefreshed(7)).contains(T0.plusSeconds(10));
  }

  @Test
  void deepCplsAndSelfLookupsAreNotTracked() {
    RoutingTable table = new RoutingTable(LOCAL);
    table.markRefreshed(16, T0);
    table.markRefreshed(255, T0);
    table.markRefreshed(256, T0);
    assertThat(table.lastRefreshed(16)).isEmpty();
    assertThat(table.lastRefreshed(255)).isEmpty();
    assertThatThrownBy(() -> table.markRefreshed(257, T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> table.markRefreshed(-1, T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLookupMarksTheBucketOfItsTarget() {
    PeerId p = peer(8);
    RoutingTable table = new RoutingTable(flipBit(p.key(), 6));
    table.insert(p, true, T0);
    Key target = flipBit(p.key(), 255); // CPL 6 with the local key too
    table.markRefreshed(table.bucketIndex(target), T0);
    assertThat(table.cplsNeedingRefresh(T0, INTERVAL)).isEqualTo(List.of(0, 1, 2, 3, 4, 5));
  }
}

package io.reactivedht.reactor.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.routing.RoutingTable;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.internal.lookup.LookupDriver;
import io.reactivedht.reactor.internal.table.PeerRouting;
import io.reactivedht.reactor.routing.RoutingSnapshot;
import io.reactivedht.reactor.testing.ScriptedTransport;
import io.reactivedht.reactor.testing.TestPeers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** What one refresh round asks, over a scripted network of 300 honest peers. */
class RoutingRefreshTest {
  private static final int K = 20;
  private static final Duration DELAY = Duration.ofMillis(50);

  private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
  private final PeerInfo self = TestPeers.peer(-1);
  private final List<PeerInfo> network = TestPeers.peers(300, 7);
  private final ScriptedTransport transport = new ScriptedTransport(self.id());
  private final PeerRouting routing =
      new PeerRouting(new RoutingTable(self.id().key()), transport::peerInfo);

  /** The key of every request, with the virtual time it was received. */
  private final List<Received> received = new ArrayList<>();

  private RoutingMaintenance maintenance;
  private RoutingUpdates updates;

  private record Received(Duration at, Key target) {}

  @BeforeEach
  void setUp() {
    for (PeerInfo p : network) {
      transport.remote(
          p,
          (from, request) -> {
            Key target = Key.of(((DhtRequest.FindNode) request).key());
            received.add(new Received(Duration.ofNanos(clock.now(TimeUnit.NANOSECONDS)), target));
            return Mono.<DhtResponse>just(
                    new DhtResponse.FindNodeResponse(closestTo(target, p.id())))
                .delayElement(DELAY, clock);
          });
      routing.insert(p.id(), true, Instant.EPOCH);
    }
    DhtOptions options = DhtOptions.defaults();
    updates = new RoutingUpdates(routing, transport, clock, options, e -> {});
    LookupDriver lookups =
        new LookupDriver(self.id(), transport, routing, clock, options, updates, e -> {});
    maintenance =
        new RoutingMaintenance(
            self.id(),
            transport,
            routing,
            updates,
            lookups,
            clock,
            options,
            List.of(),
            new SplittableRandom(5),
            RoutingSnapshot.EMPTY);
  }

  @AfterEach
  void stopClock() {
    clock.dispose();
  }

  private List<PeerInfo> closestTo(Key key, PeerId exclude) {
    return network.stream()
        .filter(p -> !p.id().equals(exclude))
        .sorted(Comparator.comparing(p -> p.id().key(), key.byDistance()))
        .limit(K)
        .toList();
  }

  private void refresh() {
    StepVerifier.create(maintenance.refresh())
        .then(() -> clock.advanceTimeBy(Duration.ofMinutes(1)))
        .verifyComplete();
  }

  /** The targets asked about, in the order first asked. */
  private List<Key> targets() {
    Set<Key> targets = new LinkedHashSet<>();
    received.forEach(r -> targets.add(r.target()));
    return List.copyOf(targets);
  }

  private int deepestBucket() {
    return routing.peers().stream().mapToInt(p -> routing.bucketIndex(p.key())).max().orElseThrow();
  }

  @Test
  void aRoundLooksUpTheLocalIdThenARandomKeyInEveryBucketUpToTheDeepest() {
    refresh();

    List<Key> targets = targets();
    assertThat(targets.get(0)).isEqualTo(self.id().key());
    List<Integer> bucketsRefreshed =
        targets.subList(1, targets.size()).stream().map(routing::bucketIndex).sorted().toList();
    List<Integer> expected = new ArrayList<>();
    for (int cpl = 0; cpl <= Math.min(deepestBucket(), RoutingTable.MAX_REFRESH_CPL); cpl++) {
      expected.add(cpl);
    }
    assertThat(bucketsRefreshed).isEqualTo(expected);
  }

  @Test
  void theSelfLookupEndsBeforeTheBucketLookupsStart() {
    refresh();

    List<Boolean> isSelf = received.stream().map(r -> r.target().equals(self.id().key())).toList();
    assertThat(isSelf.lastIndexOf(true)).isLessThan(isSelf.indexOf(false));
  }

  @Test
  void atMostThreeBucketLookupsRunAtOnce() {
    refresh();

    Duration firstBucketRequest =
        received.stream()
            .filter(r -> !r.target().equals(self.id().key()))
            .map(Received::at)
            .min(Comparator.naturalOrder())
            .orElseThrow();
    long startedTogether =
        received.stream()
            .filter(r -> r.at().equals(firstBucketRequest) && !r.target().equals(self.id().key()))
            .map(Received::target)
            .distinct()
            .count();
    assertThat(startedTogether).isEqualTo(TableRefresh.PARALLEL_BUCKET_LOOKUPS);
    assertThat(targets().size() - 1).isGreaterThan(TableRefresh.PARALLEL_BUCKET_LOOKUPS);
  }

  @Test
  void aSecondRoundRightAfterOnlyLooksUpTheLocalId() {
    refresh();
    received.clear();

    refresh();

    assertThat(targets()).containsExactly(self.id().key());
  }

  @Test
  void bucketsThatOtherLookupsVisitedAreSkipped() {
    // Some lookup with an answer, in whatever bucket that key falls in:
    updates.finished(Key.of(new byte[] {1}), 1);
    int visited = routing.bucketIndex(Key.of(new byte[] {1}));
    assertThat(visited).isLessThanOrEqualTo(deepestBucket());

    refresh();

    assertThat(targets().subList(1, targets().size()))
        .extracting(routing::bucketIndex)
        .isNotEmpty()
        .doesNotContain(visited);
  }

  @Test
  void aBucketWhoseLookupGotNoAnswerStaysDue() {
    PeerRouting empty = new PeerRouting(new RoutingTable(self.id().key()), transport::peerInfo);
    DhtOptions options = DhtOptions.defaults();
    RoutingUpdates emptyUpdates = new RoutingUpdates(empty, transport, clock, options, e -> {});
    RoutingMaintenance alone =
        new RoutingMaintenance(
            self.id(),
            transport,
            empty,
            emptyUpdates,
            new LookupDriver(self.id(), transport, empty, clock, options, emptyUpdates, e -> {}),
            clock,
            options,
            List.of(),
            new SplittableRandom(5),
            RoutingSnapshot.EMPTY);

    StepVerifier.create(alone.refresh())
        .then(() -> clock.advanceTimeBy(Duration.ofMinutes(1)))
        .verifyComplete();

    assertThat(transport.sent()).isEmpty();
    assertThat(
            empty.cplsNeedingRefresh(
                Instant.ofEpochMilli(clock.now(TimeUnit.MILLISECONDS)), Duration.ofHours(1)))
        .containsExactly(0);
  }
}

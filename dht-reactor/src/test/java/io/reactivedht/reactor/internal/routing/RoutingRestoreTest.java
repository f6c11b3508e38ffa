package io.reactivedht.reactor.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.routing.InsertResult;
import io.reactivedht.core.routing.RoutingTable;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.internal.lookup.LookupDriver;
import io.reactivedht.reactor.internal.table.PeerRouting;
import io.reactivedht.reactor.routing.RoutingSnapshot;
import io.reactivedht.reactor.testing.ScriptedTransport;
import io.reactivedht.reactor.testing.TestPeers;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** A node that starts from a saved routing table: what enters the table, and when it refreshes. */
class RoutingRestoreTest {
  private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
  private final PeerInfo self = TestPeers.peer(-1);

  /** 30 peers that all fit in the table (more than k, so rounds come every refresh interval). */
  private final List<PeerInfo> network = fitting(TestPeers.peers(200, 3), 30);

  private final ScriptedTransport transport = new ScriptedTransport(self.id());
  private final PeerRouting routing =
      new PeerRouting(new RoutingTable(self.id().key()), transport::peerInfo);
  private Disposable running = () -> {};

  @AfterEach
  void stop() {
    running.dispose();
    clock.dispose();
  }

  @Test
  void theSnapshotsPeersAddressesAndRefreshTimesComeBack() {
    clock.advanceTimeBy(Duration.ofHours(1));
    List<PeerInfo> moved = network.stream().map(RoutingRestoreTest::atNewAddress).toList();
    RoutingSnapshot saved = new RoutingSnapshot(moved, refreshedAt(now().minusSeconds(60), 3));

    start(saved);

    assertThat(routing.peers()).containsExactlyInAnyOrderElementsOf(ids(network));
    assertThat(transport.addressesOf(moved.get(0).id())).isEqualTo(moved.get(0).addresses());
    RoutingSnapshot again = routing.snapshot();
    assertThat(again.peers()).containsExactlyInAnyOrderElementsOf(moved);
    assertThat(again.refreshedAt()).isEqualTo(saved.refreshedAt());
  }

  @Test
  void theFirstRoundComesOnePeriodAfterTheLatestRefreshAsIfTheNodeHadKeptRunning() {
    clock.advanceTimeBy(Duration.ofHours(1));
    start(new RoutingSnapshot(network, refreshedAt(now().minus(Duration.ofMinutes(4)), 4)));

    clock.advanceTimeBy(Duration.ofMinutes(6).minusSeconds(1));
    assertThat(transport.sent()).isEmpty();
    clock.advanceTimeBy(Duration.ofSeconds(2));
    assertThat(transport.sent()).isNotEmpty();
  }

  @Test
  void aSnapshotOlderThanAPeriodIsRefreshedAtOnce() {
    clock.advanceTimeBy(Duration.ofHours(1));
    start(new RoutingSnapshot(network, refreshedAt(now().minus(Duration.ofMinutes(30)), 4)));

    clock.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(transport.sent()).isNotEmpty();
  }

  @Test
  void withoutRefreshTimesTheFirstRoundComesAFullPeriodAfterTheStart() {
    start(new RoutingSnapshot(network, Map.of()));

    clock.advanceTimeBy(DhtOptions.defaults().refreshInterval().minusSeconds(1));
    assertThat(transport.sent()).isEmpty();
    clock.advanceTimeBy(Duration.ofSeconds(2));
    assertThat(transport.sent()).isNotEmpty();
  }

  @Test
  void bootstrapDropsTheRestoredPeersThatDoNotAnswerAndSkipsTheBootstrapPeersWhenKAnswered() {
    List<PeerInfo> silent = network.subList(0, 10); // 20 answer: k
    RoutingMaintenance maintenance = start(new RoutingSnapshot(network, Map.of()), silent);

    maintenance.bootstrap().subscribe();
    clock.advanceTimeBy(Duration.ofMinutes(5));

    assertThat(routing.peers()).containsExactlyInAnyOrderElementsOf(ids(network.subList(10, 30)));
    assertThat(events)
        .contains(new DhtEvent.RestoredTableChecked(30, 20, false))
        .contains(new DhtEvent.PeerRemoved(silent.get(0).id()));
    assertThat(transport.sent()).noneMatch(sent -> sent.to().equals(BOOTSTRAP.id()));
  }

  @Test
  void aStaleSnapshotFallsBackToTheBootstrapPeersKeepingThePeersThatAnswered() {
    List<PeerInfo> silent = network.subList(0, 11); // 19 answer: fewer than k
    RoutingMaintenance maintenance = start(new RoutingSnapshot(network, Map.of()), silent);

    maintenance.bootstrap().subscribe();
    clock.advanceTimeBy(Duration.ofMinutes(5));

    assertThat(events).contains(new DhtEvent.RestoredTableChecked(30, 19, true));
    assertThat(transport.sent()).anyMatch(sent -> sent.to().equals(BOOTSTRAP.id()));
    assertThat(routing.peers()).containsAll(ids(network.subList(11, 30)));
    assertThat(routing.peers()).doesNotContainAnyElementsOf(ids(silent));
  }

  @Test
  void aSmallTableWhosePeersAllAnswerIsFresh() {
    List<PeerInfo> few = network.subList(0, 5);
    RoutingMaintenance maintenance = start(new RoutingSnapshot(few, Map.of()), List.of());

    maintenance.bootstrap().subscribe();
    clock.advanceTimeBy(Duration.ofMinutes(5));

    assertThat(events).contains(new DhtEvent.RestoredTableChecked(5, 5, false));
    assertThat(transport.sent()).noneMatch(sent -> sent.to().equals(BOOTSTRAP.id()));
  }

  @Test
  void theRestoredPeersAreProbedABoundedNumberAtATimeAndOnlyOnce() {
    RoutingMaintenance maintenance = start(new RoutingSnapshot(network, Map.of()), network);
    int bound = RoutingMaintenance.RESTORED_CHECKS_AT_ONCE;
    assertThat(network).hasSize(30);
    assertThat(bound).isGreaterThan(network.size() / 2);

    maintenance.bootstrap().subscribe(); // every restored peer is silent: probes hang until timeout
    assertThat(transport.sent()).hasSize(Math.min(bound, network.size()));
    clock.advanceTimeBy(Duration.ofMinutes(5));
    long probes =
        transport.sent().stream().filter(sent -> !sent.to().equals(BOOTSTRAP.id())).count();
    maintenance.bootstrap().subscribe(); // a second bootstrap has nothing left to check
    clock.advanceTimeBy(Duration.ofMinutes(5));

    assertThat(probes).isEqualTo(network.size());
    assertThat(events).contains(new DhtEvent.RestoredTableChecked(30, 0, true));
    assertThat(events).filteredOn(DhtEvent.RestoredTableChecked.class::isInstance).hasSize(1);
  }

  private static final PeerInfo BOOTSTRAP = TestPeers.peer(-2);

  private final List<DhtEvent> events = new CopyOnWriteArrayList<>();

  private void start(RoutingSnapshot snapshot) {
    start(snapshot, List.of());
  }

  /**
   * Starts maintenance from {@code snapshot} with one bootstrap peer; every peer of the network
   * answers FIND_NODE at once, except {@code silent} ones, which never answer.
   */
  private RoutingMaintenance start(RoutingSnapshot snapshot, List<PeerInfo> silent) {
    for (PeerInfo peer : network) {
      transport.remote(
          peer,
          (from, request) ->
              silent.contains(peer)
                  ? Mono.never()
                  : Mono.just(new DhtResponse.FindNodeResponse(List.of())));
    }
    transport.remote(
        BOOTSTRAP, (from, request) -> Mono.just(new DhtResponse.FindNodeResponse(List.of())));
    DhtOptions options = DhtOptions.defaults();
    RoutingUpdates updates = new RoutingUpdates(routing, transport, clock, options, events::add);
    LookupDriver lookups =
        new LookupDriver(self.id(), transport, routing, clock, options, updates, e -> {});
    RoutingMaintenance maintenance =
        new RoutingMaintenance(
            self.id(),
            transport,
            routing,
            updates,
            lookups,
            clock,
            options,
            List.of(BOOTSTRAP),
            new SplittableRandom(1),
            snapshot);
    running = maintenance.start();
    return maintenance;
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.now(TimeUnit.MILLISECONDS));
  }

  private static Map<Integer, Instant> refreshedAt(Instant at, int buckets) {
    Map<Integer, Instant> times = new HashMap<>();
    for (int cpl = 0; cpl < buckets; cpl++) {
      times.put(cpl, at.minusSeconds(cpl));
    }
    return times;
  }

  private List<PeerInfo> fitting(List<PeerInfo> candidates, int count) {
    RoutingTable table = new RoutingTable(self.id().key());
    return candidates.stream()
        .filter(p -> table.insert(p.id(), true, Instant.EPOCH) instanceof InsertResult.Inserted)
        .limit(count)
        .toList();
  }

  private static PeerInfo atNewAddress(PeerInfo peer) {
    return new PeerInfo(peer.id(), List.of(Multiaddr.parse("/ip4/10.9.8.7/tcp/4001")));
  }

  private static List<PeerId> ids(List<PeerInfo> peers) {
    return peers.stream().map(PeerInfo::id).toList();
  }
}

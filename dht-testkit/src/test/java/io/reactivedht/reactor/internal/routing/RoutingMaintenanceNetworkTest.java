package io.reactivedht.reactor.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.lookup.LookupEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/** The maintenance of a node joining a simulated network of 100 DHT nodes, in virtual time. */
class RoutingMaintenanceNetworkTest {
  private final SimulatedDht dht = new SimulatedDht();

  @AfterEach
  void stopClock() {
    dht.clock.dispose();
  }

  private void bootstrap(RoutingMaintenance maintenance) {
    StepVerifier.create(maintenance.bootstrap())
        .then(() -> dht.clock.advanceTimeBy(Duration.ofMinutes(1)))
        .verifyComplete();
  }

  @Test
  void bootstrapFromOnePeerFillsTheTableWithServersOnly() {
    dht.joinRemotes(100, 20, 0);
    RoutingMaintenance maintenance = dht.maintenance(List.of(dht.info(0)));
    Disposable running = maintenance.start();

    bootstrap(maintenance);

    int perfect = dht.perfectTableSize();
    // Only the peers a lookup asked get identified, and a lookup asks those near its target (beta =
    // 3 ends it
    // early): the far, crowded buckets fill partly, the near ones (almost) completely.
    assertThat(dht.routing.size())
        .isGreaterThanOrEqualTo(perfect * 2 / 3)
        .isLessThanOrEqualTo(perfect);
    assertThat(dht.routing.peers()).allMatch(dht::isServer);
    assertThat(dht.routing.peers()).containsAll(dht.closestServers(dht.options.k() / 2));
    assertThat(dht.events())
        .filteredOn(e -> e instanceof DhtEvent.PeerAdded)
        .hasSize(dht.routing.size());
    running.dispose();
  }

  @Test
  void clientsNeverEnterTheTableThoughLookupsMeetThem() {
    dht.joinRemotes(100, 20, 20);
    RoutingMaintenance maintenance = dht.maintenance(List.of(dht.info(50)));
    Disposable running = maintenance.start();

    bootstrap(maintenance);

    List<PeerId> clients = dht.remotes.subList(0, 20).stream().map(t -> t.localPeer()).toList();
    List<PeerId> askedClients =
        dht.lookupEvents.stream()
            .map(SimulatedDht.Timed::value)
            .filter(e -> e instanceof LookupEvent.Failed)
            .map(e -> ((LookupEvent.Failed) e).peer())
            .filter(clients::contains)
            .distinct()
            .toList();
    assertThat(askedClients).isNotEmpty();
    assertThat(dht.routing.peers()).doesNotContainAnyElementsOf(clients).isNotEmpty();
    assertThat(dht.events())
        .noneMatch(e -> e instanceof DhtEvent.PeerAdded added && clients.contains(added.peer()));
    running.dispose();
  }

  @Test
  void aPeerThatSwitchesToClientModeIsRemoved() {
    dht.joinRemotes(100, 20, 0);
    RoutingMaintenance maintenance = dht.maintenance(List.of(dht.info(0)));
    Disposable running = maintenance.start();
    bootstrap(maintenance);
    PeerId leaving = dht.closestServers(1).get(0);
    assertThat(dht.routing.contains(leaving)).isTrue();

    dht.becomeClient(dht.indexOf(leaving));
    dht.clock.advanceTimeBy(Duration.ofSeconds(1));

    assertThat(dht.routing.contains(leaving)).isFalse();
    assertThat(dht.events()).endsWith(new DhtEvent.PeerRemoved(leaving));
    running.dispose();
  }

  @Test
  void refreshRoundsRunEveryTenMinutesOnceTheTableHoldsKPeers() {
    dht.joinRemotes(100, 20, 0);
    RoutingMaintenance maintenance = dht.maintenance(List.of(dht.info(0)));
    Disposable running =
        maintenance.start(); // the table is empty: the first round comes a minute later
    bootstrap(maintenance);

    dht.clock.advanceTimeBy(Duration.ofMinutes(35));

    // Bootstrap at 0; then rounds at 1 min (the table was still empty when the timer was set), 11,
    // 21 and 31 min.
    assertThat(dht.lookupsFinishedAt().stream().map(Duration::toMinutes).distinct())
        .containsExactly(0L, 1L, 11L, 21L, 31L);
    // The round at 1 min only looks up the local id: every bucket was refreshed a minute ago.
    assertThat(dht.lookupsFinishedAt()).filteredOn(t -> t.toMinutes() == 1).hasSize(1);
    // Later rounds refresh every bucket again, the last refresh being 10 minutes old.
    long bucketLookupsAtBootstrap =
        dht.lookupsFinishedAt().stream().filter(t -> t.toMinutes() == 0).count() - 1;
    assertThat(bucketLookupsAtBootstrap).isPositive();
    for (long minute : List.of(11L, 21L, 31L)) {
      assertThat(dht.lookupsFinishedAt())
          .filteredOn(t -> t.toMinutes() == minute)
          .hasSizeGreaterThanOrEqualTo((int) bucketLookupsAtBootstrap + 1);
    }
    running.dispose();
  }

  @Test
  void roundsComeEveryMinuteWhileTheTableHoldsFewerThanKPeers() {
    dht.joinRemotes(5, 4, 0);
    RoutingMaintenance maintenance = dht.maintenance(List.of(dht.info(0)));
    Disposable running = maintenance.start();
    bootstrap(maintenance);
    assertThat(dht.routing.size()).isEqualTo(5);

    dht.clock.advanceTimeBy(Duration.ofMinutes(3).plusSeconds(30)); // to 4:30

    assertThat(dht.lookupsFinishedAt().stream().map(Duration::toMinutes).distinct())
        .containsExactly(0L, 1L, 2L, 3L, 4L);
    running.dispose();
  }

  @Test
  void anEmptyTableRetriesTheBootstrapPeersEveryMinuteUntilOneAnswers() {
    PeerInfo bootstrapPeer =
        new PeerInfo(SimulatedDht.peer(0), List.of()); // remote node 0, not up yet
    RoutingMaintenance maintenance = dht.maintenance(List.of(bootstrapPeer));
    Disposable running = maintenance.start();

    dht.clock.advanceTimeBy(Duration.ofMinutes(5).plusSeconds(30));
    assertThat(dht.network.stats().requestsSent()).isEqualTo(5); // at 1, 2, 3, 4 and 5 minutes
    assertThat(dht.routing.size()).isZero();

    dht.joinRemotes(30, 10, 0);
    assertThat(dht.remotes.get(0).localPeer()).isEqualTo(bootstrapPeer.id());
    dht.clock.advanceTimeBy(Duration.ofMinutes(1)); // the round at 6 minutes

    assertThat(dht.routing.peers())
        .contains(bootstrapPeer.id())
        .containsAll(dht.closestServers(10));
    running.dispose();
  }

  @Test
  void disposingStopsTheTimersAndTheRoundInFlight() {
    dht.joinRemotes(100, 20, 0);
    RoutingMaintenance maintenance = dht.maintenance(List.of(dht.info(0)));
    Disposable running = maintenance.start();
    bootstrap(maintenance);
    dht.clock.advanceTimeBy(Duration.ofMinutes(10)); // just past the round at 11 min began
    long lookupsBefore = dht.lookupsFinishedAt().size();

    running.dispose();
    long sent = dht.network.stats().requestsSent();
    dht.clock.advanceTimeBy(Duration.ofHours(2));

    assertThat(dht.network.stats().requestsSent()).isEqualTo(sent);
    assertThat(dht.lookupsFinishedAt()).hasSize((int) lookupsBefore);
  }
}

package io.reactivedht.reactor.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.reactor.routing.BootstrapException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/** Joining through bootstrap peers, and failing clearly when none answers. */
class RoutingBootstrapTest {
  private final SimulatedDht dht = new SimulatedDht();

  @AfterEach
  void stopClock() {
    dht.clock.dispose();
  }

  @Test
  void failsNamingEveryBootstrapPeerWhenNoneAnswers() {
    dht.joinRemotes(3, 2, 1); // node 0 is a client
    dht.network.setUnresponsive(dht.remotes.get(1).localPeer(), true);
    PeerInfo absent = new PeerInfo(SimulatedDht.peer(99), List.of());
    PeerInfo self =
        new PeerInfo(dht.self, dht.local.listenAddresses()); // in the shared list: ignored
    RoutingMaintenance maintenance =
        dht.maintenance(List.of(dht.info(0), dht.info(1), absent, self));
    Disposable running = maintenance.start();

    StepVerifier.create(maintenance.bootstrap())
        .then(() -> dht.clock.advanceTimeBy(Duration.ofSeconds(10)))
        .expectErrorSatisfies(
            error -> {
              assertThat(error)
                  .isInstanceOf(BootstrapException.class)
                  .hasMessageStartingWith(
                      "bootstrap failed: none of the 3 bootstrap peers answered");
              assertThat(((BootstrapException) error).failures())
                  .containsOnlyKeys(
                      dht.remotes.get(0).localPeer(), dht.remotes.get(1).localPeer(), absent.id());
              assertThat(((BootstrapException) error).failures().values())
                  .containsExactly(
                      "PeerUnreachableException: "
                          + dht.remotes.get(0).localPeer()
                          + ": protocol not supported",
                      "no answer within PT10S",
                      "PeerUnreachableException: " + absent.id() + ": dial timed out");
            })
        .verify();
    assertThat(dht.routing.size()).isZero(); // the client identified itself, and was not taken in
    running.dispose();
  }

  @Test
  void oneAnsweringPeerIsEnoughAndEntersTheTableThroughIdentify() {
    dht.joinRemotes(30, 10, 0);
    PeerInfo absent = new PeerInfo(SimulatedDht.peer(99), List.of());
    RoutingMaintenance maintenance = dht.maintenance(List.of(absent, dht.info(3)));
    Disposable running = maintenance.start();

    StepVerifier.create(maintenance.bootstrap())
        .then(() -> dht.clock.advanceTimeBy(Duration.ofMinutes(1)))
        .verifyComplete();

    assertThat(dht.routing.peers()).contains(dht.remotes.get(3).localPeer()).hasSizeGreaterThan(20);
    running.dispose();
  }

  @Test
  void bootstrapPeersAreNotInsertedUntilIdentified() {
    dht.joinRemotes(10, 5, 0);
    RoutingMaintenance maintenance = dht.maintenance(List.of(dht.info(0)));
    // Not started: nothing follows the identify events, so the table stays empty however well the
    // lookups go.

    StepVerifier.create(maintenance.bootstrap())
        .then(() -> dht.clock.advanceTimeBy(Duration.ofMinutes(1)))
        .verifyComplete();

    assertThat(dht.routing.size()).isZero();
    assertThat(dht.network.stats().requestsSent()).isGreaterThan(1);
  }

  @Test
  void withoutBootstrapPeersItIsARefreshRound() {
    RoutingMaintenance maintenance = dht.maintenance(List.of());

    StepVerifier.create(maintenance.bootstrap())
        .then(() -> dht.clock.advanceTimeBy(Duration.ofSeconds(1)))
        .verifyComplete();

    assertThat(dht.lookupsFinishedAt())
        .hasSize(2); // the self lookup and bucket 0, both with nobody to ask
    assertThat(dht.network.stats().requestsSent()).isZero();
  }

  @Test
  void cancellingStopsTheBootstrap() {
    dht.joinRemotes(100, 20, 0);
    RoutingMaintenance maintenance = dht.maintenance(List.of(dht.info(0)));
    Disposable bootstrap = maintenance.bootstrap().subscribe();
    dht.clock.advanceTimeBy(
        Duration.ofMillis(100)); // the contact answered, the self lookup is under way
    long sent = dht.network.stats().requestsSent();
    assertThat(sent).isGreaterThan(1);

    bootstrap.dispose();
    dht.clock.advanceTimeBy(Duration.ofMinutes(1));

    assertThat(dht.network.stats().requestsSent()).isEqualTo(sent);
    assertThat(dht.lookupsFinishedAt()).isEmpty();
  }
}

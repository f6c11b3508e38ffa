package io.reactivedht.transport.autonat;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.reactor.spi.TransportEvent;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import io.reactivedht.transport.Seeds;
import io.reactivedht.transport.TransportInternals;
import io.reactivedht.transport.config.AutoNatOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The transport's reachability report follows AutoNAT: starts from the addresses, changes with a
 * verdict.
 */
class AutoNatTransportTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final AutoNatOptions LENIENT =
      AutoNatOptions.DEFAULT.withAllowPrivateAddresses(true);

  private final List<Libp2pTransport> transports = new ArrayList<>();

  @AfterEach
  void close() {
    Flux.fromIterable(transports).flatMap(Libp2pTransport::close).then().block(WAIT);
  }

  @Test
  void aLoopbackNodeDialedBackByFourServersBecomesReachableOnItsOwnAfterStartingPrivate() {
    // checks soon and often, so that the monitor (not the test) finds the servers
    Libp2pTransport client =
        start(
            100,
            LENIENT
                .withServe(false)
                .withProbeTiming(Duration.ofMillis(200), Duration.ofMinutes(15)));
    connectToServers(client, 4);

    StepVerifier.create(
            client.events().filter(TransportEvent.ReachabilityChanged.class::isInstance).take(2))
        .expectNext(new TransportEvent.ReachabilityChanged(false))
        .expectNext(new TransportEvent.ReachabilityChanged(true))
        .expectComplete()
        .verify(WAIT);
  }

  @Test
  void anExplicitProbeUpdatesTheReport() {
    Libp2pTransport client = start(100, LENIENT.withServe(false));
    connectToServers(client, 3);

    assertThat(client.probeReachability().block(WAIT)).isTrue();
    StepVerifier.create(client.events().take(1))
        .expectNext(new TransportEvent.ReachabilityChanged(true))
        .expectComplete()
        .verify(WAIT);
  }

  @Test
  void byDefaultANodeServesAutoNatButRefusesToDialBackLoopback() {
    Libp2pTransport client = start(100, LENIENT.withServe(false));
    Libp2pTransport strict = start(300, AutoNatOptions.DEFAULT);
    assertThat(TransportInternals.host(strict).protocols()).contains(AutoNat.PROTOCOL_ID);
    assertThat(TransportInternals.host(client).protocols()).doesNotContain(AutoNat.PROTOCOL_ID);
    List<Libp2pTransport> servers = List.of(strict);
    connect(client, servers.get(0));

    AutoNatClient asker =
        new AutoNatClient(TransportInternals.host(client), client::listenAddresses, LENIENT);
    assertThat(asker.ask(strict.localPeer()).block(WAIT).status())
        .isEqualTo(DialResponse.Status.E_DIAL_REFUSED);
  }

  private void connectToServers(Libp2pTransport client, int count) {
    for (int i = 0; i < count; i++) {
      connect(client, start(200 + i, LENIENT));
    }
  }

  private static void connect(Libp2pTransport client, Libp2pTransport server) {
    TransportInternals.host(client)
        .connect(server.localPeer(), server.listenAddresses())
        .block(WAIT);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (TransportInternals.host(client).identifyInfo(server.localPeer()).isEmpty()) {
      assertThat(System.nanoTime()).as("identified in time").isLessThan(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private Libp2pTransport start(int seed, AutoNatOptions autoNat) {
    Libp2pTransport transport =
        Libp2pTransport.start(
                Libp2pOptions.defaults(Ed25519PrivateKey.generate(Seeds.random(seed)))
                    .withAutoNat(autoNat))
            .block(WAIT);
    transports.add(transport);
    return transport;
  }
}

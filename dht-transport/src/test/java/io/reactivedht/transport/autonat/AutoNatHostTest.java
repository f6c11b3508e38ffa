package io.reactivedht.transport.autonat;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.transport.Seeds;
import io.reactivedht.transport.autonat.DialResponse.Status;
import io.reactivedht.transport.config.AutoNatOptions;
import io.reactivedht.transport.config.HostOptions;
import io.reactivedht.transport.host.Libp2pHost;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** AutoNAT between real Java hosts on loopback, the servers allowing private addresses. */
class AutoNatHostTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final AutoNatOptions OPTIONS =
      AutoNatOptions.DEFAULT.withAllowPrivateAddresses(true);

  private final List<Libp2pHost> hosts = new ArrayList<>();

  @AfterEach
  void closeHosts() {
    Flux.fromIterable(hosts).flatMap(Libp2pHost::close).then().block(WAIT);
  }

  @Test
  void fourServersDialingBackMakeTheClientPublic() {
    Libp2pHost client = host(100);
    AutoNatClient autoNat = new AutoNatClient(client, client::listenAddresses, OPTIONS);
    List<Libp2pHost> servers = connectToServers(client, 4);

    assertThat(autoNat.servers()).hasSize(4);
    assertThat(autoNat.probe().block(WAIT)).isEqualTo(Reachability.PUBLIC);
    // the dial-backs were separate connections, never registered by the servers and closed again
    assertThat(servers).allSatisfy(server -> assertThat(server.connectionCount()).isEqualTo(1));
    awaitTrue(() -> client.connectionCount() == 4);
  }

  @Test
  void anAddressNobodyCanReachIsADialErrorAndMakesTheClientPrivate() throws IOException {
    Libp2pHost client = host(100);
    Multiaddr closed = Multiaddr.parse("/ip4/127.0.0.1/tcp/" + closedPort());
    AutoNatClient autoNat = new AutoNatClient(client, () -> List.of(closed), OPTIONS);
    List<Libp2pHost> servers = connectToServers(client, 4);

    DialResponse answer = autoNat.ask(servers.get(0).peerId()).block(WAIT);
    assertThat(answer.status()).isEqualTo(Status.E_DIAL_ERROR);
    assertThat(autoNat.probe().block(WAIT)).isEqualTo(Reachability.PRIVATE);
  }

  @Test
  void aServerRefusesAnAddressAtAnotherIpThanTheConnections() {
    Libp2pHost client = host(100);
    int port = client.listenAddresses().get(0).toString().lastIndexOf('/');
    Multiaddr otherIp =
        Multiaddr.parse(
            "/ip4/127.0.0.2/tcp/" + client.listenAddresses().get(0).toString().substring(port + 1));
    AutoNatClient autoNat = new AutoNatClient(client, () -> List.of(otherIp), OPTIONS);
    List<Libp2pHost> servers = connectToServers(client, 1);

    DialResponse answer = autoNat.ask(servers.get(0).peerId()).block(WAIT);

    assertThat(answer.status()).isEqualTo(Status.E_DIAL_REFUSED);
  }

  @Test
  void aServerThatRefusesPrivateAddressesRefusesLoopback() {
    Libp2pHost client = host(100);
    AutoNatClient autoNat = new AutoNatClient(client, client::listenAddresses, OPTIONS);
    Libp2pHost strict = host(300);
    strict.handle(
        AutoNat.PROTOCOL_ID,
        new AutoNatServer(strict::dialBack, AutoNatOptions.DEFAULT, strict.scheduler()));
    connect(client, strict);

    assertThat(autoNat.ask(strict.peerId()).block(WAIT).status()).isEqualTo(Status.E_DIAL_REFUSED);
  }

  @Test
  void tooFewServersLeaveReachabilityUnknown() {
    Libp2pHost client = host(100);
    AutoNatClient autoNat = new AutoNatClient(client, client::listenAddresses, OPTIONS);
    connectToServers(client, 2);

    assertThat(autoNat.probe().block(WAIT)).isEqualTo(Reachability.UNKNOWN);
  }

  private List<Libp2pHost> connectToServers(Libp2pHost client, int count) {
    List<Libp2pHost> servers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Libp2pHost server = host(200 + i);
      server.handle(
          AutoNat.PROTOCOL_ID, new AutoNatServer(server::dialBack, OPTIONS, server.scheduler()));
      connect(client, server);
      servers.add(server);
    }
    return servers;
  }

  /** Connects and waits until the client identified the server (bounded; no timing asserted). */
  private static void connect(Libp2pHost client, Libp2pHost server) {
    client.connect(server.peerId(), server.listenAddresses()).block(WAIT);
    awaitTrue(
        () ->
            client
                .identifyInfo(server.peerId())
                .map(info -> info.protocols().contains(AutoNat.PROTOCOL_ID))
                .orElse(false));
  }

  private static void awaitTrue(Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + WAIT);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private Libp2pHost host(int seed) {
    Libp2pHost host =
        Libp2pHost.start(
                HostOptions.defaults(Ed25519PrivateKey.generate(Seeds.random(seed))),
                Schedulers.parallel())
            .block(WAIT);
    hosts.add(host);
    return host;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

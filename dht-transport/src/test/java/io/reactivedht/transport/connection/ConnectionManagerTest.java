package io.reactivedht.transport.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.Seeds;
import io.reactivedht.transport.config.ConnectionLimits;
import io.reactivedht.transport.config.ResourceLimits;
import io.reactivedht.transport.config.YamuxConfig;
import io.reactivedht.transport.multistream.MultistreamSelect;
import io.reactivedht.transport.noise.NoiseSecurity;
import io.reactivedht.transport.resource.PeerScopes;
import io.reactivedht.transport.resource.ResourceScope;
import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.Frames;
import io.reactivedht.transport.tcp.TcpAddresses;
import io.reactivedht.transport.tcp.TcpTransport;
import io.reactivedht.transport.yamux.YamuxSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * One connection per peer, merged dials, limits, idle close and graceful shutdown, over loopback
 * TCP.
 */
class ConnectionManagerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final LoopResources LOOPS = LoopResources.create("cm-test", 2, true);
  private static final ConnectionLimits LIMITS =
      new ConnectionLimits(
          4,
          Duration.ofMinutes(1),
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          0,
          100,
          8,
          4,
          4,
          Duration.ofSeconds(20));

  private final SecureRandom random = Seeds.random(11);
  private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
  private final List<PeerId> disconnected = new CopyOnWriteArrayList<>();
  private final List<Libp2pConnection> serverSide = new CopyOnWriteArrayList<>();
  private final List<DisposableServer> servers = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(DisposableServer::disposeNow);
  }

  /** A listening node whose protocols include an echo of one 4-byte frame. */
  private Node node(ConnectionLimits limits) {
    return node(limits, Ed25519PrivateKey.generate(random));
  }

  /** A listening node with the identity {@code key}. */
  private Node node(ConnectionLimits limits, PrivateKey key) {
    Protocols protocols = new Protocols(WAIT, ResourceLimits.DEFAULT_PROTOCOL_STREAMS);
    protocols.add(
        "/echo",
        (connection, stream) ->
            stream
                .read(Frames.exactly(4))
                .flatMap(stream::write)
                .then(Mono.defer(stream::closeWrite)));
    TcpTransport tcp = new TcpTransport(LOOPS, WAIT);
    Upgrader upgrader =
        new Upgrader(
            new NoiseSecurity(key),
            YamuxConfig.DEFAULT,
            protocols,
            WAIT,
            () -> clock.now(TimeUnit.NANOSECONDS),
            new PeerScopes(ResourceScope.unlimited(), Long.MAX_VALUE, Integer.MAX_VALUE),
            Long.MAX_VALUE);
    ConnectionManager manager =
        new ConnectionManager(tcp, upgrader, limits, clock, serverSide::add, disconnected::add)
            .start();
    DisposableServer server =
        tcp.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"), manager::accept).block(WAIT);
    servers.add(server);
    return new Node(
        PeerId.fromPublicKey(key.publicKey()), TcpAddresses.toMultiaddr(server.address()), manager);
  }

  private record Node(PeerId id, Multiaddr address, ConnectionManager manager) {}

  @Test
  void concurrentDialsToOnePeerShareOneConnection() {
    Node a = node(LIMITS);
    Node b = node(LIMITS);
    List<Libp2pConnection> dialed =
        Flux.range(0, 8)
            .flatMap(i -> a.manager.connect(b.id, List.of(b.address)))
            .collectList()
            .block(WAIT);
    assertThat(dialed).hasSize(8).allSatisfy(c -> assertThat(c).isSameAs(dialed.get(0)));
    assertThat(a.manager.connectionCount()).isEqualTo(1);
    assertThat(a.manager.connect(b.id, List.of()).block(WAIT))
        .as("reused without addresses")
        .isSameAs(dialed.get(0));
  }

  @Test
  void aDialThatProvesAnotherPeerFails() {
    Node a = node(LIMITS);
    Node b = node(LIMITS);
    PeerId impostor = PeerId.fromPublicKey(Ed25519PrivateKey.generate(random).publicKey());
    Mono<Libp2pConnection> dial = a.manager.connect(impostor, List.of(b.address));
    assertThat(dial.onErrorResume(e -> Mono.empty()).block(WAIT)).isNull();
    assertThat(a.manager.connectionCount()).isZero();
  }

  @Test
  void unreachableAddressesAreTriedInOrderAndReported() {
    Node a = node(LIMITS);
    Node b = node(LIMITS);
    Multiaddr closed = Multiaddr.parse("/ip4/127.0.0.1/tcp/1");
    Libp2pConnection connection = a.manager.connect(b.id, List.of(closed, b.address)).block(WAIT);
    assertThat(connection.remotePeer()).isEqualTo(b.id);
    PeerId nobody = PeerId.fromPublicKey(Ed25519PrivateKey.generate(random).publicKey());
    StepVerifier.create(a.manager.connect(nobody, List.of(closed)))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(DialException.class)
                    .hasMessageContaining("/ip4/127.0.0.1/tcp/1"))
        .verify(WAIT);
  }

  @Test
  void aFailedAddressBacksOffUntilItsTimeHasPassedOrThePeerConnects() {
    Node a = node(LIMITS);
    Node b = node(LIMITS);
    Multiaddr closed = Multiaddr.parse("/ip4/127.0.0.1/tcp/1");
    assertDialFails(a, b, closed, "/ip4/127.0.0.1/tcp/1: "); // dialed: refused

    assertDialFails(a, b, closed, "every address is backing off");
    clock.advanceTimeBy(DialBackoff.delay(1).minusMillis(1));
    assertDialFails(a, b, closed, "every address is backing off");
    clock.advanceTimeBy(Duration.ofMillis(1));
    assertDialFails(a, b, closed, "/ip4/127.0.0.1/tcp/1: "); // dialed again: 2 failures now
    clock.advanceTimeBy(DialBackoff.delay(1));
    assertDialFails(a, b, closed, "every address is backing off"); // 5 s + 4 s this time

    a.manager.connect(b.id, List.of(closed, b.address)).block(WAIT); // skips the closed address
    a.manager.connection(b.id).orElseThrow().close().block(WAIT);
    awaitTrue(() -> a.manager.connectionCount() == 0);
    assertDialFails(a, b, closed, "/ip4/127.0.0.1/tcp/1: "); // connecting forgot the failures
  }

  private static void assertDialFails(Node from, Node to, Multiaddr address, String reason) {
    StepVerifier.create(from.manager.connect(to.id, List.of(address)))
        .expectErrorSatisfies(
            e -> assertThat(e).isInstanceOf(DialException.class).hasMessageContaining(reason))
        .verify(WAIT);
  }

  @Test
  void aSilentAddressDoesNotHoldUpTheDialOfTheNextOne() throws IOException {
    // a dial timeout far longer than the wait: only trying the next address in time can connect
    Node a = node(LIMITS.withDialTimeout(Duration.ofMinutes(5)));
    Node b = node(LIMITS);
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Multiaddr blackHole = Multiaddr.parse("/ip4/127.0.0.1/tcp/" + silent.getLocalPort());

      Libp2pConnection connection =
          a.manager.connect(b.id, List.of(blackHole, b.address)).block(WAIT);

      assertThat(connection.remotePeer()).isEqualTo(b.id);
      assertThat(connection.remoteAddress()).isEqualTo(b.address);
    }
  }

  @Test
  void aboveTheHighWatermarkTheLeastUsefulAreTrimmedButNeverProtectedOrNewPeers() {
    Duration grace = LIMITS.gracePeriod();
    Node server = node(LIMITS.withMaxConnections(8).withWatermarks(3, 4, grace));
    List<Node> clients = List.of(node(LIMITS), node(LIMITS), node(LIMITS), node(LIMITS));
    for (Node client : clients) {
      client.manager.connect(server.id, List.of(server.address)).block(WAIT);
    }
    awaitTrue(() -> server.manager.connectionCount() == 4);
    server.manager.protect(clients.get(0).id, true); // in the routing table
    clients // a stream in use
        .get(1)
        .manager
        .connect(server.id, List.of())
        .flatMap(connection -> connection.newStream("/echo"))
        .block(WAIT);
    clock.advanceTimeBy(grace);
    Node late = node(LIMITS);

    late.manager.connect(server.id, List.of(server.address)).block(WAIT);

    // 5 > 4: down to 3, closing the idle, unprotected, older than the grace period: clients 2 and 3
    awaitTrue(() -> server.manager.connectionCount() == 3);
    assertThat(server.manager.connectedPeers())
        .containsExactlyInAnyOrder(clients.get(0).id, clients.get(1).id, late.id);
  }

  @Test
  void aPeersConnectionsBeyondItsLimitAreClosed() {
    Node server = node(LIMITS.withMaxPerPeer(1));
    PrivateKey oneIdentity = Ed25519PrivateKey.generate(random);
    Node first = node(LIMITS, oneIdentity);
    Node second = node(LIMITS, oneIdentity);

    first.manager.connect(server.id, List.of(server.address)).block(WAIT);
    Libp2pConnection refused =
        second.manager.connect(server.id, List.of(server.address)).block(WAIT);

    awaitTrue(refused::isClosed);
    assertThat(server.manager.connectionCount()).isEqualTo(1);
  }

  @Test
  void inboundConnectionsBeyondTheLimitAreRefused() {
    Node server = node(LIMITS.withMaxConnections(2));
    for (int i = 0; i < 3; i++) {
      Node client = node(LIMITS);
      client
          .manager
          .connect(server.id, List.of(server.address))
          .onErrorResume(e -> Mono.empty())
          .block(WAIT);
    }
    awaitTrue(() -> server.manager.connectionCount() == 2);
  }

  @Test
  void aConnectionWithoutStreamsIsClosedAfterTheIdleTimeout() {
    Node a = node(LIMITS);
    Node b = node(LIMITS);
    Libp2pConnection connection = a.manager.connect(b.id, List.of(b.address)).block(WAIT);
    clock.advanceTimeBy(LIMITS.idleTimeout().dividedBy(2));
    assertThat(connection.isClosed()).isFalse();
    clock.advanceTimeBy(LIMITS.idleTimeout());
    awaitTrue(connection::isClosed);
    awaitTrue(() -> disconnected.contains(b.id));
    assertThat(a.manager.connectionCount()).isZero();
  }

  @Test
  void anAnsweredKeepAlivePingKeepsTheConnection() {
    Node a = node(LIMITS);
    Node b = node(LIMITS);
    Libp2pConnection connection = a.manager.connect(b.id, List.of(b.address)).block(WAIT);
    a.manager.pingAll().block(WAIT);
    assertThat(connection.isClosed()).isFalse();
  }

  @Test
  void aConnectionWhosePeerNeverAnswersKeepAlivePingsIsClosed() {
    Node a = node(LIMITS);
    PrivateKey silentKey = Ed25519PrivateKey.generate(random);
    TcpTransport tcp = new TcpTransport(LOOPS, WAIT);
    // a peer that completes the upgrade, then never reads again: its yamux session never answers a
    // ping
    DisposableServer silent =
        tcp.listen(
                Multiaddr.parse("/ip4/127.0.0.1/tcp/0"),
                raw ->
                    MultistreamSelect.respond(raw, Set.of(NoiseSecurity.PROTOCOL_ID))
                        .then(new NoiseSecurity(silentKey).secureInbound(raw))
                        .flatMap(
                            channel ->
                                MultistreamSelect.respond(
                                    channel.stream(), Set.of(YamuxSession.PROTOCOL_ID)))
                        .subscribe())
            .block(WAIT);
    servers.add(silent);
    PeerId silentPeer = PeerId.fromPublicKey(silentKey.publicKey());
    Libp2pConnection connection =
        a.manager
            .connect(silentPeer, List.of(TcpAddresses.toMultiaddr(silent.address())))
            .block(WAIT);

    Mono<Void> pings = a.manager.pingAll().cache();
    pings.subscribe();
    clock.advanceTimeBy(ConnectionManager.KEEP_ALIVE_TIMEOUT);
    pings.block(WAIT);

    assertThat(connection.isClosed()).isTrue();
  }

  @Test
  void closeLetsAnOpenStreamFinishThenClosesEveryConnection() {
    Node a = node(LIMITS);
    Node b = node(LIMITS);
    Libp2pConnection connection = a.manager.connect(b.id, List.of(b.address)).block(WAIT);
    ByteStream stream = connection.newStream("/echo").block(WAIT);

    Mono<Void> closing = a.manager.close().cache();
    closing.subscribe();
    clock.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(connection.isClosed()).as("an in-flight exchange keeps the connection").isFalse();

    stream.write(new byte[] {1, 2, 3, 4});
    assertThat(stream.read(Frames.exactly(4)).block(WAIT)).containsExactly(1, 2, 3, 4);
    stream.closeWrite().block(WAIT);
    awaitTrue(() -> connection.streamCount() == 0);
    clock.advanceTimeBy(Duration.ofSeconds(1));
    closing.block(WAIT);
    assertThat(connection.isClosed()).isTrue();
    assertThat(
            a.manager
                .connect(b.id, List.of(b.address))
                .onErrorResume(DialException.class, e -> Mono.empty())
                .block(WAIT))
        .as("no dials after close")
        .isNull();
  }

  private void awaitTrue(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within %s", WAIT).isLessThan(deadline);
      clock.advanceTime();
      Thread.onSpinWait();
    }
  }
}

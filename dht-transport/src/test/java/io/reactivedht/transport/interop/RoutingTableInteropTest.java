package io.reactivedht.transport.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.reactor.config.Mode;
import io.reactivedht.transport.TransportInternals;
import io.reactivedht.transport.identify.IdentifyInfo;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Who lands in whose routing table when a Java node and a js-libp2p node connect: a connection in
 * either direction (TCP, Noise, yamux, identify both ways) puts each DHT server in the other's
 * table; a DHT client (Java or js) is identified but never added. Each test has its own nodes
 * (started once for the class) so that no test sees another test's connections.
 */
@Tag("interop")
@Timeout(120)
class RoutingTableInteropTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String KAD = "/ipfs/kad/1.0.0";
  private static final String IDENTIFY = "/ipfs/id/1.0.0";
  private static final Duration SETTLE = Duration.ofSeconds(20);

  private static final AutoCloseables NODES = new AutoCloseables();

  // Java dials js
  private static JavaNode javaDialer;
  private static JsPeer jsDialed;
  // js dials Java
  private static JsPeer jsDialer;
  private static JavaNode javaDialed;
  // a Java client next to a Java server, both dialling one js server
  private static JavaNode javaClient;
  private static JavaNode javaServer;
  private static JsPeer jsHost;
  // a js client next to a js server, both dialling one Java server
  private static JsPeer jsClient;
  private static JsPeer jsServer;
  private static JavaNode javaHost;

  @BeforeAll
  static void startNodes() {
    javaDialer = NODES.add(JavaNode.server(101));
    jsDialed = NODES.add(JsPeer.start(JsPeer.Options.defaults().withSeed(seed(0x11))));
    jsDialer = NODES.add(JsPeer.start(JsPeer.Options.defaults().withSeed(seed(0x12))));
    javaDialed = NODES.add(JavaNode.server(102));
    javaClient = NODES.add(JavaNode.start(103, Mode.CLIENT, List.of()));
    javaServer = NODES.add(JavaNode.server(104));
    jsHost = NODES.add(JsPeer.start(JsPeer.Options.defaults().withSeed(seed(0x13))));
    jsClient = NODES.add(JsPeer.start(JsPeer.Options.defaults().withSeed(seed(0x14)).asClient()));
    jsServer = NODES.add(JsPeer.start(JsPeer.Options.defaults().withSeed(seed(0x15))));
    javaHost = NODES.add(JavaNode.server(105));
  }

  @AfterAll
  static void stopNodes() {
    NODES.close();
  }

  @Test
  void aJavaNodeDialsAJsNodeAndEachRoutesToTheOther() {
    javaDialer.connect(jsDialed);

    Eventually.await(
        "the Java node has the js node in its routing table",
        SETTLE,
        () -> javaDialer.dht().routingTablePeers(),
        peers -> peers.contains(jsDialed.peerId()));
    awaitJsRoutesTo(jsDialed, javaDialer);
    assertThat(TransportInternals.host(javaDialer.transport()).identifyInfo(jsDialed.peerId()))
        .map(IdentifyInfo::protocols)
        .hasValueSatisfying(protocols -> assertThat(protocols).contains(KAD, IDENTIFY));
    assertThat(jsDialed.identified(javaDialer.peerId()).protocols()).contains(KAD, IDENTIFY);
  }

  @Test
  void aJsNodeDialsAJavaNodeAndEachRoutesToTheOther() {
    jsDialer.dial(javaDialed.p2pAddr());

    awaitJsRoutesTo(jsDialer, javaDialed);
    Eventually.await(
        "the Java node has the js node in its routing table",
        SETTLE,
        () -> javaDialed.dht().routingTablePeers(),
        peers -> peers.contains(jsDialer.peerId()));
    assertThat(jsDialer.connections()).contains(javaDialed.peerId());
    assertThat(TransportInternals.host(javaDialed.transport()).connectedPeers())
        .contains(jsDialer.peerId());
  }

  @Test
  void aJavaClientIsNotAddedToTheJsRoutingTableWhileAJavaServerIs() {
    assertThat(javaClient.dht().mode()).isEqualTo(Mode.CLIENT);
    javaClient.connect(jsHost);
    List<String> clientProtocols =
        Eventually.await(
            "the js node identified the Java client",
            SETTLE,
            () -> protocolsJsKnows(jsHost, javaClient.peerId()),
            protocols -> protocols.contains(IDENTIFY));
    assertThat(clientProtocols).doesNotContain(KAD);

    // the server connects after the client was identified: once the server is in, the client had
    // its chance
    javaServer.connect(jsHost);
    awaitJsRoutesTo(jsHost, javaServer);

    assertThat(jsHost.routingTable()).doesNotContain(javaClient.peerId());
    assertThat(jsHost.connections()).contains(javaClient.peerId(), javaServer.peerId());
    // a client still routes: it has the js server in its own table
    Eventually.await(
        "the Java client has the js node in its routing table",
        SETTLE,
        () -> javaClient.dht().routingTablePeers(),
        peers -> peers.contains(jsHost.peerId()));
  }

  @Test
  void aJsClientIsNotAddedToTheJavaRoutingTableWhileAJsServerIs() {
    assertThat(jsClient.startMode()).isEqualTo(Mode.CLIENT);
    jsClient.dial(javaHost.p2pAddr());
    Set<String> clientProtocols =
        Eventually.await(
                "the Java node identified the js client",
                SETTLE,
                () ->
                    TransportInternals.host(javaHost.transport())
                        .identifyInfo(jsClient.peerId())
                        .map(IdentifyInfo::protocols),
                Optional::isPresent)
            .orElseThrow();
    assertThat(clientProtocols).contains(IDENTIFY).doesNotContain(KAD);

    // identify results reach the routing table in order: once the later server is in, the client
    // was passed over
    jsServer.dial(javaHost.p2pAddr());
    Eventually.await(
        "the Java node has the js server in its routing table",
        SETTLE,
        () -> javaHost.dht().routingTablePeers(),
        peers -> peers.contains(jsServer.peerId()));

    assertThat(javaHost.dht().routingTablePeers()).doesNotContain(jsClient.peerId());
    assertThat(TransportInternals.host(javaHost.transport()).connectedPeers())
        .contains(jsClient.peerId(), jsServer.peerId());
  }

  /**
   * Waits until a js peer has a Java server in its routing table. js pings a new contact before
   * adding it, with an adaptive timeout of at least 5 s, and tries again only when the peer
   * connects again: if the first attempt missed (a busy machine), the js peer hangs up and dials
   * again.
   */
  private static void awaitJsRoutesTo(JsPeer js, JavaNode server) {
    String what = js + " has " + server + " in its routing table";
    try {
      Eventually.await(what, SETTLE, js::routingTable, peers -> peers.contains(server.peerId()));
    } catch (AssertionError missedPing) {
      js.hangUp(server.peerId());
      js.dial(server.p2pAddr());
      Eventually.await(
          what + " after a new connection",
          SETTLE,
          js::routingTable,
          peers -> peers.contains(server.peerId()));
    }
  }

  /**
   * The protocols a js peer learned for a peer by identify; none while it knows nothing of that
   * peer.
   */
  private static List<String> protocolsJsKnows(JsPeer js, PeerId peer) {
    try {
      return js.identified(peer).protocols();
    } catch (JsPeerException notYetInThePeerStore) {
      return List.of();
    }
  }

  private static byte[] seed(int fill) {
    return HEX.parseHex(String.format("%02x", fill).repeat(32));
  }
}

package io.reactivedht.transport.interop;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.Mode;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import io.reactivedht.transport.Seeds;
import io.reactivedht.transport.TransportInternals;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A Java DHT node for the interop tests: a {@link Dht} on a {@link Libp2pTransport} listening on
 * loopback on an ephemeral port, with an Ed25519 identity made from a seed (a stable peer id) and
 * seeded refresh keys. Started, not bootstrapped: call {@link #bootstrap()} or connect it by hand.
 */
final class JavaNode implements AutoCloseable {
  static final Duration STARTUP = Duration.ofSeconds(10);

  private final Ed25519PrivateKey identity;
  private final Libp2pTransport transport;
  private final Dht dht;

  private JavaNode(Ed25519PrivateKey identity, Libp2pTransport transport, Dht dht) {
    this.identity = identity;
    this.transport = transport;
    this.dht = dht;
  }

  /** A started node in {@code mode} that bootstraps (when asked) through {@code bootstrapPeers}. */
  static JavaNode start(long seed, Mode mode, List<PeerInfo> bootstrapPeers) {
    Ed25519PrivateKey identity = Ed25519PrivateKey.generate(Seeds.random(seed));
    Libp2pTransport transport =
        Libp2pTransport.start(Libp2pOptions.defaults(identity)).block(STARTUP);
    if (transport == null) {
      throw new IllegalStateException("the transport did not start");
    }
    Dht dht =
        Dht.builder(transport)
            .options(DhtOptions.defaults().withMode(mode))
            .bootstrapPeers(bootstrapPeers)
            .random(new SplittableRandom(seed))
            .build();
    dht.start().block(STARTUP);
    return new JavaNode(identity, transport, dht);
  }

  /** A started server-mode node without bootstrap peers. */
  static JavaNode server(long seed) {
    return start(seed, Mode.SERVER, List.of());
  }

  Ed25519PrivateKey identity() {
    return identity;
  }

  Libp2pTransport transport() {
    return transport;
  }

  Dht dht() {
    return dht;
  }

  PeerId peerId() {
    return transport.localPeer();
  }

  /** Its id and listen addresses: what another Java node connects to. */
  PeerInfo info() {
    return new PeerInfo(peerId(), transport.listenAddresses());
  }

  /** Its first listen address with {@code /p2p/ID}: what a js peer dials. */
  Multiaddr p2pAddr() {
    return transport.listenAddresses().get(0).withPeerId(peerId());
  }

  /** Joins the network through its bootstrap peers. */
  void bootstrap() {
    dht.bootstrap().block(Duration.ofSeconds(60));
  }

  /** Opens a connection to a js peer (identify then runs both ways). */
  void connect(JsPeer peer) {
    TransportInternals.host(transport)
        .connect(peer.peerId(), List.of(peer.tcpAddr()))
        .block(Duration.ofSeconds(20));
  }

  @Override
  public void close() {
    try {
      dht.close().block(STARTUP);
    } finally {
      transport.close().block(STARTUP);
    }
  }

  @Override
  public String toString() {
    return "JavaNode[" + peerId() + " " + transport.listenAddresses() + ", " + dht.mode() + "]";
  }
}

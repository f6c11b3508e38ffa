package io.reactivedht.cli;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.Mode;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * DHT servers on loopback TCP in this JVM (libp2p, as the daemon speaks it), each joined through
 * the first, then once more so that the early ones learn of the later ones. For the tests and the
 * benchmarks that run {@code dht} commands against a real network.
 */
public final class LoopbackNetwork implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final List<Libp2pTransport> transports = new ArrayList<>();
  private final List<Dht> nodes = new ArrayList<>();

  /** Starts {@code size} servers and joins them; blocks until done. */
  public LoopbackNetwork(int size) {
    SecureRandom random = new SecureRandom();
    try {
      for (int i = 0; i < size; i++) {
        Libp2pTransport transport =
            Libp2pTransport.start(
                    Libp2pOptions.defaults(Ed25519PrivateKey.generate(random))
                        .withListen(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))))
                .block(TIMEOUT);
        transports.add(transport);
        Dht node =
            Dht.builder(transport)
                .options(DhtOptions.defaults().withMode(Mode.SERVER))
                .bootstrapPeers(nodes.isEmpty() ? List.of() : List.of(info(0)))
                .build();
        node.start().block(TIMEOUT);
        nodes.add(node);
      }
      for (int round = 0; round < 2; round++) {
        Flux.fromIterable(nodes.subList(1, nodes.size()))
            .flatMap(n -> n.bootstrap().onErrorResume(e -> Mono.empty()))
            .then()
            .block(TIMEOUT);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The {@code i}th node. */
  public Dht node(int i) {
    return nodes.get(i);
  }

  /** The nodes. */
  public List<Dht> nodes() {
    return List.copyOf(nodes);
  }

  /** The {@code i}th node's listen address, without {@code /p2p}. */
  public Multiaddr address(int i) {
    return transports.get(i).listenAddresses().get(0);
  }

  /** The {@code i}th node as {@code --bootstrap} takes it: its address with {@code /p2p/<id>}. */
  public String bootstrap(int i) {
    return address(i).withPeerId(nodes.get(i).localPeer()).toString();
  }

  private PeerInfo info(int i) {
    return new PeerInfo(nodes.get(i).localPeer(), List.of(address(i)));
  }

  @Override
  public void close() {
    for (Dht node : nodes) {
      node.close().onErrorResume(e -> Mono.empty()).block(TIMEOUT);
    }
    for (Libp2pTransport transport : transports) {
      transport.close().onErrorResume(e -> Mono.empty()).block(TIMEOUT);
    }
  }
}

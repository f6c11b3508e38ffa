package io.reactivedht.spring.boot.autoconfigure;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.Mode;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A few real DHT server nodes on the libp2p transport, on loopback with ephemeral ports and seeded
 * keys; each bootstraps through the first.
 */
public final class LoopbackNetwork implements AutoCloseable {
  /** How long a network operation of the tests may take. */
  public static final Duration WAIT = Duration.ofSeconds(30);

  private final List<Libp2pTransport> transports = new ArrayList<>();
  private final List<Dht> nodes = new ArrayList<>();

  /**
   * Starts {@code size} nodes with keys from {@code new Random(seed)}.
   *
   * @param size how many nodes
   * @param seed the seed of their keys
   */
  public LoopbackNetwork(int size, long seed) {
    Random random = new Random(seed);
    try {
      for (int i = 0; i < size; i++) {
        byte[] keySeed = new byte[32];
        random.nextBytes(keySeed);
        Libp2pTransport transport =
            Libp2pTransport.start(Libp2pOptions.defaults(Ed25519PrivateKey.fromSeed(keySeed)))
                .block(WAIT);
        transports.add(transport);
        Dht dht =
            Dht.builder(transport)
                .options(DhtOptions.defaults().withMode(Mode.SERVER))
                .bootstrapPeers(nodes.isEmpty() ? List.of() : List.of(peerInfo(0)))
                .build();
        nodes.add(dht);
        dht.start()
            .then(i == 0 ? reactor.core.publisher.Mono.empty() : dht.bootstrap())
            .block(WAIT);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * The nodes, in start order.
   *
   * @return the nodes
   */
  public List<Dht> nodes() {
    return List.copyOf(nodes);
  }

  /**
   * A node's peer id and addresses.
   *
   * @param index which node
   * @return its peer info
   */
  public PeerInfo peerInfo(int index) {
    Libp2pTransport transport = transports.get(index);
    return new PeerInfo(transport.localPeer(), transport.listenAddresses());
  }

  /**
   * The first node's address with its peer id, as {@code reactive-dht.bootstrap} takes it.
   *
   * @return {@code /ip4/127.0.0.1/tcp/<port>/p2p/<peer id>}
   */
  public String bootstrapAddress() {
    PeerInfo first = peerInfo(0);
    return first.addresses().get(0).withPeerId(first.id()).toString();
  }

  @Override
  public void close() {
    nodes.forEach(dht -> dht.close().block(WAIT));
    transports.forEach(transport -> transport.close().block(WAIT));
  }
}

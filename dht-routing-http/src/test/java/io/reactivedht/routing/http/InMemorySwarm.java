package io.reactivedht.routing.http;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.Mode;
import io.reactivedht.testkit.sim.InMemoryNetwork;
import io.reactivedht.testkit.sim.LatencyModel;
import io.reactivedht.testkit.sim.NetworkConditions;
import io.reactivedht.testkit.sim.SimulatedTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A swarm of DHT server nodes on an in-memory network in this JVM, started and bootstrapped so that
 * every node knows the others, with seeded keys (the same as the one of {@code
 * examples/spring-webflux-routing}, which runs it as an application option). The API's own node
 * {@linkplain #join joins} it as one more node.
 */
final class InMemorySwarm implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InMemorySwarm.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final int SEEDS = 3;

  private final Scheduler scheduler = Schedulers.newParallel("dht-swarm", 2, true);
  private final InMemoryNetwork network;
  private final DhtOptions options;
  private final List<Dht> nodes = new ArrayList<>();
  private final List<PeerInfo> seeds = new ArrayList<>();
  private final Map<PeerId, List<Multiaddr>> addresses = new HashMap<>();

  /**
   * Starts {@code size} server nodes speaking {@code protocolId}, each bootstrapped through the
   * first ones, then a second bootstrap round so that the routing tables are complete. Blocks until
   * done (startup only).
   */
  InMemorySwarm(int size, String protocolId, Random keys) {
    if (size < 1) {
      throw new IllegalArgumentException("an in-memory swarm needs at least one node, got " + size);
    }
    this.network =
        new InMemoryNetwork(
            scheduler,
            new SplittableRandom(1),
            NetworkConditions.ideal().withLatency(LatencyModel.constant(Duration.ofMillis(1))));
    this.options = DhtOptions.defaults().withProtocolId(protocolId).withMode(Mode.SERVER);
    for (int i = 0; i < size; i++) {
      PeerId id = PeerId.fromPublicKey(seededKey(keys).publicKey());
      SimulatedTransport transport = network.join(id, protocolId);
      Dht dht =
          Dht.builder(transport)
              .options(options)
              .scheduler(scheduler)
              .bootstrapPeers(seeds)
              .build();
      dht.start().block();
      if (!seeds.isEmpty()) {
        dht.bootstrap().block(STARTUP_TIMEOUT);
      }
      nodes.add(dht);
      addresses.put(id, transport.listenAddresses());
      if (seeds.size() < SEEDS) {
        seeds.add(new PeerInfo(id, transport.listenAddresses()));
      }
    }
    Flux.fromIterable(nodes).flatMap(Dht::bootstrap).then().block(STARTUP_TIMEOUT);
    log.info(
        "in-memory swarm of {} DHT nodes: {}", size, nodes.stream().map(Dht::localPeer).toList());
  }

  /** An Ed25519 key from 32 bytes of {@code random}. */
  static Ed25519PrivateKey seededKey(Random random) {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    return Ed25519PrivateKey.fromSeed(seed);
  }

  /** Adds a node to the network (not serving until its {@link Dht} starts in server mode). */
  SimulatedTransport join(PeerId id) {
    return network.join(id, options.protocolId());
  }

  /** The swarm's nodes, in start order. */
  List<Dht> nodes() {
    return List.copyOf(nodes);
  }

  /** The addresses a swarm node listens on (empty for a peer not in the swarm). */
  List<Multiaddr> addressesOf(PeerId peer) {
    return addresses.getOrDefault(peer, List.of());
  }

  /** A few nodes to bootstrap through. */
  List<PeerInfo> seeds() {
    return List.copyOf(seeds);
  }

  /** The network itself (to make peers leave, go silent or misbehave). */
  InMemoryNetwork network() {
    return network;
  }

  /** Stops every node and the swarm's scheduler. */
  @Override
  public void close() {
    nodes.forEach(d -> d.close().block());
    scheduler.dispose();
  }
}

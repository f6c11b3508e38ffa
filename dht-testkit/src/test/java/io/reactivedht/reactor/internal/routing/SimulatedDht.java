package io.reactivedht.reactor.internal.routing;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.CaffeineProviderStore;
import io.reactivedht.core.record.CaffeineValueStore;
import io.reactivedht.core.routing.RoutingTable;
import io.reactivedht.core.validation.NamespacedValidator;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.internal.lookup.LookupDriver;
import io.reactivedht.reactor.internal.server.DhtRequestHandler;
import io.reactivedht.reactor.internal.table.PeerRouting;
import io.reactivedht.reactor.lookup.LookupEvent;
import io.reactivedht.reactor.routing.RoutingSnapshot;
import io.reactivedht.testkit.sim.InMemoryNetwork;
import io.reactivedht.testkit.sim.LatencyModel;
import io.reactivedht.testkit.sim.NetworkConditions;
import io.reactivedht.testkit.sim.SimulatedTransport;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A simulated DHT for the maintenance tests: remote nodes that serve {@link DhtRequestHandler} over
 * their own routing tables (each seeded with some random others, as if they had been running for a
 * while), and one local node with the maintenance under test. Everything runs on one virtual clock,
 * 20 ms one way between any two nodes.
 */
final class SimulatedDht {
  static final Duration LATENCY = Duration.ofMillis(20);

  final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
  final InMemoryNetwork network =
      new InMemoryNetwork(
          clock,
          new SplittableRandom(1),
          NetworkConditions.ideal().withLatency(LatencyModel.constant(LATENCY)));
  final DhtOptions options = DhtOptions.defaults();
  final List<SimulatedTransport> remotes = new ArrayList<>();
  final List<PeerRouting> remoteTables = new ArrayList<>();
  private final Set<PeerId> servers = new HashSet<>();

  final PeerId self = peer(-1);
  final SimulatedTransport local;
  final PeerRouting routing;
  final List<DhtEvent> events = new CopyOnWriteArrayList<>();

  /** Every lookup event of the local node, with the virtual time it happened at. */
  final List<Timed<LookupEvent>> lookupEvents = new CopyOnWriteArrayList<>();

  final LookupDriver lookups;
  final RoutingUpdates updates;

  /** Something that happened at a virtual time. */
  record Timed<T>(Duration at, T value) {}

  SimulatedDht() {
    local = network.join(self, options.protocolId());
    routing = new PeerRouting(new RoutingTable(self.key()), local::peerInfo);
    updates = new RoutingUpdates(routing, local, clock, options, events::add);
    lookups =
        new LookupDriver(
            self,
            local,
            routing,
            clock,
            options,
            updates,
            event -> lookupEvents.add(new Timed<>(now(), event)));
  }

  /** A deterministic peer id: the sha2-256 multihash of the 8 bytes of {@code seed}. */
  static PeerId peer(long seed) {
    return PeerId.fromBytes(Multihash.sha256(ByteBuffer.allocate(8).putLong(seed).array()).bytes());
  }

  /**
   * Joins {@code n} remote nodes, each knowing {@code known} random others in its routing table.
   * The first {@code clients} of them never serve: they are DHT clients that the others (wrongly,
   * e.g. from an old table) still list, so lookups run into them.
   */
  void joinRemotes(int n, int known, int clients) {
    int first = remotes.size();
    for (int i = 0; i < n; i++) {
      PeerId id = peer(first + i);
      SimulatedTransport transport = network.join(id, options.protocolId());
      remotes.add(transport);
      remoteTables.add(new PeerRouting(new RoutingTable(id.key()), transport::peerInfo));
    }
    SplittableRandom random = new SplittableRandom(first + 7L);
    for (int i = first; i < remotes.size(); i++) {
      for (int j = 0; j < known; j++) {
        int other = first + random.nextInt(n);
        if (other != i) {
          remoteTables.get(i).insert(remotes.get(other).localPeer(), true, Instant.EPOCH);
        }
      }
      if (i - first >= clients) {
        serve(i);
      }
    }
  }

  /** Makes remote node {@code i} a DHT server. */
  void serve(int i) {
    SimulatedTransport transport = remotes.get(i);
    transport.serve(
        new DhtRequestHandler(
            transport.localPeer(),
            options,
            remoteTables.get(i),
            new CaffeineValueStore(() -> clock.now(TimeUnit.NANOSECONDS)),
            new CaffeineProviderStore(() -> clock.now(TimeUnit.NANOSECONDS)),
            NamespacedValidator.defaults(),
            clock));
    servers.add(transport.localPeer());
  }

  /**
   * Makes remote node {@code i} a DHT client: it stops serving, and identify push tells its peers.
   */
  void becomeClient(int i) {
    SimulatedTransport transport = remotes.get(i);
    transport.serve(null);
    servers.remove(transport.localPeer());
  }

  /** Whether the peer is a remote node serving the DHT now. */
  boolean isServer(PeerId peer) {
    return servers.contains(peer);
  }

  /** The index of a remote node. */
  int indexOf(PeerId peer) {
    for (int i = 0; i < remotes.size(); i++) {
      if (remotes.get(i).localPeer().equals(peer)) {
        return i;
      }
    }
    throw new IllegalArgumentException(peer + " is not a remote node");
  }

  PeerInfo info(int remote) {
    SimulatedTransport transport = remotes.get(remote);
    return new PeerInfo(transport.localPeer(), transport.listenAddresses());
  }

  RoutingMaintenance maintenance(List<PeerInfo> bootstrapPeers) {
    return new RoutingMaintenance(
        self,
        local,
        routing,
        updates,
        lookups,
        clock,
        options,
        bootstrapPeers,
        new SplittableRandom(42),
        RoutingSnapshot.EMPTY);
  }

  /** The {@code n} serving remote nodes closest to the local node, closest first. */
  List<PeerId> closestServers(int n) {
    return servers.stream()
        .sorted(Comparator.comparing(PeerId::key, self.key().byDistance()))
        .limit(n)
        .toList();
  }

  /**
   * The number of serving remote nodes in each bucket of the local table, capped at k: a perfect
   * table.
   */
  int perfectTableSize() {
    int[] perBucket = new int[Key.BITS];
    for (PeerId peer : servers) {
      perBucket[self.key().commonPrefixLength(peer.key())]++;
    }
    int size = 0;
    for (int count : perBucket) {
      size += Math.min(count, options.k());
    }
    return size;
  }

  Duration now() {
    return Duration.ofNanos(clock.now(TimeUnit.NANOSECONDS));
  }

  /** The virtual times at which lookups of the local node finished, in order. */
  List<Duration> lookupsFinishedAt() {
    return lookupEvents.stream()
        .filter(e -> e.value() instanceof LookupEvent.Finished)
        .map(Timed::at)
        .toList();
  }

  /** The table changes reported so far. */
  List<DhtEvent> events() {
    return List.copyOf(events);
  }
}

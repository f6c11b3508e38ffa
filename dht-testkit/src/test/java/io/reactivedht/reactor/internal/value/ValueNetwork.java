package io.reactivedht.reactor.internal.value;

import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.CaffeineProviderStore;
import io.reactivedht.core.record.CaffeineValueStore;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.record.ValueStore;
import io.reactivedht.core.routing.RoutingTable;
import io.reactivedht.core.routing.RoutingTableConfig;
import io.reactivedht.core.validation.NamespacedValidator;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.MessageType;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.internal.node.NodeAssembly;
import io.reactivedht.reactor.internal.server.DhtRequestHandler;
import io.reactivedht.reactor.internal.table.PeerRouting;
import io.reactivedht.reactor.routing.RoutingSnapshot;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.reactor.testing.TestPeers;
import io.reactivedht.testkit.sim.InMemoryNetwork;
import io.reactivedht.testkit.sim.LatencyModel;
import io.reactivedht.testkit.sim.NetworkConditions;
import io.reactivedht.testkit.sim.SimulatedTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A simulated network for value tests: remote DHT servers, each a {@link DhtRequestHandler} with
 * its own stores and a routing table holding every other server, on an {@link InMemoryNetwork} that
 * encodes every message, with log-normal latency under virtual time. {@link #client} adds a node in
 * client mode with its own {@link ValueOperations}.
 */
final class ValueNetwork {
  final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
  final InMemoryNetwork network;
  final DhtOptions options;
  private final List<PeerId> servers = new ArrayList<>();
  private final Map<PeerId, ValueStore> stores = new HashMap<>();

  /** {@code size} servers, with peer ids from {@code seed}. */
  ValueNetwork(int size, long seed, DhtOptions options) {
    this.options = options;
    this.network =
        new InMemoryNetwork(
            scheduler,
            new SplittableRandom(seed),
            NetworkConditions.ideal()
                .withLatency(LatencyModel.logNormal(Duration.ofMillis(50), 0.5)),
            true);
    List<PeerInfo> peers = TestPeers.peers(size, seed);
    List<SimulatedTransport> transports = new ArrayList<>();
    for (PeerInfo peer : peers) {
      transports.add(network.join(peer.id()));
      servers.add(peer.id());
    }
    NamespacedValidator validator = NamespacedValidator.defaults();
    for (SimulatedTransport transport : transports) {
      PeerId id = transport.localPeer();
      PeerRouting routing = new PeerRouting(new RoutingTable(id.key()), transport::peerInfo);
      for (PeerId other : servers) {
        if (!other.equals(id)) {
          routing.insert(other, true, now());
        }
      }
      ValueStore store = new CaffeineValueStore(this::nanos);
      stores.put(id, store);
      transport.serve(
          new DhtRequestHandler(
              id,
              options,
              routing,
              store,
              new CaffeineProviderStore(this::nanos),
              validator,
              scheduler));
    }
  }

  /** A node in client mode, its routing table seeded with every server. */
  Client client(long seed) {
    return new Client(TestPeers.peer(seed).id());
  }

  /** The servers. */
  List<PeerId> servers() {
    return List.copyOf(servers);
  }

  /** The value store of a server. */
  ValueStore storeOf(PeerId server) {
    return stores.get(server);
  }

  /** The {@code n} servers closest to a record key, closest first. */
  List<PeerId> closestTo(byte[] key, int n) {
    Key target = Key.of(key);
    return servers.stream()
        .sorted(Comparator.comparing(PeerId::key, target.byDistance()))
        .limit(n)
        .toList();
  }

  /** Stores a record directly on a server, as if it had been put there earlier. */
  void storeOn(PeerId server, byte[] key, byte[] value) {
    stores.get(server).put(Record.of(key, value).receivedAt(now()));
  }

  /** The value a server holds under {@code key}, or null. */
  byte[] valueOn(PeerId server, byte[] key) {
    return stores.get(server).get(key).map(Record::value).orElse(null);
  }

  /** Lets {@code time} pass on the virtual clock, running everything due meanwhile. */
  void advance(Duration time) {
    scheduler.advanceTimeBy(time);
  }

  Instant now() {
    return Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
  }

  private long nanos() {
    return scheduler.now(TimeUnit.NANOSECONDS);
  }

  /** The content path of an IPNS record value. */
  static String pathOf(byte[] ipnsValue) {
    return IpnsRecord.decode(ipnsValue).path();
  }

  /**
   * A client node: its store and value operations, every request it sent and every event it
   * reported.
   */
  final class Client {
    /** A request as the client sent it. */
    record Sent(PeerId to, DhtRequest request) {}

    final PeerId id;
    final ValueStore store = new CaffeineValueStore(ValueNetwork.this::nanos);
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final List<DhtEvent> events = new CopyOnWriteArrayList<>();
    final ValueOperations values;

    private Client(PeerId id) {
      this.id = id;
      SimulatedTransport network = ValueNetwork.this.network.join(id);
      DhtTransport transport =
          new RecordingTransport(network, (to, request) -> sent.add(new Sent(to, request)));
      NodeAssembly node =
          NodeAssembly.assemble(
              transport,
              options,
              scheduler,
              RoutingTableConfig.DEFAULT,
              store,
              null,
              NamespacedValidator.defaults(),
              List.of(),
              RoutingSnapshot.EMPTY,
              new SplittableRandom(1),
              Schedulers.immediate(),
              null,
              events::add);
      for (PeerId server : servers) {
        node.routing().insert(server, true, now());
      }
      values = node.values();
    }

    /** How many requests of a type this client sent so far. */
    long sent(MessageType type) {
      return sent.stream().filter(s -> s.request().type() == type).count();
    }

    /** The peers this client sent requests of a type to so far, in order. */
    List<PeerId> sentTo(MessageType type) {
      return sent.stream().filter(s -> s.request().type() == type).map(Sent::to).toList();
    }

    /** The corrections reported so far. */
    List<DhtEvent.Correction> corrections() {
      return events.stream()
          .filter(e -> e instanceof DhtEvent.Correction)
          .map(e -> (DhtEvent.Correction) e)
          .toList();
    }

    /** The peers whose corrections were reported so far, in order. */
    List<PeerId> correctedPeers() {
      return corrections().stream().map(DhtEvent.Correction::peer).toList();
    }
  }
}

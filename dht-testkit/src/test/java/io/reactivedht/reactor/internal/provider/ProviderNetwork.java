package io.reactivedht.reactor.internal.provider;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.CaffeineProviderStore;
import io.reactivedht.core.record.CaffeineValueStore;
import io.reactivedht.core.record.ProviderStore;
import io.reactivedht.core.routing.RoutingTable;
import io.reactivedht.core.routing.RoutingTableConfig;
import io.reactivedht.core.validation.NamespacedValidator;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.internal.node.NodeAssembly;
import io.reactivedht.reactor.internal.server.DhtRequestHandler;
import io.reactivedht.reactor.internal.table.PeerRouting;
import io.reactivedht.reactor.routing.RoutingSnapshot;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.reactor.spi.RequestHandler;
import io.reactivedht.reactor.spi.TransportEvent;
import io.reactivedht.reactor.testing.TestPeers;
import io.reactivedht.testkit.sim.InMemoryNetwork;
import io.reactivedht.testkit.sim.LatencyModel;
import io.reactivedht.testkit.sim.NetworkConditions;
import io.reactivedht.testkit.sim.SimulatedTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A small simulated DHT for the provider tests: {@code size} DHT servers, each a {@link
 * DhtRequestHandler} over its own stores and a routing table that holds every other server, plus
 * local nodes in client mode, each with its own {@link ProviderOperations} and a routing table that
 * knows only a few servers.
 */
final class ProviderNetwork {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  /** Beta 0: a provide must reach the true k closest. */
  static final DhtOptions OPTIONS = DhtOptions.defaults().withBeta(0);

  /** A remote DHT server. */
  record Server(
      PeerId id,
      SimulatedTransport transport,
      PeerRouting routing,
      ProviderStore providers,
      DhtRequestHandler handler) {}

  /** A local node in client mode and what it saw. */
  record Local(
      PeerId id,
      DhtTransport transport,
      ProviderStore providers,
      ProviderOperations ops,
      List<DhtEvent> events) {}

  final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
  final InMemoryNetwork network;
  final List<Server> servers = new ArrayList<>();

  ProviderNetwork(int size, long seed) {
    scheduler.advanceTimeTo(T0);
    network =
        new InMemoryNetwork(
            scheduler,
            new Random(seed),
            NetworkConditions.ideal()
                .withLatency(LatencyModel.logNormal(Duration.ofMillis(60), 0.5)));
    for (PeerInfo peer : TestPeers.peers(size, seed)) {
      SimulatedTransport transport = network.join(peer.id());
      PeerRouting routing = new PeerRouting(new RoutingTable(peer.id().key()), transport::peerInfo);
      ProviderStore providers = providerStore();
      DhtRequestHandler handler =
          new DhtRequestHandler(
              peer.id(),
              OPTIONS,
              routing,
              new CaffeineValueStore(this::nanos),
              providers,
              NamespacedValidator.defaults(),
              scheduler);
      transport.serve(handler);
      servers.add(new Server(peer.id(), transport, routing, providers, handler));
    }
    for (Server server : servers) {
      for (Server other : servers) {
        if (other != server) {
          server.routing().insert(other.id(), true, T0);
        }
      }
    }
  }

  /** A client-mode node that knows {@code known} servers picked with {@code seed}. */
  Local local(long seed, int known) {
    return local(seed, known, null);
  }

  /**
   * As {@link #local(long, int)}, announcing {@code listenAddresses} instead of its own when not
   * null.
   */
  Local local(long seed, int known, @Nullable List<Multiaddr> listenAddresses) {
    PeerId id = TestPeers.peer(1_000_000 + seed).id();
    SimulatedTransport joined = network.join(id);
    DhtTransport transport =
        listenAddresses == null ? joined : new Readdressed(joined, listenAddresses);
    List<DhtEvent> events = new CopyOnWriteArrayList<>();
    NodeAssembly node =
        NodeAssembly.assemble(
            transport,
            OPTIONS,
            scheduler,
            RoutingTableConfig.DEFAULT,
            null,
            providerStore(),
            NamespacedValidator.defaults(),
            List.of(),
            RoutingSnapshot.EMPTY,
            new SplittableRandom(seed),
            Schedulers.immediate(),
            null,
            events::add);
    Random random = new Random(seed);
    for (int i = 0; i < known; i++) {
      node.routing().insert(servers.get(random.nextInt(servers.size())).id(), true, now());
    }
    return new Local(id, transport, node.providerStore(), node.providers(), events);
  }

  /** The servers closest to a key, closest first: the truth a lookup should find. */
  List<PeerId> closestServers(byte[] key, int n) {
    Key target = Key.of(key);
    return servers.stream()
        .map(Server::id)
        .sorted(Comparator.comparing(PeerId::key, target.byDistance()))
        .limit(n)
        .toList();
  }

  Server server(PeerId id) {
    return servers.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  /** Runs a Mono to its end on virtual time (setup steps; the tests verify with StepVerifier). */
  <T> T run(Mono<T> mono) {
    AtomicReference<@Nullable T> value = new AtomicReference<>();
    AtomicReference<@Nullable Throwable> error = new AtomicReference<>();
    mono.subscribe(value::set, error::set);
    scheduler.advanceTimeBy(Duration.ofMinutes(5));
    if (error.get() != null) {
      throw new AssertionError("failed", error.get());
    }
    T result = value.get();
    if (result == null) {
      throw new AssertionError("no value after 5 minutes");
    }
    return result;
  }

  /** Collects a Flux to its end on virtual time. */
  <T> List<T> run(Flux<T> flux) {
    return run(flux.collectList());
  }

  Instant now() {
    return Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
  }

  private long nanos() {
    return scheduler.now(TimeUnit.NANOSECONDS);
  }

  private ProviderStore providerStore() {
    return new CaffeineProviderStore(this::nanos);
  }

  /** A transport that announces other listen addresses (e.g. none) than the node it wraps. */
  private record Readdressed(DhtTransport inner, List<Multiaddr> listenAddresses)
      implements DhtTransport {
    @Override
    public PeerId localPeer() {
      return inner.localPeer();
    }

    @Override
    public Mono<DhtResponse> send(PeerInfo peer, DhtRequest request) {
      return inner.send(peer, request);
    }

    @Override
    public void serve(@Nullable RequestHandler handler) {
      inner.serve(handler);
    }

    @Override
    public Flux<TransportEvent> events() {
      return inner.events();
    }

    @Override
    public List<Multiaddr> addressesOf(PeerId peer) {
      return inner.addressesOf(peer);
    }

    @Override
    public Mono<Void> close() {
      return inner.close();
    }
  }
}

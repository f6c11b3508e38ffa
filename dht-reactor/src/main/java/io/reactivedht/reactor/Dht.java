package io.reactivedht.reactor;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.ProviderStore;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.record.ValueStore;
import io.reactivedht.core.routing.RoutingTableConfig;
import io.reactivedht.core.validation.NamespacedValidator;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.Mode;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.internal.lookup.LookupDriver;
import io.reactivedht.reactor.internal.lookup.Termination;
import io.reactivedht.reactor.internal.node.NodeAssembly;
import io.reactivedht.reactor.internal.provider.ProviderOperations;
import io.reactivedht.reactor.internal.routing.ModeSwitch;
import io.reactivedht.reactor.internal.routing.RoutingMaintenance;
import io.reactivedht.reactor.internal.table.PeerRouting;
import io.reactivedht.reactor.internal.value.ValueOperations;
import io.reactivedht.reactor.lookup.LookupEvent;
import io.reactivedht.reactor.provider.ProvideResult;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.reactor.value.PutResult;
import io.reactivedht.reactor.value.ReceivedRecord;
import io.reactivedht.reactor.value.ValueResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A Kademlia DHT node: every operation of the libp2p DHT as a lazy, cancellable Reactor pipeline
 * over a {@link DhtTransport}. Build one with {@link #builder(DhtTransport)}, {@link #start()} it,
 * then bootstrap:
 *
 * <pre>{@code
 * Dht dht = Dht.builder(transport).bootstrapPeers(peers).build();
 * dht.start().then(dht.bootstrap()).block();
 * dht.findProviders(cid).take(3).subscribe(System.out::println);
 * }</pre>
 *
 * <p>Thread-safe. All timing (RPC timeouts, refresh, republish, expiry) runs on the builder's
 * {@link Scheduler}, so tests and simulations drive a node with virtual time.
 */
public final class Dht {
  /** How often expired records are dropped from the stores. */
  private static final Duration STORE_CLEAN_UP = Duration.ofMinutes(10);

  private final PeerId self;
  private final DhtOptions options;
  private final Scheduler scheduler;
  private final PeerRouting routing;
  private final LookupDriver lookups;
  private final ValueStore valueStore;
  private final ProviderStore providerStore;
  private final ValueOperations values;
  private final ProviderOperations providers;
  private final RoutingMaintenance maintenance;
  private final ModeSwitch modes;
  private final Disposable.Composite running = Disposables.composite();
  private final AtomicBoolean started = new AtomicBoolean();
  private final Sinks.Many<DhtEvent> events = Sinks.many().multicast().directBestEffort();

  private Dht(Builder b) {
    NodeAssembly node =
        NodeAssembly.assemble(
            b.transport,
            b.options,
            b.scheduler,
            b.routingTableConfig,
            b.valueStore,
            b.providerStore,
            b.validator,
            b.bootstrapPeers,
            b.random,
            new SerializedEmitter(events));
    this.self = node.self();
    this.options = b.options;
    this.scheduler = b.scheduler;
    this.routing = node.routing();
    this.lookups = node.lookups();
    this.valueStore = node.valueStore();
    this.providerStore = node.providerStore();
    this.values = node.values();
    this.providers = node.providers();
    this.maintenance = node.maintenance();
    this.modes = node.modes();
  }

  /**
   * Starts the node: follows the transport's peer events into the routing table, applies the mode
   * (a server answers DHT requests), and schedules refresh, republish, reprovide and store
   * clean-up. Completes at once; idempotent. Join the network with {@link #bootstrap()}.
   */
  public Mono<Void> start() {
    return Mono.fromRunnable(
        () -> {
          if (!started.compareAndSet(false, true)) {
            return;
          }
          running.add(maintenance.start());
          modes.setMode(options.mode());
          running.add(modes);
          running.add(
              Flux.interval(options.republishInterval(), scheduler)
                  .concatMap(tick -> values.republish().onErrorResume(e -> Mono.empty()))
                  .subscribe());
          running.add(
              Flux.interval(options.reprovideInterval(), scheduler)
                  .concatMap(tick -> providers.reprovide().onErrorResume(e -> Mono.empty()))
                  .subscribe());
          running.add(Flux.interval(STORE_CLEAN_UP, scheduler).subscribe(tick -> cleanUpStores()));
        });
  }

  /**
   * Joins the network through the bootstrap peers: asks them for the peers closest to this node,
   * then refreshes every bucket. Fails with {@link
   * io.reactivedht.reactor.routing.BootstrapException} if no bootstrap peer answered.
   */
  public Mono<Void> bootstrap() {
    return maintenance.bootstrap();
  }

  /** Switches between server, client and auto mode at run time. */
  public void setMode(Mode mode) {
    modes.setMode(mode);
  }

  /** What the node is now: {@link Mode#SERVER} or {@link Mode#CLIENT}. */
  public Mode mode() {
    return modes.effectiveMode();
  }

  /**
   * Stops the node's timers and background work; the transport stays open (its owner closes it).
   */
  public Mono<Void> close() {
    return Mono.fromRunnable(
        () -> {
          running.dispose();
          values.close();
        });
  }

  /** A builder for a node on {@code transport}. */
  public static Builder builder(DhtTransport transport) {
    return new Builder(transport);
  }

  /** The local peer. */
  public PeerId localPeer() {
    return self;
  }

  /** The options this node runs with. */
  public DhtOptions options() {
    return options;
  }

  /**
   * The iterative FIND_NODE lookup for {@code key} (raw key bytes, hashed into the keyspace) as it
   * runs: a {@link LookupEvent.RequestSent} per request, an {@link LookupEvent.Answered} per peer
   * that answered (who, the closer peers it gave, the round trip, the hop), a {@link
   * LookupEvent.Failed} per request that failed or timed out, and last a {@link
   * LookupEvent.Finished} with the up to k closest peers that answered, closest first. The lookup
   * runs until the k closest live peers it knows have all answered. Backpressured (no request goes
   * out while an event waits for demand) and cancellable (cancelling stops every request in
   * flight).
   */
  public Flux<LookupEvent> lookup(byte[] key) {
    return lookups.lookup(Key.of(key), new DhtRequest.FindNode(key.clone()), Termination.K_CLOSEST);
  }

  /**
   * The up to k peers closest to {@code key} (raw key bytes, hashed into the keyspace), closest
   * first: the result of {@link #lookup(byte[])}. They are emitted together when the lookup ends,
   * since until then a closer peer may still be found; follow {@link #lookup(byte[])} to see the
   * lookup converge.
   */
  public Flux<PeerInfo> findClosestPeers(byte[] key) {
    return lookup(key)
        .ofType(LookupEvent.Finished.class)
        .flatMapIterable(LookupEvent.Finished::closest);
  }

  /**
   * A peer's addresses: at once if it is in the routing table, otherwise through a lookup for its
   * id that stops as soon as a peer returns it with addresses. Empty if no peer knows it.
   */
  public Mono<PeerInfo> findPeer(PeerId peer) {
    return Mono.defer(
        () -> {
          PeerInfo known = routing.info(peer);
          if (routing.contains(peer) && !known.addresses().isEmpty()) {
            return Mono.just(known);
          }
          return lookups
              .lookup(peer.key(), new DhtRequest.FindNode(peer.bytes()), Termination.BETA)
              .concatMapIterable(
                  e -> e instanceof LookupEvent.Answered a ? a.closerPeers() : List.of())
              .filter(p -> p.id().equals(peer) && !p.addresses().isEmpty())
              .next();
        });
  }

  /**
   * Publishes a value record ({@code /pk/...} or {@code /ipns/...}): validated, stored locally,
   * then put on the k closest peers; republished every {@link DhtOptions#republishInterval()} while
   * the node runs.
   */
  public Mono<PutResult> putValue(byte[] key, byte[] value) {
    return values.putValue(key, value);
  }

  /**
   * Every valid record under a key as it comes in: the local store's first, then one per peer that
   * answered the GET_VALUE lookup with a valid record (the lookup ends at beta, then asks the
   * unasked of the k closest). The raw stream that {@link #getValue(byte[], int)} is built on:
   * {@code records(key).take(q)}, reduced by the key's {@code Select}. Corrects nobody.
   */
  public Flux<ReceivedRecord> records(byte[] key) {
    return values.records(key);
  }

  /**
   * The best of the first {@code quorum} valid records under a key (the local store's counts), or
   * of all that came in if fewer did, with the entry corrections it started: the peers that
   * answered with an outdated record or none get the best one, reported in {@link
   * ValueResult#corrections()} (and as {@link DhtEvent.Correction}). Fails with {@link
   * io.reactivedht.reactor.value.ValueNotFoundException} if no valid record was found.
   */
  public Mono<ValueResult> resolve(byte[] key, int quorum) {
    return values.resolve(key, quorum);
  }

  /** The record of {@link #resolve(byte[], int)}; the corrections run on their own. */
  public Mono<Record> getValue(byte[] key, int quorum) {
    return values.getValue(key, quorum);
  }

  /**
   * {@link #getValue(byte[], int)} with the IPNS quorum for {@code /ipns/} keys and 1 otherwise.
   */
  public Mono<Record> getValue(byte[] key) {
    return values.getValue(key, "ipns".equals(Record.namespaceOf(key)) ? options.ipnsQuorum() : 1);
  }

  /**
   * Progressively better records for a key, as the lookup finds them, until {@code quorum}
   * answered.
   */
  public Flux<Record> searchValue(byte[] key, int quorum) {
    return values.searchValue(key, quorum);
  }

  /**
   * Announces that this node provides {@code cid}: ADD_PROVIDER with this node's addresses to the k
   * peers closest to its multihash; re-announced every {@link DhtOptions#reprovideInterval()} while
   * the node runs.
   */
  public Mono<ProvideResult> provide(Cid cid) {
    return providers.provide(cid);
  }

  /**
   * The providers of {@code cid}, distinct, emitted as the lookup finds them (local ones first);
   * {@code take(n)} stops the network work.
   */
  public Flux<PeerInfo> findProviders(Cid cid) {
    return providers.findProviders(cid);
  }

  /** Stops re-announcing {@code cid}. */
  public Mono<Void> stopProviding(Cid cid) {
    return providers.stopProviding(cid);
  }

  /**
   * Everything this node does, as it happens; hot, best effort (a slow subscriber misses events).
   */
  public Flux<DhtEvent> events() {
    return events.asFlux();
  }

  /** The peers in the routing table. */
  public List<PeerId> routingTablePeers() {
    return routing.peers();
  }

  private void cleanUpStores() {
    valueStore.cleanUp();
    providerStore.cleanUp();
  }

  /**
   * Emits into the node's event sink one event at a time (lookups, corrections and table changes
   * come from many threads).
   */
  private record SerializedEmitter(Sinks.Many<DhtEvent> sink) implements Consumer<DhtEvent> {
    @Override
    public void accept(DhtEvent event) {
      synchronized (this) {
        sink.tryEmitNext(event);
      }
    }
  }

  /** Configures a {@link Dht}; every setting has a default. */
  public static final class Builder {
    private final DhtTransport transport;
    private DhtOptions options = DhtOptions.defaults();
    private Scheduler scheduler = Schedulers.parallel();
    private RoutingTableConfig routingTableConfig = RoutingTableConfig.DEFAULT;
    private @org.jspecify.annotations.Nullable ValueStore valueStore;
    private @org.jspecify.annotations.Nullable ProviderStore providerStore;
    private NamespacedValidator validator = NamespacedValidator.defaults();
    private List<PeerInfo> bootstrapPeers = List.of();
    private RandomGenerator random = new SplittableRandom();

    private Builder(DhtTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** The options (default: {@link DhtOptions#defaults()}). */
    public Builder options(DhtOptions options) {
      this.options = Objects.requireNonNull(options);
      return this;
    }

    /**
     * The scheduler for timers and the clock (default: {@link Schedulers#parallel()}; tests:
     * virtual time).
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler);
      return this;
    }

    /**
     * Routing table tuning beyond k (default: {@link RoutingTableConfig#DEFAULT} with the options'
     * k).
     */
    public Builder routingTableConfig(RoutingTableConfig config) {
      this.routingTableConfig = Objects.requireNonNull(config);
      return this;
    }

    /**
     * The value record store (default: in memory, bounded, expiring at the options' max record
     * age).
     */
    public Builder valueStore(ValueStore store) {
      this.valueStore = Objects.requireNonNull(store);
      return this;
    }

    /** The provider record store (default: in memory, bounded, with the options' provider TTLs). */
    public Builder providerStore(ProviderStore store) {
      this.providerStore = Objects.requireNonNull(store);
      return this;
    }

    /** The record validators (default: {@code /pk} and {@code /ipns}). */
    public Builder validator(NamespacedValidator validator) {
      this.validator = Objects.requireNonNull(validator);
      return this;
    }

    /** The peers to join the network through. */
    public Builder bootstrapPeers(List<PeerInfo> peers) {
      this.bootstrapPeers = List.copyOf(peers);
      return this;
    }

    /**
     * The randomness for refresh keys (default: unseeded; seed it for reproducible simulations).
     */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    /** Builds the node; nothing runs before {@link Dht#start()}. */
    public Dht build() {
      if (routingTableConfig.bucketSize() != options.k()) {
        routingTableConfig = routingTableConfig.withBucketSize(options.k());
      }
      return new Dht(this);
    }
  }
}

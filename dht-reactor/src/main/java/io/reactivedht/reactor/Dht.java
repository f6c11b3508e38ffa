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
import io.reactivedht.reactor.internal.observe.Observing;
import io.reactivedht.reactor.internal.provider.ProviderOperations;
import io.reactivedht.reactor.internal.routing.ModeSwitch;
import io.reactivedht.reactor.internal.routing.RoutingMaintenance;
import io.reactivedht.reactor.internal.server.DhtRequestHandler;
import io.reactivedht.reactor.internal.table.PeerRouting;
import io.reactivedht.reactor.internal.value.ValueOperations;
import io.reactivedht.reactor.lookup.LookupEvent;
import io.reactivedht.reactor.observe.DhtGauges;
import io.reactivedht.reactor.observe.DhtObserver;
import io.reactivedht.reactor.observe.Operation;
import io.reactivedht.reactor.provider.ProvideResult;
import io.reactivedht.reactor.routing.RoutingSnapshot;
import io.reactivedht.reactor.server.RequestStats;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.reactor.state.NodeState;
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
import org.jspecify.annotations.Nullable;
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

  /** How often the routing table is saved to the {@link Builder#nodeState node state}. */
  public static final Duration ROUTING_SNAPSHOT_INTERVAL = Duration.ofMinutes(1);

  /** The most threads of the scheduler a node creates for stores that block on I/O. */
  private static final int STORE_IO_THREADS = 4;

  /** The most store calls waiting for one of those threads. */
  private static final int STORE_IO_QUEUE = 10_000;

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
  private final DhtRequestHandler handler;
  private final Observing observing;
  private final DhtGauges gauges = new Gauges();
  private final Disposable.Composite running = Disposables.composite();
  private final AtomicBoolean started = new AtomicBoolean();
  private final Sinks.Many<DhtEvent> events = Sinks.many().multicast().directBestEffort();
  private final Scheduler storeIo;
  private final @Nullable Scheduler ownedStoreIo;
  private final @Nullable NodeState nodeState;

  private Dht(Builder b) {
    this.nodeState = b.nodeState;
    this.ownedStoreIo =
        b.storeScheduler == null && b.blocksOnIo()
            ? Schedulers.newBoundedElastic(
                STORE_IO_THREADS, STORE_IO_QUEUE, "dht-store-io", 60, true)
            : null;
    this.storeIo =
        b.storeScheduler != null
            ? b.storeScheduler
            : ownedStoreIo != null ? ownedStoreIo : Schedulers.immediate();
    RoutingSnapshot restored =
        b.restored.peers().isEmpty() && nodeState != null
            ? nodeState.routingSnapshot()
            : b.restored;
    this.observing = Observing.of(b.observer, b.scheduler);
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
            restored,
            b.random,
            storeIo,
            nodeState,
            new SerializedEmitter(events),
            observing);
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
    this.handler = node.handler();
    observing.attached(gauges);
  }

  /**
   * Starts the node: follows the transport's peer events into the routing table, applies the mode
   * (a server answers DHT requests), and schedules refresh, republish, reprovide and store
   * clean-up. Completes at once; idempotent. Join the network with {@link #bootstrap()}.
   *
   * @return completes empty once the node runs; cold: nothing starts before subscription, and only
   *     the first subscription starts the node
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
          running.add(
              Flux.interval(STORE_CLEAN_UP, scheduler)
                  .concatMap(tick -> onStoreIo(this::cleanUpStores))
                  .subscribe());
          if (nodeState != null) {
            running.add(
                Flux.interval(ROUTING_SNAPSHOT_INTERVAL, scheduler)
                    .concatMap(tick -> saveRoutingSnapshot())
                    .subscribe());
          }
        });
  }

  /**
   * Joins the network through the bootstrap peers: asks them for the peers closest to this node,
   * then refreshes every bucket. Fails with {@link
   * io.reactivedht.reactor.routing.BootstrapException} if no bootstrap peer answered.
   *
   * @return completes empty when the refresh round is done (without bootstrap peers, the bootstrap
   *     is just that round); cold: each subscription bootstraps anew, and cancelling stops it
   */
  public Mono<Void> bootstrap() {
    return maintenance.bootstrap();
  }

  /**
   * Switches between server, client and auto mode at run time. Before {@link #start()}, the mode
   * set here holds only until the start applies {@link DhtOptions#mode()}.
   *
   * @param mode {@link Mode#SERVER} or {@link Mode#CLIENT}, applied at once; or {@link Mode#AUTO}:
   *     a client until the transport reports the node publicly reachable, then a server until it
   *     reports otherwise
   */
  public void setMode(Mode mode) {
    modes.setMode(mode);
  }

  /**
   * What the node is now: {@link Mode#SERVER} or {@link Mode#CLIENT}.
   *
   * @return the effective mode, never {@link Mode#AUTO}; {@link Mode#CLIENT} until a mode is
   *     applied by {@link #start()} or {@link #setMode}
   */
  public Mode mode() {
    return modes.effectiveMode();
  }

  /**
   * Stops the node's timers and background work and, with a {@link Builder#nodeState node state},
   * saves the routing table there; the transport, the stores and the state stay open (their owners
   * close them).
   *
   * @return completes empty once the periodic jobs and the entry corrections in flight are stopped
   *     and the table is saved; cold: nothing stops before subscription. Operations the caller
   *     subscribed to keep running, and a closed node cannot be started again
   */
  public Mono<Void> close() {
    return Mono.<Void>fromRunnable(
            () -> {
              running.dispose();
              values.close();
            })
        .then(started.get() ? saveRoutingSnapshot() : Mono.empty())
        .doFinally(
            signal -> {
              if (ownedStoreIo != null) {
                ownedStoreIo.dispose();
              }
            });
  }

  /** Writes the routing table to the node state (if any), off the event loops. */
  private Mono<Void> saveRoutingSnapshot() {
    NodeState state = nodeState;
    return state == null
        ? Mono.empty()
        : onStoreIo(() -> state.saveRoutingSnapshot(routing.snapshot()))
            .onErrorResume(e -> Mono.empty()); // the next save tries again
  }

  private Mono<Void> onStoreIo(Runnable work) {
    return Mono.<Void>fromRunnable(work).subscribeOn(storeIo);
  }

  /**
   * A builder for a node on {@code transport}.
   *
   * @param transport carries the node's requests and reports its peers; its local peer is the
   *     node's identity, and the node never closes it
   * @return a builder with every other setting at its default
   */
  public static Builder builder(DhtTransport transport) {
    return new Builder(transport);
  }

  /**
   * The local peer.
   *
   * @return the transport's local peer id
   */
  public PeerId localPeer() {
    return self;
  }

  /**
   * The options this node runs with.
   *
   * @return the builder's options ({@link DhtOptions#defaults()} unless set)
   */
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
   *
   * @param key the raw key, e.g. a peer id's or a record key's bytes; its SHA-256 is the target
   * @return the lookup's events, the last a {@link LookupEvent.Finished}; cold: each subscription
   *     runs a new lookup
   */
  public Flux<LookupEvent> lookup(byte[] key) {
    return observing.flux(
        Operation.LOOKUP,
        closestPeersLookup(key),
        e -> e instanceof LookupEvent.Finished f && !f.closest().isEmpty());
  }

  private Flux<LookupEvent> closestPeersLookup(byte[] key) {
    return lookups.lookup(Key.of(key), new DhtRequest.FindNode(key.clone()), Termination.K_CLOSEST);
  }

  /**
   * The up to k peers closest to {@code key} (raw key bytes, hashed into the keyspace), closest
   * first: the result of {@link #lookup(byte[])}. They are emitted together when the lookup ends,
   * since until then a closer peer may still be found; follow {@link #lookup(byte[])} to see the
   * lookup converge.
   *
   * @param key the raw key; its SHA-256 is the target
   * @return up to k peers, closest first, none if no peer answered; cold: each subscription runs a
   *     new lookup, and cancelling stops it
   */
  public Flux<PeerInfo> findClosestPeers(byte[] key) {
    return observing.flux(
        Operation.FIND_CLOSEST_PEERS,
        closestPeersLookup(key)
            .ofType(LookupEvent.Finished.class)
            .flatMapIterable(LookupEvent.Finished::closest),
        peer -> true);
  }

  /**
   * A peer's addresses: at once if it is in the routing table, otherwise through a lookup for its
   * id that stops as soon as a peer returns it with addresses. Empty if no peer knows it.
   *
   * @param peer the peer whose addresses are wanted
   * @return the peer with at least one address, or empty; cold: the table is checked and the lookup
   *     run anew on each subscription, and cancelling stops the lookup
   */
  public Mono<PeerInfo> findPeer(PeerId peer) {
    return observing.mono(Operation.FIND_PEER, peerSearch(peer));
  }

  private Mono<PeerInfo> peerSearch(PeerId peer) {
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
   *
   * @param key the record key, e.g. {@code /ipns/} and the binary peer id; its namespace must have
   *     a validator
   * @param value the record value, e.g. an encoded IPNS record; must pass the key's validator
   * @return which of the k closest peers stored the record (their echo carried it) and which did
   *     not; fails, with nothing stored or sent, with an {@link
   *     io.reactivedht.core.validation.InvalidRecordException} for an invalid record, an {@link
   *     io.reactivedht.reactor.value.OutdatedRecordException} if the local store holds a better
   *     one, an {@link IllegalArgumentException} if the local store refuses it (too large), or an
   *     {@link IllegalStateException} if 4096 other keys are published already. Cold: nothing is
   *     stored or sent before subscription
   */
  public Mono<PutResult> putValue(byte[] key, byte[] value) {
    return observing.mono(Operation.PUT_VALUE, values.putValue(key, value));
  }

  /**
   * Every valid record under a key as it comes in: the local store's first, then one per peer that
   * answered the GET_VALUE lookup with a valid record (the lookup ends at beta, then asks the
   * unasked of the k closest). The raw stream that {@link #getValue(byte[], int)} is built on:
   * {@code records(key).take(q)}, reduced by the key's {@code Select}. Corrects nobody.
   *
   * @param key the record key; its namespace must have a validator
   * @return the valid records in the order they came in, possibly none, completing when the lookup
   *     ends; fails with an {@link io.reactivedht.core.validation.InvalidRecordException} if no
   *     validator knows the key's namespace. Cold; cancelling (e.g. by {@code take(q)}) stops the
   *     lookup
   */
  public Flux<ReceivedRecord> records(byte[] key) {
    return observing.flux(Operation.RECORDS, values.records(key), record -> true);
  }

  /**
   * The best of the first {@code quorum} valid records under a key (the local store's counts), or
   * of all that came in if fewer did, with the entry corrections it started: the peers that
   * answered with an outdated record or none get the best one, reported in {@link
   * ValueResult#corrections()} (and as {@link DhtEvent.Correction}). Fails with {@link
   * io.reactivedht.reactor.value.ValueNotFoundException} if no valid record was found.
   *
   * @param key the record key; its namespace must have a validator
   * @param quorum how many valid records are enough, the local one included; at least 1 (for IPNS,
   *     {@link DhtOptions#ipnsQuorum()})
   * @return the best record, how many it was chosen from, and its corrections, once {@code quorum}
   *     records arrived or the lookup ended; cold: each subscription searches anew, and one
   *     cancelled before that corrects nobody
   */
  public Mono<ValueResult> resolve(byte[] key, int quorum) {
    return observing.mono(Operation.RESOLVE, values.resolve(key, quorum));
  }

  /**
   * The record of {@link #resolve(byte[], int)}; the corrections run on their own.
   *
   * @param key the record key; its namespace must have a validator
   * @param quorum how many valid records are enough, the local one included; at least 1
   * @return the best record, once {@code quorum} records arrived or the lookup ended; fails with
   *     {@link io.reactivedht.reactor.value.ValueNotFoundException} if none was found. Cold
   */
  public Mono<Record> getValue(byte[] key, int quorum) {
    return observing.mono(Operation.GET_VALUE, values.getValue(key, quorum));
  }

  /**
   * {@link #getValue(byte[], int)} with the IPNS quorum for {@code /ipns/} keys and 1 otherwise.
   *
   * @param key the record key; its namespace must have a validator
   * @return the best record; with a quorum of 1, a valid local record answers without any request.
   *     Fails with {@link io.reactivedht.reactor.value.ValueNotFoundException} if none was found
   */
  public Mono<Record> getValue(byte[] key) {
    return getValue(key, "ipns".equals(Record.namespaceOf(key)) ? options.ipnsQuorum() : 1);
  }

  /**
   * Progressively better records for a key, as the lookup finds them, until {@code quorum} valid
   * records came in (the local one counts) or the lookup ended; then the outdated peers are
   * corrected, as by {@link #resolve(byte[], int)}.
   *
   * @param key the record key; its namespace must have a validator
   * @param quorum how many valid records end the search; at least 1
   * @return each record that is better than every one emitted before, the valid local one first;
   *     possibly none. Cold; cancelled before it completes, it corrects nobody
   */
  public Flux<Record> searchValue(byte[] key, int quorum) {
    return observing.flux(Operation.SEARCH_VALUE, values.searchValue(key, quorum), record -> true);
  }

  /**
   * Announces that this node provides {@code cid}: ADD_PROVIDER with this node's addresses to the k
   * peers closest to its multihash; re-announced every {@link DhtOptions#reprovideInterval()} while
   * the node runs.
   *
   * @param cid the content; every CID of the same multihash shares its providers
   * @return the peers the ADD_PROVIDER reached and those it did not, closest first; fails, having
   *     done nothing, with {@link io.reactivedht.reactor.provider.NoListenAddressesException} if
   *     the transport has no listen addresses. Cold: nothing is stored or sent before subscription
   */
  public Mono<ProvideResult> provide(Cid cid) {
    return observing.mono(Operation.PROVIDE, providers.provide(cid));
  }

  /**
   * The providers of {@code cid}, distinct, emitted as the lookup finds them (local ones first);
   * {@code take(n)} stops the network work.
   *
   * @param cid the content; searched by its multihash, so every CID of the same content finds the
   *     same providers
   * @return each provider once, with the addresses known for it (possibly none), at most 4096;
   *     completes when the lookup ends. Cold: each subscription searches anew
   */
  public Flux<PeerInfo> findProviders(Cid cid) {
    return observing.flux(Operation.FIND_PROVIDERS, providers.findProviders(cid), peer -> true);
  }

  /**
   * Stops re-announcing {@code cid}, and removes this node's provider record from the local store.
   * The records already on other peers stay until their TTL ends (the protocol cannot withdraw
   * them).
   *
   * @param cid the content; any CID of the same multihash stops it
   * @return completes empty once done; cold: nothing changes before subscription
   */
  public Mono<Void> stopProviding(Cid cid) {
    return providers.stopProviding(cid);
  }

  /**
   * Everything this node does, as it happens; hot, best effort (a slow subscriber misses events).
   *
   * @return the events from subscription on; never completes, not even after {@link #close()}
   */
  public Flux<DhtEvent> events() {
    return events.asFlux();
  }

  /**
   * The peers in the routing table.
   *
   * @return a snapshot, bucket by bucket from the farthest (common prefix length 0), each bucket
   *     least recently seen first
   */
  public List<PeerId> routingTablePeers() {
    return routing.peers();
  }

  /**
   * The routing table as {@link Builder#restore} takes it back, e.g. to save at shutdown.
   *
   * @return the table's peers with the addresses the transport knows, and its bucket refresh times
   */
  public RoutingSnapshot routingSnapshot() {
    return routing.snapshot();
  }

  /**
   * How many requests of each type this node's server has answered and refused since the node was
   * built (in client mode it serves none).
   *
   * @return a snapshot of the counters
   */
  public RequestStats requestStats() {
    return handler.stats();
  }

  /**
   * Live figures of this node for a metrics bridge: routing table size, store sizes, request
   * counts. The same object is handed to the {@link Builder#observer observer} when the node is
   * built.
   *
   * @return the node's gauges, read live on each call to one of their methods
   */
  public DhtGauges gauges() {
    return gauges;
  }

  /** The node's figures, read live. */
  private final class Gauges implements DhtGauges {
    @Override
    public int routingTableSize() {
      return routing.size();
    }

    @Override
    public long valueRecords() {
      return valueStore.count();
    }

    @Override
    public long providerKeys() {
      return providerStore.keyCount();
    }

    @Override
    public RequestStats requestStats() {
      return handler.stats();
    }
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
    private @Nullable NodeState nodeState;
    private @Nullable Scheduler storeScheduler;
    private final DhtTransport transport;
    private DhtOptions options = DhtOptions.defaults();
    private Scheduler scheduler = Schedulers.parallel();
    private RoutingTableConfig routingTableConfig = RoutingTableConfig.DEFAULT;
    private @Nullable ValueStore valueStore;
    private @Nullable ProviderStore providerStore;
    private NamespacedValidator validator = NamespacedValidator.defaults();
    private List<PeerInfo> bootstrapPeers = List.of();
    private RandomGenerator random = new SplittableRandom();
    private RoutingSnapshot restored = RoutingSnapshot.EMPTY;
    private DhtObserver observer = DhtObserver.noop();

    private Builder(DhtTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * The options (default: {@link DhtOptions#defaults()}).
     *
     * @param options the protocol parameters, intervals and mode the node runs with
     * @return this builder
     */
    public Builder options(DhtOptions options) {
      this.options = Objects.requireNonNull(options);
      return this;
    }

    /**
     * The scheduler for timers and the clock (default: {@link Schedulers#parallel()}; tests:
     * virtual time).
     *
     * @param scheduler runs every timeout and periodic job, and is the node's clock
     * @return this builder
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler);
      return this;
    }

    /**
     * Routing table tuning beyond k (default: {@link RoutingTableConfig#DEFAULT} with the options'
     * k).
     *
     * @param config the table settings; its bucket size is replaced by {@link DhtOptions#k()} when
     *     the node is built
     * @return this builder
     */
    public Builder routingTableConfig(RoutingTableConfig config) {
      this.routingTableConfig = Objects.requireNonNull(config);
      return this;
    }

    /**
     * The value record store (default: in memory, bounded, expiring at the options' max record
     * age).
     *
     * @param store keeps this node's value records and those peers put on it, with its own bounds
     *     and expiry; records older than the options' max record age are still not served
     * @return this builder
     */
    public Builder valueStore(ValueStore store) {
      this.valueStore = Objects.requireNonNull(store);
      return this;
    }

    /**
     * The provider record store (default: in memory, bounded, with the options' provider TTLs).
     *
     * @param store keeps provider records, this node's own among them, with its own TTLs
     * @return this builder
     */
    public Builder providerStore(ProviderStore store) {
      this.providerStore = Objects.requireNonNull(store);
      return this;
    }

    /**
     * The record validators (default: {@code /pk} and {@code /ipns}).
     *
     * @param validator validates records and selects the best, per key namespace; keys of other
     *     namespaces are refused, locally and from peers
     * @return this builder
     */
    public Builder validator(NamespacedValidator validator) {
      this.validator = Objects.requireNonNull(validator);
      return this;
    }

    /**
     * The peers to join the network through (default: none).
     *
     * @param peers the peers with their addresses, copied; the local peer among them is ignored
     * @return this builder
     */
    public Builder bootstrapPeers(List<PeerInfo> peers) {
      this.bootstrapPeers = List.copyOf(peers);
      return this;
    }

    /**
     * A routing table to start from (default: none), e.g. one saved by {@link
     * Dht#routingSnapshot()} before a restart. Its peers enter the table when the node starts, as
     * DHT servers, and their addresses go to the transport; its refresh times count, so the first
     * refresh round comes one refresh interval after the latest of them (at once if that has
     * passed), as if the node had kept running. Lookups can use them at once; {@link
     * Dht#bootstrap()} probes them and drops those that do not answer, and contacts the bootstrap
     * peers only when fewer than k answered.
     *
     * @param snapshot the table to restore; an empty one means none (then the {@link #nodeState
     *     node state}'s table, if any, is restored)
     * @return this builder
     */
    public Builder restore(RoutingSnapshot snapshot) {
      this.restored = Objects.requireNonNull(snapshot);
      return this;
    }

    /**
     * What the node keeps across restarts (default: nothing). The cids it provides and the records
     * it publishes are read from it when the node is built and written to it as they change, so
     * reproviding and republishing go on after a restart; its routing table is restored from it
     * (unless {@link #restore} gave one) and saved to it every {@link #ROUTING_SNAPSHOT_INTERVAL}
     * and when the node closes. Building blocks while the state is read.
     *
     * @param state the state, e.g. a persistent one on disk; the node never closes it
     * @return this builder
     */
    public Builder nodeState(NodeState state) {
      this.nodeState = Objects.requireNonNull(state);
      return this;
    }

    /**
     * Where the node calls stores and the node state that block on I/O (default: a bounded elastic
     * scheduler of up to {@value #STORE_IO_THREADS} threads that the node creates when one of them
     * {@linkplain ValueStore#blocksOnIo() blocks on I/O} and disposes when it closes; stores that
     * do not block are called in place).
     *
     * @param scheduler a scheduler made for blocking work; the node never disposes it
     * @return this builder
     */
    public Builder storeScheduler(Scheduler scheduler) {
      this.storeScheduler = Objects.requireNonNull(scheduler);
      return this;
    }

    /**
     * What sees the node's operations, their requests and the requests it serves, e.g. the metrics
     * and tracing of the {@code dht-micrometer} module (default: {@link DhtObserver#noop()}, which
     * costs nothing). It gets the node's {@link DhtGauges} when the node is built.
     *
     * @param observer called on the node's threads; must be thread-safe and never block, and what
     *     it throws is dropped
     * @return this builder
     */
    public Builder observer(DhtObserver observer) {
      this.observer = Objects.requireNonNull(observer);
      return this;
    }

    private boolean blocksOnIo() {
      return (valueStore != null && valueStore.blocksOnIo())
          || (providerStore != null && providerStore.blocksOnIo())
          || (nodeState != null && nodeState.blocksOnIo());
    }

    /**
     * The randomness for refresh keys (default: unseeded; seed it for reproducible simulations).
     *
     * @param random draws the random keys of the bucket refresh lookups
     * @return this builder
     */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    /**
     * Builds the node; nothing runs before {@link Dht#start()}.
     *
     * @return a new node, not started
     */
    public Dht build() {
      if (routingTableConfig.bucketSize() != options.k()) {
        routingTableConfig = routingTableConfig.withBucketSize(options.k());
      }
      return new Dht(this);
    }
  }
}

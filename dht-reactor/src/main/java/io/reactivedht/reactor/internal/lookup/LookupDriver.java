package io.reactivedht.reactor.internal.lookup;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.query.ClosestPeersLookup;
import io.reactivedht.core.query.DisjointPathsLookup;
import io.reactivedht.core.query.Lookup;
import io.reactivedht.core.query.LookupConfig;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.core.wire.MessageType;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.internal.observe.OperationTrace;
import io.reactivedht.reactor.internal.table.PeerRouting;
import io.reactivedht.reactor.lookup.LookupEvent;
import io.reactivedht.reactor.spi.DhtTransport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Runs a node's iterative lookups over the transport. Each lookup is a pure {@link Lookup} state
 * machine from {@code dht-core}, driven from one place (a serialized drain loop, see {@link
 * LookupRun}): it sends up to alpha requests, feeds every outcome back into the state machine, and
 * emits one {@link LookupEvent} per request, answer and failure, and one at the end. The returned
 * Flux is lazy, bounded by demand (no new request goes out while an event waits for demand) and
 * cancellable (cancelling stops every request in flight).
 *
 * <p>The timeouts have one owner each: the state machine owns the <em>slot timeout</em> of each
 * request (from the node's {@link PeerHealth}: past it a request stops counting against alpha and
 * stops holding up the end), the driver owns the <em>RPC timeout</em> ({@link
 * DhtOptions#rpcTimeout()}: at it the request is abandoned and the peer counts as failed). An
 * answer between the two is a late answer, and still used while the lookup runs.
 *
 * <p>One driver per node: every lookup shares its {@link PeerHealth} (round-trip estimates, backoff
 * of peers that just failed) and reports what it learns about peers to the {@link LookupFeedback}
 * (the routing table), and every event to the observer (the node's event stream).
 */
public final class LookupDriver {
  private final PeerId self;
  private final DhtTransport transport;
  private final PeerRouting routing;
  private final Scheduler scheduler;
  private final DhtOptions options;
  private final PeerHealth health;
  private final LookupFeedback feedback;
  private final Consumer<LookupEvent> observer;
  private final boolean traced;

  /**
   * @param self the local peer, never queried
   * @param transport carries the requests
   * @param routing seeds lookups
   * @param scheduler clock and timers
   * @param options k, alpha, beta, disjoint paths, RPC timeout
   * @param feedback learns which peers answered, failed or stalled, and which targets were looked
   *     up; must not block
   * @param observer sees every event of every lookup (the DHT's event stream); must not block
   */
  public LookupDriver(
      PeerId self,
      DhtTransport transport,
      PeerRouting routing,
      Scheduler scheduler,
      DhtOptions options,
      LookupFeedback feedback,
      Consumer<LookupEvent> observer) {
    this(self, transport, routing, scheduler, options, feedback, observer, false);
  }

  /**
   * As the other constructor; with {@code traced}, the lookups and {@link #traced} report their
   * requests to the {@link OperationTrace} they find in the Reactor context (the node's observer is
   * not the no-op).
   */
  public LookupDriver(
      PeerId self,
      DhtTransport transport,
      PeerRouting routing,
      Scheduler scheduler,
      DhtOptions options,
      LookupFeedback feedback,
      Consumer<LookupEvent> observer,
      boolean traced) {
    this.traced = traced;
    this.self = self;
    this.transport = transport;
    this.routing = routing;
    this.scheduler = scheduler;
    this.options = options;
    this.health = new PeerHealth(options.rpcTimeout(), () -> scheduler.now(TimeUnit.NANOSECONDS));
    this.feedback = feedback;
    this.observer = observer;
  }

  /**
   * A lookup for the peers closest to {@code target}, asking each peer {@code request}: FIND_NODE,
   * GET_VALUE or GET_PROVIDERS, whose closer peers steer the lookup.
   *
   * @param target the Kademlia key of the request's key
   * @param request what to send to every peer
   * @param termination when the lookup may end
   */
  public Flux<LookupEvent> lookup(Key target, DhtRequest request, Termination termination) {
    return lookup(target, request, termination, List.of());
  }

  /**
   * As {@link #lookup(Key, DhtRequest, Termination)}, with extra seed peers besides the routing
   * table's closest (e.g. the bootstrap peers of a node whose table is still empty).
   */
  public Flux<LookupEvent> lookup(
      Key target, DhtRequest request, Termination termination, List<PeerInfo> extraSeeds) {
    return Flux.create(
        sink -> {
          List<PeerInfo> seeds = seeds(target, extraSeeds);
          Lookup lookup = newLookup(target, seeds.stream().map(PeerInfo::id).toList(), termination);
          new LookupRun(
                  sink,
                  lookup,
                  request,
                  seeds,
                  transport,
                  scheduler,
                  options.rpcTimeout(),
                  health,
                  feedback,
                  observer)
              .start();
        });
  }

  /**
   * A request outside a lookup (a PUT_VALUE or ADD_PROVIDER to one of the closest peers), reported
   * as a child of the observed operation it runs in; {@code rpc} itself when nothing is observed.
   *
   * @param rpc the request with its timeout
   */
  public Mono<DhtResponse> traced(Mono<DhtResponse> rpc, PeerId peer, MessageType type) {
    return traced ? OperationTrace.traced(rpc, peer, type) : rpc;
  }

  /** What this node knows of its peers' round trips and failures. */
  public PeerHealth health() {
    return health;
  }

  private List<PeerInfo> seeds(Key target, List<PeerInfo> extra) {
    Map<PeerId, PeerInfo> seeds = new LinkedHashMap<>();
    for (PeerInfo p : routing.closestPeers(target, options.k(), null)) {
      seeds.put(p.id(), p);
    }
    for (PeerInfo p : extra) {
      if (!p.id().equals(self)) {
        seeds.putIfAbsent(p.id(), p);
      }
    }
    return List.copyOf(seeds.values());
  }

  private Lookup newLookup(Key target, List<PeerId> seeds, Termination termination) {
    boolean early = termination != Termination.K_CLOSEST && options.beta() > 0;
    LookupConfig config =
        new LookupConfig(
            options.alpha(),
            options.k(),
            options.rpcTimeout(),
            Math.max(1, options.beta()),
            early,
            options.k(),
            termination == Termination.BETA_THEN_FOLLOW_UP);
    return options.disjointPaths() > 0
        ? new DisjointPathsLookup(target, self, seeds, config, health, options.disjointPaths())
        : new ClosestPeersLookup(target, self, seeds, config, health);
  }
}

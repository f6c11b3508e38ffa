package io.reactivedht.reactor.internal.routing;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.internal.lookup.LookupDriver;
import io.reactivedht.reactor.internal.lookup.RpcTimeout;
import io.reactivedht.reactor.internal.table.PeerRouting;
import io.reactivedht.reactor.routing.BootstrapException;
import io.reactivedht.reactor.routing.RoutingSnapshot;
import io.reactivedht.reactor.spi.DhtTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The jobs that fill the routing table and keep it healthy (ipfs/specs {@code routing/kad-dht.md}:
 * bootstrap, refresh; WIRE.md §10.8: who gets in).
 *
 * <ul>
 *   <li><b>Membership</b> ({@link #start}): a peer enters the table when the transport's identify
 *       says it serves the DHT protocol, and leaves when identify says it no longer does. A full
 *       bucket asks for a liveness check of its oldest entry (FIND_NODE for that peer's own id,
 *       answered within the RPC timeout), at most {@link RoutingUpdates#MAX_LIVENESS_CHECKS} at a
 *       time; a dead entry gives its place to the newest candidate. What lookups learn about peers
 *       reaches the table through {@link RoutingUpdates}, the lookups' {@link
 *       io.reactivedht.reactor.internal.lookup.LookupFeedback}. Every change is reported as {@link
 *       DhtEvent.PeerAdded} or {@link DhtEvent.PeerRemoved}.
 *   <li><b>Bootstrap</b> ({@link #bootstrap}): contact the bootstrap peers, look up the local peer
 *       id, refresh.
 *   <li><b>Refresh</b> ({@link #refresh}), also run periodically by {@link #start}: look up the
 *       local peer id, then a random key in each bucket not looked into lately. Rounds run every
 *       {@link DhtOptions#refreshInterval()}, or every minute while the table holds fewer than k
 *       peers; a round that finds the table empty bootstraps again. The exact rule is {@link
 *       RefreshSchedule}'s.
 * </ul>
 *
 * <p>Every timer runs on the given scheduler (virtual time in tests); no thread blocks. {@code
 * events} is called from the threads that deliver transport events and responses, possibly
 * concurrently, and must not block.
 */
public final class RoutingMaintenance {
  private final PeerId self;
  private final DhtTransport transport;
  private final PeerRouting routing;
  private final Scheduler scheduler;
  private final DhtOptions options;
  private final List<PeerInfo> bootstrapPeers;
  private final RefreshSchedule schedule;
  private final TableRefresh refresh;
  private final RoutingUpdates updates;
  private final AtomicBoolean started = new AtomicBoolean();

  /** The table to start from; let go of once {@link #start} put it in the table. */
  private RoutingSnapshot restored;

  /** How many restored peers {@link #bootstrap} probes at a time. */
  static final int RESTORED_CHECKS_AT_ONCE = 32;

  /** The restored peers {@link #bootstrap} has yet to check; empty once checked. */
  private volatile List<PeerId> unchecked = List.of();

  /**
   * @param self the local peer
   * @param transport carries the requests and reports identified peers
   * @param routing the table to maintain
   * @param updates applies the transport's identify events (and the lookups' feedback) to the table
   * @param lookups runs the refresh lookups
   * @param scheduler clock and timers
   * @param options protocol id, k, alpha, RPC timeout, refresh interval
   * @param bootstrapPeers the peers to join the network through (the local peer among them is
   *     ignored)
   * @param random draws the refresh keys; seed it for repeatable runs
   * @param restored a table to start from ({@link RoutingSnapshot#EMPTY} for none)
   */
  public RoutingMaintenance(
      PeerId self,
      DhtTransport transport,
      PeerRouting routing,
      RoutingUpdates updates,
      LookupDriver lookups,
      Scheduler scheduler,
      DhtOptions options,
      List<PeerInfo> bootstrapPeers,
      RandomGenerator random,
      RoutingSnapshot restored) {
    this.self = self;
    this.transport = transport;
    this.routing = routing;
    this.scheduler = scheduler;
    this.options = options;
    this.bootstrapPeers = bootstrapPeers.stream().filter(p -> !p.id().equals(self)).toList();
    this.schedule = new RefreshSchedule(options.k(), options.refreshInterval());
    this.refresh = new TableRefresh(self, routing, lookups, schedule, random, this::now);
    this.updates = updates;
    this.restored = restored;
  }

  /**
   * Starts keeping the table: puts the restored table's peers in, follows the transport's identify
   * events (membership and liveness checks) and runs the periodic refresh rounds, the first one a
   * period from now, or for a restored table a period from its latest bucket refresh (at once if
   * that has passed), as if the node had kept running. Errors of a periodic round are dropped: the
   * next round tries again. Disposing stops everything, including the lookups and checks in flight.
   * Call it once.
   *
   * @throws IllegalStateException if called again
   */
  public Disposable start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("routing maintenance already started");
    }
    Disposable.Composite running = Disposables.composite();
    running.add(transport.events().subscribe(updates::onTransportEvent));
    updates.restore(restored);
    unchecked = restored.peers().stream().map(PeerInfo::id).toList();
    Duration firstPause =
        restored
            .lastRefresh()
            .map(at -> schedule.pauseAfter(Duration.between(at, now()), routing.size()))
            .orElse(schedule.period(routing.size()));
    restored = RoutingSnapshot.EMPTY; // the table holds it now
    running.add(periodicRounds(firstPause).subscribe());
    running.add(updates);
    return running;
  }

  /**
   * Joins the network. A node started from a restored table first probes its peers ({@value
   * #RESTORED_CHECKS_AT_ONCE} at a time, FIND_NODE as a liveness check) and drops those that do not
   * answer; when at least k answered (or all of a smaller table) the snapshot is fresh and a
   * refresh round follows, refreshing only the buckets not looked into lately. Otherwise (no
   * snapshot, or a stale one) it asks every bootstrap peer (alpha at a time) for the peers closest
   * to the local id, which connects them (they enter the table once identify says they are DHT
   * servers), then runs a refresh round whose self lookup is also seeded with the peers they
   * returned, and with the bootstrap peers themselves if the table is still empty. Without
   * bootstrap peers it is a refresh round. Lazy; cancelling stops it.
   *
   * @return completes when the round is done; fails with {@link BootstrapException} if no bootstrap
   *     peer answered (and no restored peer did)
   */
  public Mono<Void> bootstrap() {
    return Mono.defer(
        () -> {
          List<PeerId> toCheck = unchecked;
          unchecked = List.of();
          if (toCheck.isEmpty()) {
            return coldBootstrap();
          }
          return updates
              .checkRestored(toCheck, RESTORED_CHECKS_AT_ONCE)
              .flatMap(
                  stale -> {
                    if (!stale) {
                      return refresh.round(List.of());
                    }
                    // the peers that answered are in the table: without a bootstrap peer, go on
                    // from them
                    return coldBootstrap()
                        .onErrorResume(
                            BootstrapException.class,
                            e -> routing.size() > 0 ? refresh.round(List.of()) : Mono.error(e));
                  });
        });
  }

  private Mono<Void> coldBootstrap() {
    if (bootstrapPeers.isEmpty()) {
      return refresh.round(List.of());
    }
    return Flux.fromIterable(bootstrapPeers)
        .flatMapSequential(this::contact, options.alpha())
        .collectList()
        .flatMap(this::afterContact);
  }

  /**
   * A refresh round: a lookup for the local peer id, then one for a random key in each bucket whose
   * last lookup is older than 9/10 of the refresh interval, {@link
   * TableRefresh#PARALLEL_BUCKET_LOOKUPS} at a time. Lazy; cancelling stops it.
   */
  public Mono<Void> refresh() {
    return Mono.defer(() -> refresh.round(List.of()));
  }

  // Bootstrap.

  /**
   * What asking one bootstrap peer gave: the closer peers it returned, or why it could not be
   * reached.
   */
  private record Contact(PeerInfo peer, List<PeerInfo> closer, @Nullable String failure) {}

  private Mono<Contact> contact(PeerInfo peer) {
    return RpcTimeout.within(
            transport.send(peer, new DhtRequest.FindNode(self.bytes())),
            options.rpcTimeout(),
            scheduler)
        .map(response -> new Contact(peer, closerPeers(response), null))
        .defaultIfEmpty(new Contact(peer, List.of(), "no response"))
        .onErrorResume(error -> Mono.just(new Contact(peer, List.of(), describe(error))));
  }

  private Mono<Void> afterContact(List<Contact> contacts) {
    List<PeerInfo> seeds = new ArrayList<>();
    List<PeerInfo> answered = new ArrayList<>();
    Map<PeerId, String> failures = new LinkedHashMap<>();
    for (Contact contact : contacts) {
      if (contact.failure() == null) {
        answered.add(contact.peer());
        seeds.addAll(contact.closer());
      } else {
        failures.put(contact.peer().id(), contact.failure());
      }
    }
    if (answered.isEmpty()) {
      return Mono.error(new BootstrapException(failures));
    }
    if (routing.size() == 0) {
      seeds.addAll(0, answered);
    }
    return refresh.round(seeds);
  }

  private static List<PeerInfo> closerPeers(DhtResponse response) {
    return response instanceof DhtResponse.FindNodeResponse r ? r.closerPeers() : List.of();
  }

  private String describe(Throwable error) {
    if (error instanceof TimeoutException) {
      return "no answer within " + options.rpcTimeout();
    }
    return error.getClass().getSimpleName() + ": " + error.getMessage();
  }

  // Periodic rounds.

  private Mono<Void> periodicRounds(Duration firstPause) {
    Mono<Void> first = pause(firstPause);
    Mono<Void> timedRound =
        Mono.defer(
            () -> {
              long startedNanos = scheduler.now(TimeUnit.NANOSECONDS);
              return periodicRound()
                  .onErrorResume(error -> Mono.empty())
                  .then(
                      Mono.defer(
                          () -> pause(schedule.pauseAfter(since(startedNanos), routing.size()))));
            });
    return first.then(timedRound.repeat().then());
  }

  /** A refresh round, or a bootstrap when the table is empty (go's {@code fixLowPeers}). */
  private Mono<Void> periodicRound() {
    return routing.size() == 0 && !bootstrapPeers.isEmpty() ? bootstrap() : refresh();
  }

  private Mono<Void> pause(Duration duration) {
    return Mono.delay(duration, scheduler).then();
  }

  private Duration since(long startNanos) {
    return Duration.ofNanos(scheduler.now(TimeUnit.NANOSECONDS) - startNanos);
  }

  private Instant now() {
    return Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
  }
}

package io.reactivedht.reactor.internal.routing;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.routing.InsertResult;
import io.reactivedht.core.routing.Removal;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.internal.lookup.LookupFeedback;
import io.reactivedht.reactor.internal.table.PeerRouting;
import io.reactivedht.reactor.routing.RoutingSnapshot;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.reactor.spi.TransportEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Feeds what the transport learns about peers into the routing table and reports every change of
 * its membership as a {@link DhtEvent}. A peer whose identify lists the DHT protocol is inserted
 * (or refreshed); one whose identify no longer lists it is removed (WIRE.md §10.8). When a full
 * bucket asks for a liveness check of its oldest entry, the check runs through {@link
 * LivenessChecks} and its outcome goes back to the table: a dead entry leaves and the newest
 * replacement candidate takes its place.
 *
 * <p>It is also the routing table's side of the lookups' {@link LookupFeedback}: a peer whose
 * request failed leaves the table (its replacement candidate takes its place), a peer that answered
 * counts as seen, a peer in the table that stalled until a lookup ended gets a liveness check (slow
 * peers stay, dead ones leave), and the bucket of every lookup's target counts as refreshed once
 * the lookup got an answer (go's {@code ResetCplRefreshedAtForID}), so that refresh rounds skip the
 * buckets that normal traffic keeps fresh.
 *
 * <p>A {@code Disconnected} peer stays: a closed connection says nothing about whether the peer
 * still serves (go keeps it too); the liveness checks and the lookups' failure reports remove the
 * dead ones.
 *
 * <p>Thread-safe; never blocks. Disposing it cancels the liveness checks in flight and drops later
 * ones.
 */
public final class RoutingUpdates implements LookupFeedback, Disposable {
  /** Liveness checks in flight at most; further ones are dropped (see {@link LivenessChecks}). */
  public static final int MAX_LIVENESS_CHECKS = 8;

  private final PeerRouting routing;
  private final DhtTransport transport;
  private final String protocolId;
  private final LivenessChecks checks;
  private final Scheduler scheduler;
  private final Consumer<DhtEvent> events;
  private final int k;

  /**
   * @param routing the table to keep
   * @param transport carries the liveness checks, and is told which peers the table holds ({@link
   *     DhtTransport#protect})
   * @param scheduler clock and the checks' timeouts
   * @param options the protocol id that makes a peer a DHT server, the RPC timeout of a check, and
   *     k
   * @param events receives every change of the table's membership; must not block
   */
  public RoutingUpdates(
      PeerRouting routing,
      DhtTransport transport,
      Scheduler scheduler,
      DhtOptions options,
      Consumer<DhtEvent> events) {
    this.routing = routing;
    this.transport = transport;
    this.protocolId = options.protocolId();
    this.k = options.k();
    this.checks =
        new LivenessChecks(
            transport, routing, scheduler, options.rpcTimeout(), MAX_LIVENESS_CHECKS);
    this.scheduler = scheduler;
    this.events = events;
  }

  /** Applies one transport event; only {@link TransportEvent.Identified} concerns the table. */
  void onTransportEvent(TransportEvent event) {
    if (event instanceof TransportEvent.Identified identified) {
      PeerId peer = identified.peer().id();
      report(peer, routing.insert(peer, identified.speaks(protocolId), now()));
    }
  }

  @Override
  public void answered(PeerInfo peer) {
    if (routing.contains(peer.id())) {
      routing.insert(peer.id(), true, now());
    }
  }

  @Override
  public void failed(PeerId peer) {
    routing.remove(peer, now()).ifPresent(this::report);
  }

  @Override
  public void stalled(PeerId peer) {
    if (routing.contains(peer)) {
      checks.check(
          peer,
          alive -> {
            if (!alive) {
              failed(peer);
            }
          });
    }
  }

  /**
   * Puts a restored table's peers in the table as DHT servers, their addresses in the transport,
   * and its refresh times in the buckets.
   */
  void restore(RoutingSnapshot snapshot) {
    for (PeerInfo peer : snapshot.peers()) {
      transport.rememberAddresses(peer);
      report(peer.id(), routing.insert(peer.id(), true, now()));
    }
    snapshot.refreshedAt().forEach(routing::markRefreshed);
  }

  /**
   * Probes each of {@code restored} (the peers of a restored table), {@code atOnce} at a time;
   * those that do not answer within the RPC timeout leave the table. Reports {@link
   * DhtEvent.RestoredTableChecked}.
   *
   * @return whether the restored table is stale: fewer than k of its peers answered (fewer than all
   *     of a smaller table); lazy, and cancelling stops the probes in flight
   */
  Mono<Boolean> checkRestored(List<PeerId> restored, int atOnce) {
    return Flux.fromIterable(restored)
        .flatMap(
            peer ->
                checks
                    .probe(peer)
                    .doOnNext(
                        alive -> {
                          if (!alive) {
                            routing.remove(peer, now()).ifPresent(this::report);
                          }
                        }),
            atOnce)
        .filter(Boolean::booleanValue)
        .count()
        .map(
            answered -> {
              boolean stale = answered < Math.min(k, restored.size());
              events.accept(
                  new DhtEvent.RestoredTableChecked(
                      restored.size(), Math.toIntExact(answered), stale));
              return stale;
            });
  }

  /** A lookup that got an answer counts as a refresh of its target's bucket. */
  @Override
  public void finished(Key target, int answered) {
    if (answered > 0) {
      routing.markRefreshed(routing.bucketIndex(target), now());
    }
  }

  @Override
  public void dispose() {
    checks.dispose();
  }

  @Override
  public boolean isDisposed() {
    return checks.isDisposed();
  }

  /** The liveness checks in flight now. */
  int checksRunning() {
    return checks.running();
  }

  private void report(PeerId peer, InsertResult result) {
    if (result instanceof InsertResult.Inserted) {
      transport.protect(peer, true);
      events.accept(new DhtEvent.PeerAdded(peer));
    } else if (result instanceof InsertResult.Removed removed) {
      report(removed.removal());
    } else if (result instanceof InsertResult.Pending pending) {
      PeerId oldest = pending.oldest();
      checks.check(oldest, alive -> livenessChecked(oldest, alive));
    }
    // Updated: nothing changed. Rejected: self, a client, or a full bucket where the peer waits as
    // a candidate.
  }

  private void livenessChecked(PeerId peer, boolean alive) {
    routing.livenessChecked(peer, alive, now()).ifPresent(this::report);
  }

  private void report(Removal removal) {
    transport.protect(removal.removed(), false);
    events.accept(new DhtEvent.PeerRemoved(removal.removed()));
    PeerId promoted = removal.promoted();
    if (promoted != null) {
      transport.protect(promoted, true);
      events.accept(new DhtEvent.PeerAdded(promoted));
    }
  }

  private Instant now() {
    return Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
  }
}

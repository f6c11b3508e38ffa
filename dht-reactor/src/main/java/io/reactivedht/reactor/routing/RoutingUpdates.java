package io.reactivedht.reactor.routing;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.routing.InsertResult;
import io.reactivedht.core.routing.Removal;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.lookup.LookupEvent;
import io.reactivedht.reactor.spi.TransportEvent;
import io.reactivedht.reactor.table.PeerRouting;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Feeds what the transport learns about peers into the routing table and reports every change of its membership
 * as a {@link DhtEvent}. A peer whose identify lists the DHT protocol is inserted (or refreshed); one whose identify
 * no longer lists it is removed (WIRE.md §10.8). When a full bucket asks for a liveness check of its oldest entry,
 * the check runs through {@link LivenessChecks} and its outcome goes back to the table: a dead entry leaves and the
 * newest replacement candidate takes its place.
 *
 * <p>A {@code Disconnected} peer stays: a closed connection says nothing about whether the peer still serves (go
 * keeps it too); the liveness checks and the lookups' failure reports remove the dead ones, and a peer that answers
 * a lookup counts as seen.
 */
final class RoutingUpdates {
  private final PeerRouting routing;
  private final String protocolId;
  private final LivenessChecks checks;
  private final Supplier<Instant> clock;
  private final Consumer<DhtEvent> events;

  RoutingUpdates(
      PeerRouting routing,
      String protocolId,
      LivenessChecks checks,
      Supplier<Instant> clock,
      Consumer<DhtEvent> events) {
    this.routing = routing;
    this.protocolId = protocolId;
    this.checks = checks;
    this.clock = clock;
    this.events = events;
  }

  /** Applies one transport event; only {@link TransportEvent.Identified} concerns the table. */
  void onTransportEvent(TransportEvent event) {
    if (event instanceof TransportEvent.Identified identified) {
      PeerId peer = identified.peer().id();
      report(peer, routing.insert(peer, identified.speaks(protocolId), clock.get()));
    }
  }

  /** Applies a lookup's outcome for one peer: a failure removes it, an answer refreshes it if it is in the table. */
  void onLookupEvent(LookupEvent event) {
    if (event instanceof LookupEvent.Failed failed) {
      routing.remove(failed.peer(), clock.get()).ifPresent(this::report);
    } else if (event instanceof LookupEvent.Answered answered && routing.contains(answered.peer().id())) {
      routing.insert(answered.peer().id(), true, clock.get());
    }
  }

  private void report(PeerId peer, InsertResult result) {
    if (result instanceof InsertResult.Inserted) {
      events.accept(new DhtEvent.PeerAdded(peer));
    } else if (result instanceof InsertResult.Removed removed) {
      report(removed.removal());
    } else if (result instanceof InsertResult.Pending pending) {
      PeerId oldest = pending.oldest();
      checks.check(oldest, alive -> livenessChecked(oldest, alive));
    }
    // Updated: nothing changed. Rejected: self, a client, or a full bucket where the peer waits as a candidate.
  }

  private void livenessChecked(PeerId peer, boolean alive) {
    routing.livenessChecked(peer, alive, clock.get()).ifPresent(this::report);
  }

  private void report(Removal removal) {
    events.accept(new DhtEvent.PeerRemoved(removal.removed()));
    PeerId promoted = removal.promoted();
    if (promoted != null) {
      events.accept(new DhtEvent.PeerAdded(promoted));
    }
  }
}

package io.reactivedht.reactor.internal.routing;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.routing.RefreshKeys;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.reactor.internal.lookup.LookupDriver;
import io.reactivedht.reactor.internal.lookup.Termination;
import io.reactivedht.reactor.internal.table.PeerRouting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One refresh round (ipfs/specs {@code routing/kad-dht.md}, "Routing Table Refresh"): a lookup for
 * the local peer id, which finds the closest peers and fills the deepest buckets, then one lookup
 * for a random key in each bucket that is due, a few at a time. A bucket counts as refreshed when a
 * lookup into it got at least one answer.
 *
 * <p>go-libp2p-kad-dht also stops after a bucket that is still empty once refreshed, at CPL {@code
 * 2 * (cpl + 1)}. The buckets run in parallel here, so that rule does not apply; {@code
 * RoutingTable.MAX_REFRESH_CPL} already caps a round at 16 bucket lookups.
 */
final class TableRefresh {
  /** Bucket lookups run at once; each has up to alpha requests in flight. */
  static final int PARALLEL_BUCKET_LOOKUPS = 3;

  private final PeerId self;
  private final PeerRouting routing;
  private final LookupDriver lookups;
  private final RefreshSchedule schedule;
  private final RandomGenerator random;
  private final Supplier<Instant> clock;

  TableRefresh(
      PeerId self,
      PeerRouting routing,
      LookupDriver lookups,
      RefreshSchedule schedule,
      RandomGenerator random,
      Supplier<Instant> clock) {
    this.self = self;
    this.routing = routing;
    this.lookups = lookups;
    this.schedule = schedule;
    this.random = random;
    this.clock = clock;
  }

  /**
   * A round: the self lookup, seeded with the table and {@code extraSeeds}, then the due buckets.
   * Lazy; cancelling stops every lookup. Fails (after the other buckets ran) if a lookup failed.
   */
  Mono<Void> round(List<PeerInfo> extraSeeds) {
    return selfLookup(extraSeeds).then(Mono.defer(this::dueBuckets));
  }

  private Mono<Void> selfLookup(List<PeerInfo> extraSeeds) {
    return lookups
        .lookup(
            self.key(), new DhtRequest.FindNode(self.bytes()), Termination.K_CLOSEST, extraSeeds)
        .then();
  }

  private Mono<Void> dueBuckets() {
    List<Integer> due = routing.cplsNeedingRefresh(clock.get(), schedule.bucketDueAfter());
    return Flux.fromIterable(targets(due))
        .flatMapDelayError(this::bucketLookup, PARALLEL_BUCKET_LOOKUPS, 1)
        .then();
  }

  /**
   * Random targets for the buckets, drawn in order on one thread so that a seeded generator repeats
   * them.
   */
  private List<byte[]> targets(List<Integer> cpls) {
    List<byte[]> out = new ArrayList<>(cpls.size());
    synchronized (random) {
      for (int cpl : cpls) {
        out.add(RefreshKeys.forCpl(routing.localKey(), cpl, random));
      }
    }
    return out;
  }

  private Mono<Void> bucketLookup(byte[] target) {
    // The lookup marks the bucket refreshed when it ends with an answer (RoutingUpdates.finished).
    return lookups
        .lookup(Key.of(target), new DhtRequest.FindNode(target), Termination.K_CLOSEST)
        .then();
  }
}

package io.reactivedht.reactor.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.routing.RoutingTable;
import io.reactivedht.core.routing.RoutingTableConfig;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.internal.lookup.LookupDriver;
import io.reactivedht.reactor.internal.table.PeerRouting;
import io.reactivedht.reactor.routing.RoutingSnapshot;
import io.reactivedht.reactor.spi.TransportEvent;
import io.reactivedht.reactor.testing.ScriptedTransport;
import io.reactivedht.reactor.testing.TestPeers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Who enters and leaves the table on identify events, and the liveness checks of full buckets. */
class RoutingMembershipTest {
  private static final String KAD = DhtOptions.IPFS_PROTOCOL;
  private static final Duration RPC_TIMEOUT = DhtOptions.defaults().rpcTimeout();

  private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
  private final PeerInfo self = TestPeers.peer(-1);
  private final ScriptedTransport transport = new ScriptedTransport(self.id());
  private final List<DhtEvent> events = new CopyOnWriteArrayList<>();

  /** Enough peers for two in each of the first 10 buckets (bucket c holds one in 2^(c+1)). */
  private static final List<PeerInfo> CANDIDATES = TestPeers.peers(16_000, 3);

  private PeerRouting routing;
  private RoutingMaintenance maintenance;
  private RoutingUpdates updates;

  @AfterEach
  void stopClock() {
    clock.dispose();
  }

  /**
   * Starts the maintenance over a table with buckets of {@code bucketSize} that checks the oldest
   * entry on every newcomer to a full bucket (as classic Kademlia does), so that the checks here
   * run long before the first periodic refresh round, a minute after the start.
   */
  private Disposable start(int bucketSize) {
    RoutingTableConfig config =
        RoutingTableConfig.DEFAULT.withBucketSize(bucketSize).withStaleAfter(Duration.ZERO);
    routing = new PeerRouting(new RoutingTable(self.id().key(), config), transport::peerInfo);
    DhtOptions options = DhtOptions.defaults();
    updates = new RoutingUpdates(routing, transport, clock, options, events::add);
    LookupDriver lookups =
        new LookupDriver(self.id(), transport, routing, clock, options, updates, e -> {});
    maintenance =
        new RoutingMaintenance(
            self.id(),
            transport,
            routing,
            updates,
            lookups,
            clock,
            options,
            List.of(),
            new SplittableRandom(1),
            RoutingSnapshot.EMPTY);
    return maintenance.start();
  }

  private void identify(PeerInfo peer, String... protocols) {
    transport.emit(new TransportEvent.Identified(peer, Set.of(protocols)));
  }

  /** {@code n} distinct peers whose keys fall in bucket {@code cpl} of the local table. */
  private List<PeerInfo> inBucket(int cpl, int n) {
    List<PeerInfo> out = new ArrayList<>();
    for (PeerInfo p : CANDIDATES) {
      if (out.size() < n && self.id().key().commonPrefixLength(p.id().key()) == cpl) {
        out.add(p);
      }
    }
    assertThat(out).as("test peers in bucket %d", cpl).hasSize(n);
    return out;
  }

  private void answering(PeerInfo peer) {
    transport.remote(
        peer, (from, request) -> Mono.just(new DhtResponse.FindNodeResponse(List.of())));
  }

  private void silent(PeerInfo peer) {
    transport.remote(peer, (from, request) -> Mono.never());
  }

  private List<ScriptedTransport.Sent> probes() {
    return transport.sent().stream()
        .filter(s -> s.request().equals(new DhtRequest.FindNode(s.to().bytes())))
        .toList();
  }

  @Test
  void aPeerThatServesTheProtocolEntersAndIsReported() {
    Disposable running = start(20);
    PeerInfo peer = CANDIDATES.get(0);

    identify(peer, "/ipfs/id/1.0.0", KAD);
    identify(peer, KAD); // seen again: no news

    assertThat(routing.peers()).containsExactly(peer.id());
    assertThat(events).containsExactly(new DhtEvent.PeerAdded(peer.id()));
    running.dispose();
  }

  @Test
  void aPeerWhoseLookupRequestFailedLeavesAndIsReported() {
    Disposable running = start(20);
    PeerInfo peer = CANDIDATES.get(0);
    identify(peer, KAD);
    events.clear();

    updates.failed(peer.id());

    assertThat(routing.peers()).isEmpty();
    assertThat(events).containsExactly(new DhtEvent.PeerRemoved(peer.id()));
    running.dispose();
  }

  @Test
  void aPeerThatAnsweredALookupIsNotAddedByThatAlone() {
    Disposable running = start(20);
    PeerInfo peer = CANDIDATES.get(0);

    updates.answered(peer);

    assertThat(routing.peers()).as("only identify says who is a DHT server").isEmpty();
    assertThat(events).isEmpty();
    running.dispose();
  }

  @Test
  void clientsAndPeersOfAnotherDhtStayOut() {
    Disposable running = start(20);

    identify(CANDIDATES.get(0), "/ipfs/id/1.0.0");
    identify(CANDIDATES.get(1), "/other/kad/1.0.0");
    identify(self, KAD);

    assertThat(routing.size()).isZero();
    assertThat(events).isEmpty();
    running.dispose();
  }

  @Test
  void aPeerWhoseIdentifyDropsTheProtocolLeaves() {
    Disposable running = start(20);
    PeerInfo peer = CANDIDATES.get(0);
    identify(peer, KAD);

    identify(peer, "/ipfs/id/1.0.0");

    assertThat(routing.contains(peer.id())).isFalse();
    assertThat(events)
        .containsExactly(new DhtEvent.PeerAdded(peer.id()), new DhtEvent.PeerRemoved(peer.id()));
    running.dispose();
  }

  @Test
  void aWaitingCandidateTakesThePlaceOfAPeerTurnedClient() {
    Disposable running = start(1);
    List<PeerInfo> bucket = inBucket(0, 2);
    answering(bucket.get(0));
    identify(bucket.get(0), KAD);
    identify(
        bucket.get(1), KAD); // the bucket is full: the member answers its check, the newcomer waits
    clock.advanceTimeBy(RPC_TIMEOUT);
    assertThat(routing.peers()).containsExactly(bucket.get(0).id());

    identify(bucket.get(0), "/ipfs/id/1.0.0");

    assertThat(routing.peers()).containsExactly(bucket.get(1).id());
    assertThat(events)
        .containsExactly(
            new DhtEvent.PeerAdded(bucket.get(0).id()),
            new DhtEvent.PeerRemoved(bucket.get(0).id()),
            new DhtEvent.PeerAdded(bucket.get(1).id()));
    running.dispose();
  }

  @Test
  void aDeadOldestEntryOfAFullBucketIsEvictedAndReplacedByTheNewcomer() {
    Disposable running = start(2);
    List<PeerInfo> bucket = inBucket(0, 3);
    PeerInfo oldest = bucket.get(0);
    silent(oldest);
    identify(bucket.get(0), KAD);
    identify(bucket.get(1), KAD);

    identify(bucket.get(2), KAD);
    assertThat(probes())
        .containsExactly(
            new ScriptedTransport.Sent(oldest.id(), new DhtRequest.FindNode(oldest.id().bytes())));
    clock.advanceTimeBy(RPC_TIMEOUT.minusMillis(1));
    assertThat(routing.contains(oldest.id())).isTrue(); // it has the whole RPC timeout to answer
    clock.advanceTimeBy(Duration.ofMillis(1));

    assertThat(routing.peers()).containsExactlyInAnyOrder(bucket.get(1).id(), bucket.get(2).id());
    assertThat(events)
        .containsExactly(
            new DhtEvent.PeerAdded(bucket.get(0).id()),
            new DhtEvent.PeerAdded(bucket.get(1).id()),
            new DhtEvent.PeerRemoved(oldest.id()),
            new DhtEvent.PeerAdded(bucket.get(2).id()));
    running.dispose();
  }

  @Test
  void anOldestEntryThatAnswersStaysAndTheNewcomerWaits() {
    Disposable running = start(2);
    List<PeerInfo> bucket = inBucket(0, 4);
    answering(bucket.get(0));
    answering(bucket.get(1));
    identify(bucket.get(0), KAD);
    identify(bucket.get(1), KAD);

    identify(bucket.get(2), KAD);
    clock.advanceTimeBy(RPC_TIMEOUT);

    assertThat(routing.peers()).containsExactlyInAnyOrder(bucket.get(0).id(), bucket.get(1).id());
    assertThat(events).hasSize(2);
    // The answer made the checked entry the most recently seen: the next newcomer gets the other
    // one checked.
    assertThat(clock.now(TimeUnit.SECONDS)).isLessThan(60);
    identify(bucket.get(3), KAD);
    assertThat(probes())
        .extracting(ScriptedTransport.Sent::to)
        .containsExactly(bucket.get(0).id(), bucket.get(1).id());
    running.dispose();
  }

  @Test
  void aFloodOfNewcomersStartsABoundedNumberOfLivenessChecks() {
    Disposable running = start(1);
    int buckets = RoutingUpdates.MAX_LIVENESS_CHECKS + 2;
    List<PeerInfo> members = new ArrayList<>();
    List<PeerInfo> newcomers = new ArrayList<>();
    for (int cpl = 0; cpl < buckets; cpl++) {
      List<PeerInfo> two = inBucket(cpl, 2);
      members.add(two.get(0));
      newcomers.add(two.get(1));
      silent(two.get(0));
      identify(two.get(0), KAD);
    }

    newcomers.forEach(p -> identify(p, KAD));
    assertThat(probes()).hasSize(RoutingUpdates.MAX_LIVENESS_CHECKS);
    clock.advanceTimeBy(RPC_TIMEOUT);

    assertThat(events)
        .filteredOn(e -> e instanceof DhtEvent.PeerRemoved)
        .hasSize(RoutingUpdates.MAX_LIVENESS_CHECKS);
    assertThat(routing.size()).isEqualTo(buckets);
    running.dispose();
  }

  @Test
  void disposingStopsFollowingIdentifyAndCancelsTheChecksInFlight() {
    Disposable running = start(1);
    List<PeerInfo> bucket = inBucket(0, 3);
    silent(bucket.get(0));
    identify(bucket.get(0), KAD);
    identify(bucket.get(1), KAD);
    assertThat(probes()).hasSize(1);

    running.dispose();
    clock.advanceTimeBy(RPC_TIMEOUT);
    identify(bucket.get(2), KAD);

    assertThat(routing.peers())
        .containsExactly(bucket.get(0).id()); // the probe never reported it dead
    assertThat(events).containsExactly(new DhtEvent.PeerAdded(bucket.get(0).id()));
  }

  @Test
  void startIsOnce() {
    routing = new PeerRouting(new RoutingTable(self.id().key()), transport::peerInfo);
    updates = new RoutingUpdates(routing, transport, clock, DhtOptions.defaults(), events::add);
    LookupDriver lookups =
        new LookupDriver(
            self.id(), transport, routing, clock, DhtOptions.defaults(), updates, e -> {});
    maintenance =
        new RoutingMaintenance(
            self.id(),
            transport,
            routing,
            updates,
            lookups,
            clock,
            DhtOptions.defaults(),
            List.of(),
            new SplittableRandom(1),
            RoutingSnapshot.EMPTY);
    Disposable running = maintenance.start();

    assertThatThrownBy(maintenance::start).isInstanceOf(IllegalStateException.class);
    running.dispose();
  }
}

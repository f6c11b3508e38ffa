package io.reactivedht.reactor.internal.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.routing.RoutingTable;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.internal.table.PeerRouting;
import io.reactivedht.reactor.lookup.LookupEvent;
import io.reactivedht.reactor.testing.ScriptedTransport;
import io.reactivedht.reactor.testing.TestPeers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

class LookupDriverTest {
  private static final int K = 20;
  private final PeerInfo self = TestPeers.peer(-1);
  private final List<PeerInfo> network = TestPeers.peers(300, 7);
  private final byte[] targetKey = "some key".getBytes();
  private final Key target = Key.of(targetKey);
  private VirtualTimeScheduler scheduler;
  private ScriptedTransport transport;
  private PeerRouting routing;
  private final List<LookupEvent> observed = new ArrayList<>();

  @BeforeEach
  void setUp() {
    scheduler = VirtualTimeScheduler.create();
    transport = new ScriptedTransport(self.id());
    routing = new PeerRouting(new RoutingTable(self.id().key()), transport::peerInfo);
  }

  /**
   * Every peer answers with the k closest peers of the whole network to the key it is asked about.
   */
  private void honestNetwork(Duration delay, List<PeerInfo> silent) {
    for (PeerInfo p : network) {
      transport.remote(
          p,
          (from, request) -> {
            if (silent.contains(p)) {
              return Mono.never();
            }
            Key key = Key.of(((DhtRequest.FindNode) request).key());
            DhtResponse response = new DhtResponse.FindNodeResponse(closestTo(key, K, p.id()));
            return Mono.just(response).delayElement(delay, scheduler);
          });
    }
  }

  private List<PeerInfo> closestTo(Key key, int n, PeerId exclude) {
    return network.stream()
        .filter(p -> !p.id().equals(exclude))
        .sorted(Comparator.comparing(p -> p.id().key(), key.byDistance()))
        .limit(n)
        .toList();
  }

  private void seedRoutingTable(int n) {
    for (PeerInfo p : network.subList(0, n)) {
      routing.insert(p.id(), true, Instant.EPOCH);
    }
  }

  /** Subscribes, advances virtual time, and returns every event once the lookup completed. */
  private List<LookupEvent> runToEnd(reactor.core.publisher.Flux<LookupEvent> lookup) {
    return runToEnd(lookup, Duration.ofMinutes(10));
  }

  /** As {@link #runToEnd(reactor.core.publisher.Flux)}, advancing {@code time}. */
  private List<LookupEvent> runToEnd(
      reactor.core.publisher.Flux<LookupEvent> lookup, Duration time) {
    List<LookupEvent> events = new ArrayList<>();
    boolean[] done = new boolean[1];
    Disposable d = lookup.subscribe(events::add, e -> done[0] = true, () -> done[0] = true);
    scheduler.advanceTimeBy(time);
    d.dispose();
    assertThat(done[0]).as("lookup completed").isTrue();
    return events;
  }

  private LookupDriver driver(DhtOptions options) {
    return new LookupDriver(
        self.id(), transport, routing, scheduler, options, LookupFeedback.IGNORE, observed::add);
  }

  @Test
  void findsTheTrueClosestPeers() {
    honestNetwork(Duration.ofMillis(50), List.of());
    seedRoutingTable(5);
    List<LookupEvent> events =
        runToEnd(
            driver(DhtOptions.defaults().withBeta(0))
                .lookup(target, new DhtRequest.FindNode(targetKey), Termination.K_CLOSEST));
    LookupEvent.Finished finished = (LookupEvent.Finished) events.get(events.size() - 1);
    assertThat(finished.closest()).containsExactlyElementsOf(closestTo(target, K, self.id()));
    assertThat(events)
        .filteredOn(e -> e instanceof LookupEvent.Answered)
        .hasSize(finished.stats().succeeded());
    assertThat(observed)
        .filteredOn(e -> e instanceof LookupEvent.RequestSent)
        .hasSize(finished.stats().contacted());
  }

  @Test
  void silentPeersStallAreReplacedAndAreAvoidedNextTime() {
    List<PeerInfo> truth = closestTo(target, K, self.id());
    List<PeerInfo> silent = List.of(truth.get(0), truth.get(3));
    honestNetwork(Duration.ofMillis(50), silent);
    seedRoutingTable(5);
    LookupDriver driver = driver(DhtOptions.defaults().withBeta(0));
    List<LookupEvent> events =
        runToEnd(
            driver.lookup(target, new DhtRequest.FindNode(targetKey), Termination.K_CLOSEST),
            Duration.ofSeconds(5));
    LookupEvent.Finished finished = (LookupEvent.Finished) events.get(events.size() - 1);
    // Every responsive peer among the true k closest is found; the silent ones are not returned.
    // (Responsive peers
    // ranked below k overall may stay unknown: every honest peer answers with its k closest, silent
    // ones included.)
    assertThat(finished.closest())
        .hasSize(K)
        .doesNotContainAnyElementsOf(silent)
        .containsAll(truth.stream().filter(p -> !silent.contains(p)).toList());
    // They stalled at their slot timeout and the lookup ended before their RPC timeout: no failure,
    // but the node
    // backs off from them, so the next lookup skips them without a request.
    assertThat(events).noneMatch(e -> e instanceof LookupEvent.Failed);
    assertThat(finished.stats().timedOut()).isEqualTo(2);
    assertThat(silent).allMatch(p -> driver.health().avoid(p.id()));

    int sentBefore = transport.sent().size();
    LookupEvent.Finished again =
        (LookupEvent.Finished)
            last(
                runToEnd(
                    driver.lookup(
                        target, new DhtRequest.FindNode(targetKey), Termination.K_CLOSEST),
                    Duration.ofSeconds(5)));
    assertThat(again.stats().skipped()).isEqualTo(2);
    assertThat(transport.sent().subList(sentBefore, transport.sent().size()))
        .noneMatch(sent -> silent.stream().anyMatch(p -> p.id().equals(sent.to())));
  }

  private static LookupEvent last(List<LookupEvent> events) {
    return events.get(events.size() - 1);
  }

  @Test
  void noRequestGoesOutWithoutDemandAndCancelStopsEverything() {
    for (PeerInfo p : network) {
      transport.remote(
          p,
          (from, request) ->
              Mono.<DhtResponse>just(
                      new DhtResponse.FindNodeResponse(
                          closestTo(Key.of(((DhtRequest.FindNode) request).key()), K, p.id())))
                  .delayElement(Duration.ofMillis(10), scheduler));
    }
    seedRoutingTable(20);
    List<LookupEvent> received = new ArrayList<>();
    reactor.core.publisher.BaseSubscriber<LookupEvent> subscriber =
        new reactor.core.publisher.BaseSubscriber<>() {
          @Override
          protected void hookOnSubscribe(org.reactivestreams.Subscription s) {
            // no demand yet
          }

          @Override
          protected void hookOnNext(LookupEvent e) {
            received.add(e);
          }
        };
    driver(DhtOptions.defaults())
        .lookup(target, new DhtRequest.FindNode(targetKey), Termination.BETA)
        .subscribe(subscriber);
    scheduler.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(transport.sent()).hasSize(10); // alpha requests, then it waits for demand
    subscriber.request(1);
    assertThat(received).singleElement().isInstanceOf(LookupEvent.Answered.class);
    int sentBeforeCancel = transport.sent().size();
    subscriber.cancel();
    scheduler.advanceTimeBy(Duration.ofMinutes(1));
    assertThat(transport.sent()).hasSize(sentBeforeCancel);
  }
}

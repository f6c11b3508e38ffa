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
import io.reactivedht.reactor.spi.PeerUnreachableException;
import io.reactivedht.reactor.testing.ScriptedTransport;
import io.reactivedht.reactor.testing.TestPeers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The driver's timer rules on virtual time: slot timeouts from measured round trips, late answers,
 * the RPC timeout, fast failures, stalled peers at the end, and what the feedback port hears. Each
 * peer answers with nobody closer, so a lookup asks exactly its seeds.
 */
class LookupTimersTest {
  private static final Duration RTT = Duration.ofMillis(100);
  private final PeerInfo self = TestPeers.peer(-1);
  private final byte[] key = "timers".getBytes();
  private final Key target = Key.of(key);
  private final List<PeerInfo> peers =
      TestPeers.peers(6, 3).stream()
          .sorted(Comparator.comparing(p -> p.id().key(), target.byDistance()))
          .toList();
  private final Map<PeerId, Duration> delays = new ConcurrentHashMap<>();
  private final List<String> feedback = new ArrayList<>();
  private VirtualTimeScheduler clock;
  private ScriptedTransport transport;
  private LookupDriver driver;
  private PeerRouting routing;
  private LookupFeedback recorder;

  @BeforeEach
  void setUp() {
    clock = VirtualTimeScheduler.create();
    transport = new ScriptedTransport(self.id());
    PeerRouting routing = new PeerRouting(new RoutingTable(self.id().key()), transport::peerInfo);
    for (PeerInfo p : peers) {
      routing.insert(p.id(), true, Instant.EPOCH);
      transport.remote(
          p,
          (from, request) -> {
            Duration delay = delays.getOrDefault(p.id(), RTT);
            if (delay.isNegative()) {
              return Mono.error(new PeerUnreachableException(p.id(), "connection refused"));
            }
            return Mono.<DhtResponse>just(new DhtResponse.FindNodeResponse(List.of()))
                .delayElement(delay, clock);
          });
    }
    LookupFeedback recorder =
        new LookupFeedback() {
          @Override
          public void answered(PeerInfo peer) {
            feedback.add("answered " + peers.indexOf(peer));
          }

          @Override
          public void failed(PeerId peer) {
            feedback.add("failed " + index(peer));
          }

          @Override
          public void stalled(PeerId peer) {
            feedback.add("stalled " + index(peer));
          }

          @Override
          public void finished(Key t, int answered) {
            feedback.add("finished");
          }
        };
    this.routing = routing;
    this.recorder = recorder;
    driver = driver(DhtOptions.defaults());
  }

  private LookupDriver driver(DhtOptions options) {
    return new LookupDriver(self.id(), transport, routing, clock, options, recorder, e -> {});
  }

  private int index(PeerId peer) {
    for (int i = 0; i < peers.size(); i++) {
      if (peers.get(i).id().equals(peer)) {
        return i;
      }
    }
    return -1;
  }

  private record Run(List<LookupEvent> events, Duration took) {
    LookupEvent.Finished finished() {
      return (LookupEvent.Finished) events.get(events.size() - 1);
    }
  }

  /** Runs one lookup on virtual time, 1 ms at a time, and says when it completed. */
  private Run run(Termination termination) {
    List<LookupEvent> events = new ArrayList<>();
    boolean[] done = new boolean[1];
    long start = clock.now(java.util.concurrent.TimeUnit.MILLISECONDS);
    Flux<LookupEvent> lookup = driver.lookup(target, new DhtRequest.FindNode(key), termination);
    lookup.subscribe(events::add, e -> done[0] = true, () -> done[0] = true);
    for (int i = 0; i < 60_000 && !done[0]; i++) {
      clock.advanceTimeBy(Duration.ofMillis(1));
    }
    assertThat(done[0]).as("lookup completed").isTrue();
    return new Run(
        events, Duration.ofMillis(clock.now(java.util.concurrent.TimeUnit.MILLISECONDS) - start));
  }

  /**
   * One lookup where every peer answers at once, so that the node has a round-trip estimate of RTT.
   */
  private void warmUp() {
    run(Termination.K_CLOSEST);
    feedback.clear();
  }

  @Test
  void theFirstLookupWaitsTheInitialSlotTimeoutForASilentPeer() {
    delays.put(peers.get(0).id(), Duration.ofHours(1));

    Run run = run(Termination.BETA);

    assertThat(run.took()).isEqualTo(PeerHealth.INITIAL_SLOT_TIMEOUT);
    assertThat(run.finished().closest()).hasSize(5);
    assertThat(feedback).contains("stalled 0").doesNotContain("failed 0").endsWith("finished");
  }

  @Test
  void onceRoundTripsAreKnownASilentPeerStallsAtItsSlotTimeout() {
    warmUp();
    delays.put(peers.get(0).id(), Duration.ofHours(1));
    Duration slot = driver.health().slotTimeout(peers.get(0).id());
    assertThat(slot)
        .isLessThan(PeerHealth.INITIAL_SLOT_TIMEOUT)
        .isGreaterThanOrEqualTo(PeerHealth.SLOT_TIMEOUT_FLOOR);

    Run run = run(Termination.BETA);

    assertThat(run.took()).isEqualTo(slot);
    assertThat(run.finished().stats().timedOut()).isEqualTo(1);
    assertThat(feedback).contains("stalled 0");
  }

  @Test
  void aSlotTimeoutWithAFractionOfAMillisecondStillWakesTheLookup() {
    for (PeerInfo p : peers) {
      delays.put(p.id(), Duration.ofMillis(167));
    }
    for (int i = 0; i < 17; i++) {
      // 102 round trips of 167 ms, past PeerHealth.MIN_NODE_SAMPLES: the node's bar is 1.5 x 167 =
      // 250.5 ms, above each peer's own estimate by now
      warmUp();
    }
    delays.put(peers.get(0).id(), Duration.ofHours(1));
    assertThat(driver.health().slotTimeout(peers.get(0).id()))
        .isEqualTo(Duration.ofMillis(250).plusNanos(500_000));

    Run run = run(Termination.BETA);

    assertThat(run.took())
        .as("woken at the deadline, not at the RPC timeout")
        .isEqualTo(Duration.ofMillis(251));
    assertThat(feedback).contains("stalled 0");
  }

  @Test
  void aSecondStallInARowIsReportedAsAFailure() {
    delays.put(peers.get(0).id(), Duration.ofHours(1));
    run(Termination.BETA);
    assertThat(feedback).contains("stalled 0");

    Run avoided = run(Termination.BETA);
    assertThat(avoided.finished().stats().skipped()).as("within its backoff").isEqualTo(1);
    clock.advanceTimeBy(PeerHealth.BACKOFF_BASE);
    feedback.clear();
    run(Termination.BETA);

    assertThat(feedback).contains("failed 0").doesNotContain("stalled 0");
  }

  @Test
  void aLateAnswerWhileTheLookupRunsIsTaken() {
    driver =
        driver(DhtOptions.defaults().withAlpha(1)); // one request at a time: the closest peer first
    warmUp();
    Duration slot = driver.health().slotTimeout(peers.get(0).id());
    delays.put(
        peers.get(0).id(), slot.plusMillis(50)); // stalls, then answers while peer 1 is asked

    Run run = run(Termination.K_CLOSEST);

    assertThat(transport.sent().get(transport.sent().size() - 6).to()).isEqualTo(peers.get(0).id());
    assertThat(run.finished().closest()).extracting(PeerInfo::id).contains(peers.get(0).id());
    assertThat(run.finished().stats().timedOut()).isEqualTo(1);
    assertThat(run.events())
        .anyMatch(
            e ->
                e instanceof LookupEvent.Answered a
                    && a.peer().id().equals(peers.get(0).id())
                    && a.rtt().equals(slot.plusMillis(50)));
    assertThat(feedback).doesNotContain("stalled 0");
  }

  @Test
  void aFastFailureEndsTheRequestAtOnce() {
    warmUp();
    delays.put(peers.get(0).id(), Duration.ofMillis(-1));

    Run run = run(Termination.K_CLOSEST);

    assertThat(run.took()).as("no wait for the refused peer").isEqualTo(RTT);
    assertThat(run.events())
        .anyMatch(e -> e instanceof LookupEvent.Failed f && f.peer().equals(peers.get(0).id()));
    assertThat(feedback).contains("failed 0");
    assertThat(driver.health().avoid(peers.get(0).id())).isTrue();
  }

  @Test
  void whileNobodyAnsweredStalledRequestsHoldUpTheEndUntilTheRpcTimeout() {
    for (PeerInfo p : peers) {
      delays.put(p.id(), Duration.ofHours(1));
    }

    Run run = run(Termination.K_CLOSEST);

    assertThat(run.took())
        .as("not the slot timeout: nobody answered")
        .isEqualTo(DhtOptions.defaults().rpcTimeout());
    assertThat(run.finished().closest()).isEmpty();
    assertThat(run.events()).filteredOn(e -> e instanceof LookupEvent.Failed).isNotEmpty();
    assertThat(feedback)
        .filteredOn(f -> f.startsWith("failed") || f.startsWith("stalled"))
        .hasSize(6);
  }

  @Test
  void aColdStartWhereEveryPeerIsSlowStillGetsALateAnswer() {
    for (PeerInfo p : peers) {
      delays.put(p.id(), PeerHealth.INITIAL_SLOT_TIMEOUT.plusMillis(500));
    }

    Run run = run(Termination.K_CLOSEST);

    assertThat(run.took()).isEqualTo(PeerHealth.INITIAL_SLOT_TIMEOUT.plusMillis(500));
    assertThat(run.finished().closest()).isNotEmpty();
    assertThat(run.finished().stats().timedOut()).isEqualTo(6);
  }

  @Test
  void onceAPeerAnsweredStalledRequestsHoldUpNothing() {
    delays.put(peers.get(0).id(), Duration.ofHours(1));
    delays.put(peers.get(1).id(), DhtOptions.defaults().rpcTimeout().plusSeconds(1));

    // Four answers, fewer than k = 20: the lookup still ends when the two others stall.
    Run run = run(Termination.K_CLOSEST);

    assertThat(run.took()).isEqualTo(PeerHealth.INITIAL_SLOT_TIMEOUT);
    assertThat(run.finished().closest()).hasSize(4);
    assertThat(feedback).contains("stalled 0", "stalled 1");
  }

  @Test
  void everyLookupReportsItsEndToTheFeedback() {
    run(Termination.BETA);
    run(Termination.BETA_THEN_FOLLOW_UP);
    run(Termination.K_CLOSEST);

    assertThat(feedback).filteredOn("finished"::equals).hasSize(3);
  }

  @Test
  void aLookupCancelledAfterAnAnswerReportsItsEndToo() {
    List<LookupEvent> events = new ArrayList<>();
    driver
        .lookup(target, new DhtRequest.FindNode(key), Termination.K_CLOSEST)
        .takeUntil(e -> e instanceof LookupEvent.Answered)
        .subscribe(events::add);
    clock.advanceTimeBy(Duration.ofSeconds(1));

    assertThat(events).last().isInstanceOf(LookupEvent.Answered.class);
    assertThat(feedback).containsOnlyOnce("finished");
  }

  @Test
  void betaEndsEarlierThanAFollowUpWhichAsksTheRest() {
    delays.put(
        peers.get(4).id(), Duration.ofMillis(150)); // within the slot timeout (at least the floor)
    delays.put(peers.get(5).id(), Duration.ofMillis(150));

    Run beta = run(Termination.BETA);
    Run followUp = run(Termination.BETA_THEN_FOLLOW_UP);

    assertThat(beta.took()).isEqualTo(RTT);
    assertThat(beta.finished().closest()).as("the beta closest").hasSize(3);
    assertThat(followUp.took()).isEqualTo(Duration.ofMillis(150));
    assertThat(followUp.finished().closest()).hasSize(6);
  }
}

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
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.util.RaceTestUtils;

/**
 * The drain loop under real concurrency, in the manner of reactor-core's own operator tests:
 * responses complete on several threads of a parallel scheduler while the subscriber requests from
 * two threads and cancels from a third. Whatever the interleaving, the stream obeys the Reactive
 * Streams rules (serial signals, never more elements than requested, nothing after a terminal
 * signal or after cancel) and the lookup never has more than alpha requests within their slot.
 */
class LookupRunRaceTest {
  private static final int K = 20;
  private final PeerInfo self = TestPeers.peer(-1);
  private final List<PeerInfo> network = TestPeers.peers(200, 11);
  private final Scheduler workers = Schedulers.newParallel("race-responses", 4);

  @AfterEach
  void tearDown() {
    workers.dispose();
  }

  private List<PeerInfo> closestTo(Key key, PeerId exclude) {
    return network.stream()
        .filter(p -> !p.id().equals(exclude))
        .sorted(Comparator.comparing(p -> p.id().key(), key.byDistance()))
        .limit(K)
        .toList();
  }

  /** Checks every signal it gets against the Reactive Streams rules it relies on. */
  private static final class CheckingSubscriber implements CoreSubscriber<LookupEvent> {
    final AtomicReference<Subscription> subscription = new AtomicReference<>();
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger requested = new AtomicInteger();
    final AtomicInteger received = new AtomicInteger();
    final Queue<String> violations = new ConcurrentLinkedQueue<>();
    volatile boolean terminated;
    volatile boolean cancelled;
    volatile boolean finishedSeen;

    @Override
    public void onSubscribe(Subscription s) {
      subscription.set(s);
    }

    @Override
    public void onNext(LookupEvent event) {
      enter();
      if (terminated) {
        violations.add("onNext after a terminal signal");
      }
      if (finishedSeen) {
        violations.add("an event after Finished");
      }
      if (received.incrementAndGet() > requested.get()) {
        violations.add("more elements than requested");
      }
      finishedSeen |= event instanceof LookupEvent.Finished;
      leave();
    }

    @Override
    public void onError(Throwable t) {
      enter();
      violations.add("error: " + t);
      terminated = true;
      leave();
    }

    @Override
    public void onComplete() {
      enter();
      if (terminated) {
        violations.add("a second terminal signal");
      }
      if (!finishedSeen) {
        violations.add("completed without Finished");
      }
      terminated = true;
      leave();
    }

    void request(int n) {
      requested.addAndGet(n);
      subscription.get().request(n);
    }

    void cancel() {
      cancelled = true;
      subscription.get().cancel();
    }

    private void enter() {
      if (inside.incrementAndGet() != 1) {
        violations.add("concurrent signals");
      }
    }

    private void leave() {
      inside.decrementAndGet();
    }
  }

  @RepeatedTest(200)
  void outcomesDemandAndCancelRacingKeepTheStreamSerialAndBounded() {
    ScriptedTransport transport = new ScriptedTransport(self.id());
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    for (PeerInfo p : network) {
      transport.remote(
          p,
          (from, request) ->
              Mono.fromCallable(
                      () -> {
                        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        return (DhtResponse)
                            new DhtResponse.FindNodeResponse(
                                closestTo(Key.of(((DhtRequest.FindNode) request).key()), p.id()));
                      })
                  .doFinally(signal -> inFlight.decrementAndGet())
                  .subscribeOn(workers));
    }
    PeerRouting routing = new PeerRouting(new RoutingTable(self.id().key()), transport::peerInfo);
    network.subList(0, 40).forEach(p -> routing.insert(p.id(), true, Instant.EPOCH));
    LookupDriver driver =
        new LookupDriver(
            self.id(),
            transport,
            routing,
            Schedulers.parallel(),
            DhtOptions.defaults(),
            LookupFeedback.IGNORE,
            e -> {});
    byte[] key = ("race " + System.nanoTime()).getBytes();
    CheckingSubscriber subscriber = new CheckingSubscriber();
    driver
        .lookup(Key.of(key), new DhtRequest.FindNode(key), Termination.K_CLOSEST)
        .subscribe(subscriber);

    RaceTestUtils.race(
        () -> {
          for (int i = 0; i < 50; i++) {
            subscriber.request(1);
          }
        },
        () -> {
          for (int i = 0; i < 50; i++) {
            subscriber.request(2);
          }
        },
        () -> {
          if (Math.floorMod(key.length + System.nanoTime(), 3) == 0) {
            subscriber.cancel();
          }
        });
    subscriber.request(Integer.MAX_VALUE / 2);
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!subscriber.terminated && !subscriber.cancelled && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }

    assertThat(subscriber.violations).isEmpty();
    assertThat(subscriber.terminated || subscriber.cancelled).as("completed or cancelled").isTrue();
    assertThat(maxInFlight.get()).isLessThanOrEqualTo(DhtOptions.defaults().alpha());
  }
}

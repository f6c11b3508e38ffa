package io.reactivedht.reactor.internal.lookup;

import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.query.Lookup;
import io.reactivedht.core.query.LookupStep;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.internal.observe.OperationTrace;
import io.reactivedht.reactor.lookup.LookupEvent;
import io.reactivedht.reactor.observe.RpcOutcome;
import io.reactivedht.reactor.spi.DhtTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * One running lookup: the single writer of its {@link Lookup} state machine (go-libp2p-kad-dht's
 * {@code query.run} is the model). Responses and timers only enqueue outcomes and call {@link
 * #drain()}; a work-in-progress counter makes sure exactly one thread at a time runs the loop,
 * which applies outcomes, emits events while downstream has demand, and asks the state machine whom
 * to query next. No request goes out while an event waits for demand, so a slow subscriber slows
 * the lookup instead of filling a buffer: the queues hold at most alpha outcomes and the events
 * they produced.
 */
final class LookupRun {
  private final FluxSink<LookupEvent> sink;
  private final Lookup lookup;
  private final DhtRequest request;
  private final DhtTransport transport;
  private final Scheduler scheduler;
  private final Duration rpcTimeout;
  private final PeerHealth health;
  private final LookupFeedback feedback;
  private final Consumer<LookupEvent> observer;

  /** The observed operation this lookup runs for, if any: it sees each request and hop. */
  private final @Nullable OperationTrace trace;

  /** Every peer the lookup heard of: one map probe per peer named in an answer. */
  private final Map<PeerId, Heard> heard = new HashMap<>();

  /** When each request in flight passes its slot timeout, in scheduler nanoseconds. */
  private final Map<PeerId, Long> slotDeadlines = new HashMap<>();

  private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
  private final ArrayDeque<LookupEvent> pending = new ArrayDeque<>();
  private final AtomicInteger wip = new AtomicInteger();
  private final InFlight inFlight = new InFlight();
  private final Disposable.Swap timer = Disposables.swap();

  /**
   * The deadline the pending timer wakes the loop at; cleared when it fires (written by the timer's
   * thread).
   */
  private volatile @Nullable Instant timerDeadline;

  private int maxHops;

  /** Peers that answered so far; written by the drain loop, read by a cancelling thread. */
  private final AtomicInteger answered = new AtomicInteger();

  private volatile boolean cancelled;
  private volatile boolean finished;
  private boolean completed;

  private record Outcome(
      PeerId peer, @Nullable DhtResponse response, @Nullable String failure, Duration rtt) {}

  /**
   * A peer heard of: its latest addresses (an answer naming it without addresses keeps the known
   * ones) and the hop it was first heard at (seeds at 0).
   */
  private static final class Heard {
    private PeerInfo info;
    private final int hops;

    Heard(PeerInfo info, int hops) {
      this.info = info;
      this.hops = hops;
    }
  }

  LookupRun(
      FluxSink<LookupEvent> sink,
      Lookup lookup,
      DhtRequest request,
      List<PeerInfo> seeds,
      DhtTransport transport,
      Scheduler scheduler,
      Duration rpcTimeout,
      PeerHealth health,
      LookupFeedback feedback,
      Consumer<LookupEvent> observer) {
    this.sink = sink;
    this.lookup = lookup;
    this.request = request;
    this.transport = transport;
    this.scheduler = scheduler;
    this.rpcTimeout = rpcTimeout;
    this.health = health;
    this.feedback = feedback;
    this.observer = observer;
    this.trace = OperationTrace.of(sink.contextView());
    for (PeerInfo seed : seeds) {
      heard.put(seed.id(), new Heard(seed, 0));
    }
  }

  void start() {
    sink.onRequest(n -> drain());
    sink.onDispose(this::stop);
    drain();
  }

  private void stop() {
    cancelled = true;
    inFlight.dispose();
    timer.dispose();
    if (!finished) {
      feedback.finished(lookup.target(), answered.get());
    }
  }

  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      if (!cancelled && !completed) {
        step();
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  /** One pass of the loop; runs on one thread at a time. */
  private void step() {
    Outcome outcome;
    while (!finished && (outcome = outcomes.poll()) != null) {
      apply(outcome);
    }
    if (!emitPending()) {
      return; // no demand: send nothing more until downstream asks
    }
    if (cancelled) {
      return; // downstream cancelled on receiving an event: send nothing more
    }
    if (finished) {
      completed = true;
      sink.complete();
      return;
    }
    while (true) {
      Instant now = now();
      LookupStep next = lookup.next(now);
      if (next instanceof LookupStep.Query query) {
        send(query.peer());
      } else if (next instanceof LookupStep.Waiting waiting) {
        schedule(waiting.nextDeadline(), now);
        return;
      } else if (next instanceof LookupStep.AtCapacity atCapacity) {
        schedule(atCapacity.nextDeadline(), now);
        return;
      } else {
        finish();
        step();
        return;
      }
    }
  }

  @SuppressWarnings("ReferenceEquality") // the same PeerInfo again needs no look at its addresses
  private void apply(Outcome o) {
    slotDeadlines.remove(o.peer);
    LookupEvent event;
    if (o.response != null) {
      List<PeerInfo> closer = o.response.closerPeers();
      Heard from = heard.get(o.peer);
      int depth = (from == null ? 0 : from.hops) + 1;
      List<PeerId> closerIds = new ArrayList<>(closer.size());
      for (PeerInfo p : closer) {
        Heard before = heard.get(p.id());
        if (before == null) {
          heard.put(p.id(), new Heard(p, depth));
        } else if (before.info != p && !p.addresses().isEmpty()) {
          before.info = p;
        }
        closerIds.add(p.id());
      }
      if (!lookup.onSuccess(o.peer, closerIds)) {
        return; // unsolicited or after the end: ignored
      }
      maxHops = Math.max(maxHops, depth);
      if (trace != null) {
        trace.answeredAt(depth);
      }
      answered.incrementAndGet();
      PeerInfo peer = Objects.requireNonNull(from, "a queried peer is known").info;
      health.answered(o.peer, o.rtt);
      feedback.answered(peer);
      event = new LookupEvent.Answered(peer, o.response, o.rtt, depth);
    } else {
      if (!lookup.onFailure(o.peer)) {
        return;
      }
      health.failed(o.peer);
      feedback.failed(o.peer);
      event = new LookupEvent.Failed(o.peer, String.valueOf(o.failure));
    }
    observer.accept(event);
    pending.add(event);
  }

  private boolean emitPending() {
    while (!pending.isEmpty()) {
      if (sink.requestedFromDownstream() <= 0) {
        return false;
      }
      sink.next(pending.poll());
    }
    return true;
  }

  private void send(PeerId peer) {
    Heard learned = heard.get(peer);
    PeerInfo info = learned != null ? learned.info : transport.peerInfo(peer);
    LookupEvent.RequestSent sent = new LookupEvent.RequestSent(peer);
    observer.accept(sent);
    long startNanos = scheduler.now(TimeUnit.NANOSECONDS);
    slotDeadlines.put(peer, startNanos + health.slotTimeout(peer).toNanos());
    Disposable.Swap slot = Disposables.swap();
    inFlight.add(slot);
    Mono<DhtResponse> call =
        RpcTimeout.within(transport.send(info, request), rpcTimeout, scheduler);
    OperationTrace.@Nullable Rpc rpc = null;
    if (trace != null) {
      OperationTrace.Rpc observed = trace.rpcStarted(peer, request.type());
      // abandoned when the lookup is cancelled or finishes without it
      call = call.doOnCancel(() -> observed.ended(RpcOutcome.CANCELLED));
      rpc = observed;
    }
    OperationTrace.@Nullable Rpc traced = rpc;
    slot.update(
        call.subscribe(
            response -> {
              if (traced != null) {
                traced.ended(RpcOutcome.SUCCESS);
              }
              complete(slot, new Outcome(peer, response, null, since(startNanos)));
            },
            error -> {
              if (traced != null) {
                traced.ended(OperationTrace.outcomeOf(error));
              }
              complete(slot, new Outcome(peer, null, describe(error), since(startNanos)));
            },
            () -> {
              if (traced != null) {
                traced.ended(RpcOutcome.ERROR);
              }
              complete(slot, new Outcome(peer, null, "no response", since(startNanos)));
            }));
  }

  private void complete(Disposable slot, Outcome outcome) {
    inFlight.remove(slot);
    outcomes.add(outcome);
    drain();
  }

  /**
   * Wakes the loop at {@code deadline}, unless a timer for it is pending. Time is in nanoseconds,
   * so that the timer never fires before a deadline the state machine computed from a slot timeout
   * with sub-millisecond parts.
   */
  private void schedule(Instant deadline, Instant now) {
    if (deadline.equals(timerDeadline)) {
      return;
    }
    timerDeadline = deadline;
    long delayNanos = Math.max(0, Duration.between(now, deadline).toNanos());
    timer.update(
        scheduler.schedule(
            () -> {
              timerDeadline = null;
              drain();
            },
            delayNanos,
            TimeUnit.NANOSECONDS));
  }

  private void finish() {
    finished = true;
    inFlight.dispose();
    timer.dispose();
    long now = scheduler.now(TimeUnit.NANOSECONDS);
    slotDeadlines.forEach(
        (peer, deadline) -> {
          if (now - deadline >= 0) {
            // A first stall may be a slow peer (the table checks it); one more without an answer in
            // between is a failure.
            if (health.failed(peer) > 1) {
              feedback.failed(peer);
            } else {
              feedback.stalled(peer);
            }
          }
        });
    slotDeadlines.clear();
    feedback.finished(lookup.target(), answered.get());
    List<PeerInfo> closest = new ArrayList<>();
    for (PeerId id : lookup.result()) {
      Heard h = heard.get(id);
      closest.add(h != null ? h.info : new PeerInfo(id, List.of()));
    }
    LookupEvent.Finished event = new LookupEvent.Finished(closest, lookup.stats(), maxHops);
    observer.accept(event);
    pending.add(event);
  }

  private Instant now() {
    return Instant.EPOCH.plusNanos(scheduler.now(TimeUnit.NANOSECONDS));
  }

  private Duration since(long startNanos) {
    return Duration.ofNanos(scheduler.now(TimeUnit.NANOSECONDS) - startNanos);
  }

  private static String describe(Throwable error) {
    if (error instanceof TimeoutException) {
      return "timeout";
    }
    if (error instanceof DecodingException) {
      return "malformed response: " + error.getMessage();
    }
    return error.getClass().getSimpleName() + ": " + error.getMessage();
  }
}

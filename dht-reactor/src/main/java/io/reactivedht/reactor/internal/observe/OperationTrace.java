package io.reactivedht.reactor.internal.observe;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.core.wire.MessageType;
import io.reactivedht.reactor.observe.Operation;
import io.reactivedht.reactor.observe.OperationObserver;
import io.reactivedht.reactor.observe.OperationOutcome;
import io.reactivedht.reactor.observe.OperationSummary;
import io.reactivedht.reactor.observe.RpcObserver;
import io.reactivedht.reactor.observe.RpcOutcome;
import io.reactivedht.reactor.value.ValueNotFoundException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.ContextView;

/**
 * One run of an observed public operation: its {@link OperationObserver}, its start on the node's
 * clock, and what its lookups and puts report (requests sent, hops). It travels in the Reactor
 * context under {@link #KEY}; code that sends requests finds it with {@link #of(ContextView)}, and
 * finds none when the node's observer is the no-op. Thread-safe: requests end on many threads.
 */
public final class OperationTrace {
  /** The Reactor context key the trace travels under. */
  public static final Class<OperationTrace> KEY = OperationTrace.class;

  private final Operation operation;
  private final OperationObserver observer;
  private final Scheduler clock;
  private final long startNanos;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger hops = new AtomicInteger();
  private final AtomicBoolean resulted = new AtomicBoolean();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile @Nullable Throwable error;

  OperationTrace(Operation operation, OperationObserver observer, Scheduler clock) {
    this.operation = operation;
    this.observer = observer;
    this.clock = clock;
    this.startNanos = clock.now(TimeUnit.NANOSECONDS);
  }

  /**
   * The trace of the operation a pipeline runs in.
   *
   * @return the trace, or null outside an observed operation (always, with the no-op observer)
   */
  public static @Nullable OperationTrace of(ContextView context) {
    return context.getOrDefault(KEY, null);
  }

  /**
   * Reports that a request goes out, and returns the handle to end it with; counts it.
   *
   * @return ends the request once, whatever the observer does
   */
  public Rpc rpcStarted(PeerId peer, MessageType type) {
    requests.incrementAndGet();
    RpcObserver rpc;
    try {
      rpc = observer.rpcStarted(peer, type);
    } catch (RuntimeException e) {
      rpc = RpcObserver.noop(); // a faulty observer loses this request
    }
    return new Rpc(rpc);
  }

  /** A peer answered at {@code hop} (1 for a seed): the operation's hops are the longest such. */
  public void answeredAt(int hop) {
    hops.accumulateAndGet(hop, Math::max);
  }

  /**
   * {@code rpc} with its start and end reported: the start on subscription, the end on its signal
   * or cancellation. The caller's timeout must come before, so that a timeout ends it as {@link
   * RpcOutcome#TIMEOUT}.
   */
  public static Mono<DhtResponse> traced(Mono<DhtResponse> rpc, PeerId peer, MessageType type) {
    return Mono.deferContextual(
        context -> {
          OperationTrace trace = of(context);
          if (trace == null) {
            return rpc;
          }
          Rpc handle = trace.rpcStarted(peer, type);
          return rpc.doOnEach(
                  signal -> {
                    if (signal.isOnError()) {
                      handle.ended(outcomeOf(signal.getThrowable()));
                    } else if (signal.isOnNext() || signal.isOnComplete()) {
                      handle.ended(RpcOutcome.SUCCESS);
                    }
                  })
              .doOnCancel(() -> handle.ended(RpcOutcome.CANCELLED));
        });
  }

  /** The outcome of a request that failed with {@code error}. */
  public static RpcOutcome outcomeOf(@Nullable Throwable error) {
    return error instanceof TimeoutException ? RpcOutcome.TIMEOUT : RpcOutcome.ERROR;
  }

  void resulted() {
    resulted.set(true);
  }

  void failed(Throwable e) {
    error = e;
  }

  /** Ends the operation once, from the signal that ended its pipeline. */
  void ended(SignalType signal) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    Throwable e = error;
    OperationOutcome outcome;
    if (resulted.get()) {
      outcome = OperationOutcome.SUCCESS;
    } else if (e instanceof ValueNotFoundException) {
      outcome = OperationOutcome.NOT_FOUND;
    } else if (e != null) {
      outcome = OperationOutcome.ERROR;
    } else if (signal == SignalType.CANCEL) {
      outcome = OperationOutcome.CANCELLED;
    } else {
      outcome = OperationOutcome.NOT_FOUND;
    }
    long nanos = Math.max(0, clock.now(TimeUnit.NANOSECONDS) - startNanos);
    try {
      observer.ended(
          new OperationSummary(
              operation, outcome, Duration.ofNanos(nanos), hops.get(), requests.get(), e));
    } catch (RuntimeException dropped) {
      // a faulty observer loses this operation's end, the caller does not
    }
  }

  /** One request in flight: ends its observer exactly once and drops what it throws. */
  public static final class Rpc {
    private final RpcObserver observer;
    private final AtomicBoolean ended = new AtomicBoolean();

    Rpc(RpcObserver observer) {
      this.observer = observer;
    }

    /** Ends the request, unless it ended before. */
    public void ended(RpcOutcome outcome) {
      if (ended.compareAndSet(false, true)) {
        try {
          observer.ended(outcome);
        } catch (RuntimeException dropped) {
          // a faulty observer loses this request's end
        }
      }
    }
  }
}

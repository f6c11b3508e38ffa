package io.reactivedht.reactor.internal.observe;

import io.reactivedht.core.wire.MessageType;
import io.reactivedht.reactor.observe.DhtGauges;
import io.reactivedht.reactor.observe.DhtObserver;
import io.reactivedht.reactor.observe.Operation;
import io.reactivedht.reactor.observe.OperationObserver;
import io.reactivedht.reactor.observe.RequestLimit;
import io.reactivedht.reactor.observe.RequestOutcome;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The node's side of its {@link DhtObserver}: wraps the facade's operations in an {@link
 * OperationTrace} and forwards the server's reports, dropping what the observer throws. With the
 * no-op observer ({@link #enabled()} false) it returns every pipeline as it was given and calls
 * nothing.
 */
public final class Observing {
  private static final Observing DISABLED = new Observing(DhtObserver.noop(), null);

  private final DhtObserver observer;
  private final @Nullable Scheduler clock;

  private Observing(DhtObserver observer, @Nullable Scheduler clock) {
    this.observer = observer;
    this.clock = clock;
  }

  /**
   * The node's observing.
   *
   * @param observer the builder's observer
   * @param clock the node's scheduler, which times the operations
   */
  public static Observing of(DhtObserver observer, Scheduler clock) {
    return observer == DhtObserver.noop() ? DISABLED : new Observing(observer, clock);
  }

  /** Nothing observed. */
  public static Observing disabled() {
    return DISABLED;
  }

  /** Whether the observer is a real one (not the no-op). */
  public boolean enabled() {
    return clock != null;
  }

  /** Hands the observer the node's gauges. */
  public void attached(DhtGauges gauges) {
    if (enabled()) {
      try {
        observer.attached(gauges);
      } catch (RuntimeException dropped) {
        // the node runs without the observer's gauges
      }
    }
  }

  /**
   * {@code source} observed as {@code operation}: started on each subscription, ended on its
   * completion, error or cancellation; {@code isResult} tells which elements count as a result.
   */
  public <T> Flux<T> flux(Operation operation, Flux<T> source, Predicate<? super T> isResult) {
    Scheduler c = clock;
    if (c == null) {
      return source;
    }
    return Flux.defer(
        () -> {
          OperationTrace trace = new OperationTrace(operation, started(operation), c);
          return source
              .doOnNext(
                  value -> {
                    if (isResult.test(value)) {
                      trace.resulted();
                    }
                  })
              .doOnError(trace::failed)
              .doFinally(trace::ended)
              .contextWrite(context -> context.put(OperationTrace.KEY, trace));
        });
  }

  /** {@code source} observed as {@code operation}; its value is the result, empty is not-found. */
  public <T> Mono<T> mono(Operation operation, Mono<T> source) {
    Scheduler c = clock;
    if (c == null) {
      return source;
    }
    return Mono.defer(
        () -> {
          OperationTrace trace = new OperationTrace(operation, started(operation), c);
          return source
              .doOnNext(value -> trace.resulted())
              .doOnError(trace::failed)
              .doFinally(trace::ended)
              .contextWrite(context -> context.put(OperationTrace.KEY, trace));
        });
  }

  private OperationObserver started(Operation operation) {
    try {
      return observer.operationStarted(operation);
    } catch (RuntimeException dropped) {
      return OperationObserver.noop();
    }
  }

  /** The server finished with a request. */
  public void served(MessageType type, RequestOutcome outcome) {
    if (enabled()) {
      try {
        observer.requestServed(type, outcome);
      } catch (RuntimeException dropped) {
        // not counted
      }
    }
  }

  /** The server refused a request by a limit; also reported as served with {@code LIMITED}. */
  public void refused(MessageType type, RequestLimit limit) {
    if (enabled()) {
      try {
        observer.requestRefused(type, limit);
      } catch (RuntimeException dropped) {
        // not counted
      }
      served(type, RequestOutcome.LIMITED);
    }
  }
}

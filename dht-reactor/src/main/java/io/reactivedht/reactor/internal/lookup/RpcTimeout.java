package io.reactivedht.reactor.internal.lookup;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The RPC timeout of one request to a peer. Reactor's {@code timeout(Duration, Scheduler)} names
 * the timed pipeline for its error message when it is subscribed, a walk of the operators that cost
 * about 2% of a large simulation, where every request is timed; with a fallback error of our own it
 * does not.
 */
public final class RpcTimeout {
  private RpcTimeout() {}

  /**
   * {@code rpc}, failing with a {@link TimeoutException} if it gives no signal within {@code
   * timeout}.
   */
  public static <T> Mono<T> within(Mono<T> rpc, Duration timeout, Scheduler scheduler) {
    return rpc.timeout(
        timeout,
        Mono.error(() -> new TimeoutException("no answer within " + timeout.toMillis() + " ms")),
        scheduler);
  }
}

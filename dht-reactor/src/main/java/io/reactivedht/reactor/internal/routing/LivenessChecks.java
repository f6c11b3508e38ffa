package io.reactivedht.reactor.internal.routing;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.reactor.internal.lookup.RpcTimeout;
import io.reactivedht.reactor.internal.table.PeerRouting;
import io.reactivedht.reactor.spi.DhtTransport;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Probes whether peers are alive, a bounded number at a time. A probe is what go-libp2p-kad-dht
 * sends (WIRE.md §10.8): FIND_NODE for the peer's own id, sent to that peer; any answer within the
 * RPC timeout means alive, an error, a missing answer or a timeout means dead.
 *
 * <p>A check asked for while {@code maxRunning} are running is dropped, as go drops lookup checks
 * beyond its capacity: the routing table then abandons it after {@code
 * RoutingTableConfig.livenessCheckTimeout()} and never evicts anyone without a report, so a flood
 * of newcomers costs at most {@code maxRunning} requests in flight.
 */
final class LivenessChecks implements Disposable {
  private final DhtTransport transport;
  private final PeerRouting routing;
  private final Scheduler scheduler;
  private final Duration timeout;
  private final int maxRunning;
  private final AtomicInteger running = new AtomicInteger();
  private final Disposable.Composite inFlight = Disposables.composite();

  LivenessChecks(
      DhtTransport transport,
      PeerRouting routing,
      Scheduler scheduler,
      Duration timeout,
      int maxRunning) {
    this.transport = transport;
    this.routing = routing;
    this.scheduler = scheduler;
    this.timeout = timeout;
    this.maxRunning = maxRunning;
  }

  /**
   * Probes {@code peer} and reports {@code true} (alive) or {@code false} (dead) to {@code
   * outcome}, on the thread that completes the probe; nothing is reported for a probe that was
   * dropped or disposed.
   *
   * @return false if the check was dropped: {@code maxRunning} are running, or the checks were
   *     disposed
   */
  boolean check(PeerId peer, Consumer<Boolean> outcome) {
    if (running.incrementAndGet() > maxRunning || inFlight.isDisposed()) {
      running.decrementAndGet();
      return false;
    }
    Disposable.Swap slot = Disposables.swap();
    if (!inFlight.add(slot)) {
      running.decrementAndGet();
      return false;
    }
    slot.update(
        probe(peer)
            .subscribe(
                alive -> {
                  inFlight.remove(slot);
                  running.decrementAndGet();
                  outcome.accept(alive);
                }));
    return true;
  }

  /**
   * One probe of {@code peer}, outside the bound on checks (the caller bounds its own probes).
   *
   * @return true (alive) or false (dead); lazy, and cancelling stops the probe
   */
  Mono<Boolean> probe(PeerId peer) {
    return RpcTimeout.within(
            transport.send(routing.info(peer), new DhtRequest.FindNode(peer.bytes())),
            timeout,
            scheduler)
        .map(response -> true)
        .defaultIfEmpty(false)
        .onErrorReturn(false);
  }

  /** The probes in flight now. */
  int running() {
    return running.get();
  }

  /**
   * Cancels every probe in flight (their outcome is never reported) and drops every later check.
   */
  @Override
  public void dispose() {
    inFlight.dispose();
  }

  @Override
  public boolean isDisposed() {
    return inFlight.isDisposed();
  }
}

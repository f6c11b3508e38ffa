package io.reactivedht.transport.autonat;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.config.AutoNatOptions;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * When to probe. Until a probe reaches a verdict, every {@link AutoNatOptions#firstProbeDelay()} it
 * checks whether enough AutoNAT servers are connected ({@link AutoNatOptions#threshold()}) and
 * other ones than last asked, and probes if so: the first verdict comes soon after the first peers
 * connect. After that, every {@link AutoNatOptions#probeInterval()}; at most {@value
 * #MAX_EARLY_PROBES} early probes, so a node nobody will dial back (all servers refuse) does not
 * keep asking. One probe runs at a time; ticks meanwhile are skipped.
 *
 * <p>It watches the connected peers rather than the host's events, so that the host's event buffer
 * stays for the first real subscriber.
 */
public final class ReachabilityMonitor {
  /** The most early probes (before the first verdict); then only the periodic ones. */
  public static final int MAX_EARLY_PROBES = 5;

  private final AutoNatClient client;
  private final AutoNatOptions options;
  private final Scheduler scheduler;

  /**
   * @param client who asks the servers
   * @param options the probe timing
   * @param scheduler where the ticks run (the host's)
   */
  public ReachabilityMonitor(AutoNatClient client, AutoNatOptions options, Scheduler scheduler) {
    this.client = client;
    this.options = options;
    this.scheduler = scheduler;
  }

  /**
   * The verdicts of the probes, {@link Reachability#PUBLIC} or {@link Reachability#PRIVATE} (an
   * {@link Reachability#UNKNOWN} probe emits nothing); cold, and runs until cancelled.
   */
  public Flux<Reachability> verdicts() {
    return Flux.defer(
        () -> {
          AtomicBoolean decided = new AtomicBoolean();
          AtomicReference<Set<PeerId>> lastAsked = new AtomicReference<>(Set.of());
          AtomicInteger earlyProbes = new AtomicInteger();
          Flux<Long> early =
              Flux.interval(options.firstProbeDelay(), options.firstProbeDelay(), scheduler)
                  .filter(
                      tick ->
                          !decided.get()
                              && earlyProbes.get() < MAX_EARLY_PROBES
                              && newServersToAsk(lastAsked))
                  .doOnNext(tick -> earlyProbes.incrementAndGet());
          Flux<Long> periodic =
              Flux.interval(options.probeInterval(), options.probeInterval(), scheduler);
          return Flux.merge(early, periodic)
              .onBackpressureDrop() // a tick during a probe is skipped
              .concatMap(tick -> client.probe().onErrorReturn(Reachability.UNKNOWN), 0)
              .filter(verdict -> verdict != Reachability.UNKNOWN)
              .doOnNext(verdict -> decided.set(true));
        });
  }

  /**
   * Whether enough servers are connected and they are not just those asked last time (then
   * remembers them).
   */
  private boolean newServersToAsk(AtomicReference<Set<PeerId>> lastAsked) {
    Set<PeerId> servers = new HashSet<>(client.servers());
    return servers.size() >= options.threshold() && !servers.equals(lastAsked.getAndSet(servers));
  }
}

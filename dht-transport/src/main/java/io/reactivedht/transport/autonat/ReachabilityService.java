package io.reactivedht.transport.autonat;

import io.reactivedht.transport.config.AutoNatOptions;
import io.reactivedht.transport.host.Libp2pHost;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Whether this node is publicly reachable, as a service beside the host: serves AutoNAT to others
 * (when {@link AutoNatOptions#serve()}), probes connected servers when the {@link
 * ReachabilityMonitor} says so, and reports each change of the verdict. {@link #start} starts it.
 */
public final class ReachabilityService {
  private final Libp2pHost host;
  private final AutoNatOptions options;
  private final AutoNatClient client;
  private final AtomicBoolean publiclyReachable;
  private final Sinks.Many<Boolean> changes = Sinks.many().multicast().directBestEffort();
  private final Disposable.Swap probes = Disposables.swap();

  /**
   * @param host the node
   * @param options whether to serve, and how to probe
   * @param assumePublic the verdict until a probe decides (e.g. a listen address is a public IP)
   */
  public ReachabilityService(Libp2pHost host, AutoNatOptions options, boolean assumePublic) {
    this.host = host;
    this.options = options;
    this.client = new AutoNatClient(host, host::listenAddresses, options);
    this.publiclyReachable = new AtomicBoolean(assumePublic);
  }

  /** Serves AutoNAT (if configured) and starts the periodic probes. */
  public void start() {
    if (options.serve()) {
      host.handle(
          AutoNat.PROTOCOL_ID, new AutoNatServer(host::dialBack, options, host.scheduler()));
    }
    probes.update(
        new ReachabilityMonitor(client, options, host.scheduler())
            .verdicts()
            .subscribe(verdict -> reachable(verdict == Reachability.PUBLIC)));
  }

  /**
   * Probes now.
   *
   * @return true when servers dialed us back, false when they could not; empty without a verdict
   */
  public Mono<Boolean> probe() {
    return client
        .probe()
        .filter(verdict -> verdict != Reachability.UNKNOWN)
        .map(verdict -> verdict == Reachability.PUBLIC)
        .doOnNext(this::reachable);
  }

  /** The current verdict. */
  public boolean isPublic() {
    return publiclyReachable.get();
  }

  /** Each change of the verdict; hot, completes on {@link #close}. */
  public Flux<Boolean> changes() {
    return changes.asFlux();
  }

  /** Stops the probes and completes {@link #changes}. */
  public void close() {
    probes.dispose();
    synchronized (changes) {
      changes.tryEmitComplete();
    }
  }

  private void reachable(boolean reachable) {
    if (publiclyReachable.getAndSet(reachable) != reachable) {
      synchronized (changes) {
        changes.tryEmitNext(reachable);
      }
    }
  }
}

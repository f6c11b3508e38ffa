package io.reactivedht.spring.boot.autoconfigure;

import io.reactivedht.reactor.Dht;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Runs the node with the application: {@link #start()} starts it and bootstraps it, waiting for the
 * bootstrap at most the bootstrap timeout (it goes on in the background after that, and a failed
 * one is logged, not fatal: the routing table refresh retries); {@link #stop()} closes it. Its
 * phase is below the web server's, so the node runs before the server takes requests and until the
 * server stopped. The transport is closed after this, when its bean is destroyed.
 */
public class DhtLifecycle implements SmartLifecycle {
  /**
   * The phase: before the web server starts ({@code SmartLifecycle.DEFAULT_PHASE - 1024}), after it
   * stops.
   */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

  private static final Logger log = LoggerFactory.getLogger(DhtLifecycle.class);

  private final Dht dht;
  private final Duration bootstrapTimeout;
  private final Duration shutdownTimeout;
  private volatile boolean running;
  private volatile boolean bootstrapped;
  private volatile @Nullable Disposable bootstrap;

  /**
   * A lifecycle for {@code dht}.
   *
   * @param dht the node, not started
   * @param bootstrapTimeout how long {@link #start()} waits for the bootstrap; zero: not at all
   * @param shutdownTimeout how long {@link #stop()} waits for the node to close
   */
  public DhtLifecycle(Dht dht, Duration bootstrapTimeout, Duration shutdownTimeout) {
    this.dht = Objects.requireNonNull(dht, "dht");
    this.bootstrapTimeout = Objects.requireNonNull(bootstrapTimeout, "bootstrapTimeout");
    this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
  }

  /**
   * Starts the node and bootstraps it, waiting for the bootstrap at most the bootstrap timeout.
   *
   * @throws IllegalStateException if interrupted while waiting
   */
  @Override
  public void start() {
    if (running) {
      return;
    }
    dht.start().block();
    running = true;
    CountDownLatch done = new CountDownLatch(1);
    bootstrap =
        dht.bootstrap()
            .doOnSuccess(
                v -> {
                  bootstrapped = true;
                  log.info(
                      "DHT node {} bootstrapped: {} peers in the routing table",
                      dht.localPeer(),
                      dht.routingTablePeers().size());
                })
            .onErrorResume(
                e -> {
                  log.warn("DHT node {} bootstrap failed: {}", dht.localPeer(), e.toString());
                  return Mono.empty();
                })
            .doFinally(signal -> done.countDown())
            .subscribe();
    try {
      if (!done.await(bootstrapTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.info(
            "DHT node {} still bootstrapping after {}; startup goes on",
            dht.localPeer(),
            bootstrapTimeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the DHT node bootstrapped", e);
    }
  }

  /** Stops a bootstrap in progress and closes the node, waiting at most the shutdown timeout. */
  @Override
  public void stop() {
    if (!running) {
      return;
    }
    running = false;
    Disposable inProgress = bootstrap;
    if (inProgress != null) {
      inProgress.dispose();
    }
    try {
      dht.close().block(shutdownTimeout);
    } catch (RuntimeException e) {
      log.warn("DHT node {} did not close cleanly: {}", dht.localPeer(), e.toString());
    }
  }

  /**
   * Whether the node runs.
   *
   * @return true between {@link #start()} and {@link #stop()}
   */
  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * Whether the last bootstrap completed (at least one bootstrap peer answered, or there were
   * none).
   *
   * @return true once a bootstrap succeeded
   */
  public boolean isBootstrapped() {
    return bootstrapped;
  }

  /**
   * The phase.
   *
   * @return {@link #PHASE}
   */
  @Override
  public int getPhase() {
    return PHASE;
  }
}

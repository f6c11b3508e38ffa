package io.reactivedht.spring.boot.autoconfigure;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.spi.DhtTransport;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The node's health: {@code DOWN} while it does not run (before the application started it, after
 * it stopped), {@code OUT_OF_SERVICE} while it runs with an empty routing table (it cannot route:
 * not bootstrapped yet, no bootstrap peer answered, or every peer left), {@code UP} otherwise. The
 * details: {@code peerId}, {@code mode} (what the node is now: {@code SERVER} or {@code CLIENT}, so
 * with {@code auto} whether it found itself publicly reachable), {@code configuredMode}, {@code
 * routingTableSize}, {@code listenAddresses}.
 */
public class DhtHealthIndicator implements HealthIndicator {
  private final Dht dht;
  private final DhtTransport transport;
  private final BooleanSupplier running;

  /**
   * A health indicator of {@code dht}.
   *
   * @param dht the node
   * @param transport its transport, for the listen addresses
   * @param running whether the node runs, e.g. {@link DhtLifecycle#isRunning()}
   */
  public DhtHealthIndicator(Dht dht, DhtTransport transport, BooleanSupplier running) {
    this.dht = Objects.requireNonNull(dht, "dht");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.running = Objects.requireNonNull(running, "running");
  }

  /**
   * The node's health now.
   *
   * @return the status and details of the class comment
   */
  @Override
  public Health health() {
    int tableSize = dht.routingTablePeers().size();
    Health.Builder health;
    if (!running.getAsBoolean()) {
      health = Health.down();
    } else if (tableSize == 0) {
      health = Health.outOfService();
    } else {
      health = Health.up();
    }
    return health
        .withDetail("peerId", dht.localPeer().toString())
        .withDetail("mode", dht.mode().name())
        .withDetail("configuredMode", dht.options().mode().name())
        .withDetail("routingTableSize", tableSize)
        .withDetail(
            "listenAddresses",
            transport.listenAddresses().stream().map(Multiaddr::toString).toList())
        .build();
  }
}

package io.reactivedht.examples.routing;

import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.spi.DhtTransport;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's DHT node, on whatever {@link DhtTransport} the transport configuration provides:
 * started, then bootstrapped (a failed bootstrap is logged, not fatal: the routing table refresh
 * retries it).
 */
@Configuration(proxyBeanMethods = false)
class DhtNodeConfiguration {
  private static final Logger log = LoggerFactory.getLogger(DhtNodeConfiguration.class);
  private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofSeconds(60);

  @Bean(destroyMethod = "")
  Dht dht(DhtTransport transport, BootstrapPeers bootstrap, DhtProperties properties) {
    Dht dht =
        Dht.builder(transport)
            .options(properties.dhtOptions())
            .bootstrapPeers(bootstrap.peers())
            .build();
    dht.start().block();
    log.info(
        "DHT node {} started ({}, {} mode) on {}",
        dht.localPeer(),
        properties.protocolId(),
        properties.mode(),
        transport.listenAddresses());
    if (!bootstrap.peers().isEmpty()) {
      dht.bootstrap()
          .doOnSuccess(
              v ->
                  log.info(
                      "bootstrapped: {} peers in the routing table",
                      dht.routingTablePeers().size()))
          .onErrorResume(
              e -> {
                log.warn("bootstrap failed: {}", e.toString());
                return reactor.core.publisher.Mono.empty();
              })
          .block(BOOTSTRAP_TIMEOUT);
    }
    return dht;
  }

  /** Stops the node before its transport closes. */
  @Bean
  DhtShutdown dhtShutdown(Dht dht, DhtTransport transport) {
    return new DhtShutdown(dht, transport);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Closes the node, then the transport, when the context closes. */
  record DhtShutdown(Dht dht, DhtTransport transport) implements AutoCloseable {
    @Override
    public void close() {
      dht.close().then(transport.close()).block(Duration.ofSeconds(10));
    }
  }
}

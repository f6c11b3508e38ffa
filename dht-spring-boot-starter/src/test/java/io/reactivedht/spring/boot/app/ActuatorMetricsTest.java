package io.reactivedht.spring.boot.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.reactor.Dht;
import io.reactivedht.spring.boot.autoconfigure.LoopbackNetwork;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * With the actuator and the Prometheus registry on the class path (and {@code dht-micrometer},
 * which the starter picks up), {@code /actuator/prometheus} shows the node's meters after a lookup.
 */
class ActuatorMetricsTest {
  @Test
  void prometheusShowsTheNodesMetersAfterALookup() {
    try (LoopbackNetwork network = new LoopbackNetwork(3, 13)) {
      try (ConfigurableApplicationContext app =
          SpringApplication.run(
              MinimalDhtApplication.class,
              "--reactive-dht.listen=/ip4/127.0.0.1/tcp/0",
              "--reactive-dht.bootstrap=" + network.bootstrapAddress(),
              "--management.endpoints.web.exposure.include=prometheus",
              "--server.port=0")) {
        Dht dht = app.getBean(Dht.class);
        assertThat(
                dht.findClosestPeers("metrics".getBytes(StandardCharsets.UTF_8))
                    .collectList()
                    .block(LoopbackNetwork.WAIT))
            .isNotEmpty();
        String port = app.getEnvironment().getProperty("local.server.port");

        String scrape =
            WebClient.create("http://127.0.0.1:" + port)
                .get()
                .uri("/actuator/prometheus")
                .retrieve()
                .bodyToMono(String.class)
                .block(LoopbackNetwork.WAIT);

        assertThat(scrape)
            .contains("dht_operations_seconds_count{")
            .contains("operation=\"find_closest_peers\"")
            .contains("dht_operation_hops_count{operation=\"find_closest_peers\"}")
            .contains("dht_requests_sent_requests_total{")
            .contains("dht_routing_table_size_peers ")
            .contains("dht_transport_connections ")
            .contains("dht_transport_bytes_sent_bytes_total ")
            // the application's observation registry saw the lookup and its RPCs (Boot's meter
            // handler turns observations into timers)
            .contains("dht_operation_seconds_count{")
            .contains("dht_rpc_seconds_count{");
      }
    }
  }
}

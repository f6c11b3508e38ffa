package io.reactivedht.spring.boot.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.reactor.Dht;
import io.reactivedht.spring.boot.autoconfigure.LoopbackNetwork;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The starter's promise: an application with nothing but the starter (and WebFlux) and three
 * properties joins a local network of real libp2p DHT nodes and answers {@code GET
 * /routing/v1/providers/{cid}} with a provider that another node announced.
 */
class MinimalDhtApplicationTest {
  @Test
  void theApplicationJoinsALocalNetworkAndServesItsProviders() {
    Cid cid = Cid.v1(Cid.RAW, Multihash.sha256("starter".getBytes(StandardCharsets.UTF_8)));
    try (LoopbackNetwork network = new LoopbackNetwork(3, 11)) {
      try (ConfigurableApplicationContext app =
          SpringApplication.run(
              MinimalDhtApplication.class,
              "--reactive-dht.listen=/ip4/127.0.0.1/tcp/0",
              "--reactive-dht.bootstrap=" + network.bootstrapAddress(),
              "--reactive-dht.routing-api.enabled=true",
              "--server.port=0")) {
        Dht provider = network.nodes().get(2);
        provider.provide(cid).block(LoopbackNetwork.WAIT);
        String port = app.getEnvironment().getProperty("local.server.port");

        ResponseEntity<String> response =
            WebClient.create("http://127.0.0.1:" + port)
                .get()
                .uri("/routing/v1/providers/{cid}", cid)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .toEntity(String.class)
                .block(LoopbackNetwork.WAIT);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        Map<String, List<Map<String, Object>>> body =
            JsonMapper.builder()
                .build()
                .readValue(
                    response.getBody(),
                    new TypeReference<Map<String, List<Map<String, Object>>>>() {});
        assertThat(body.get("Providers"))
            .extracting(record -> record.get("ID"))
            .containsExactly(provider.localPeer().toString());
      }
    }
  }
}

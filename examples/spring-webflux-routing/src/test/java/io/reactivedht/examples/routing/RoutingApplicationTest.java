package io.reactivedht.examples.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.reactor.Dht;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The service as the starter assembles it on the in-memory swarm: the API answers with streamed
 * providers and CORS headers (every endpoint's behaviour is tested in {@code dht-routing-http}'s
 * {@code DelegatedRoutingApiTest}).
 */
@AutoConfigureWebTestClient(timeout = "PT60S")
class RoutingApplicationTest extends RoutingTestSupport {
  @Autowired WebTestClient client;

  @Test
  void providersStreamFromTheSwarmWithCorsHeaders() {
    Cid cid = freshCid();
    Dht provider = nodes().get(4);
    provider.provide(cid).block(TIMEOUT);

    String body =
        client
            .get()
            .uri("/routing/v1/providers/{cid}", cid)
            .accept(MediaType.APPLICATION_NDJSON)
            .header(HttpHeaders.ORIGIN, "https://example.org")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    assertThat(body)
        .isEqualTo(
            "{\"Schema\":\"peer\",\"ID\":\""
                + provider.localPeer()
                + "\",\"Addrs\":[\""
                + swarm.addressesOf(provider.localPeer()).get(0)
                + "\"],\"Protocols\":[]}\n");
  }

  @Test
  void theServicesNodeIsTheStartersOnTheSwarm() {
    assertThat(service.routingTablePeers()).hasSize(nodes().size());
  }
}

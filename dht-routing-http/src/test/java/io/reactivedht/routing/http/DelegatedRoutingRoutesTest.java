package io.reactivedht.routing.http;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import io.reactivedht.testkit.TestSwarm;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@link DelegatedRoutingApi#routes()} and {@link DelegatedRoutingApi#corsFilter()} composed with
 * an application's own routes, as a Spring WebFlux application registers them.
 */
class DelegatedRoutingRoutesTest {
  private static TestSwarm swarm;
  private static WebTestClient client;

  @BeforeAll
  static void start() {
    swarm = TestSwarm.builder(1).seed(5).realTime();
    DelegatedRoutingApi api =
        new DelegatedRoutingApi(
            swarm.node(0),
            DelegatedRoutingOptions.defaults().withRoutingTimeout(Duration.ofSeconds(5)));
    client =
        WebTestClient.bindToRouterFunction(
                api.routes()
                    .and(
                        RouterFunctions.route(
                            GET("/hello"), request -> ServerResponse.ok().bodyValue("hi"))))
            .webFilter(api.corsFilter())
            .configureClient()
            .baseUrl("http://localhost")
            .responseTimeout(Duration.ofSeconds(30))
            .build();
  }

  @AfterAll
  static void stop() {
    swarm.close();
  }

  @Test
  void theApiAnswersBesideTheApplicationsRoutesWhichGetNoCorsHeaders() {
    client
        .get()
        .uri("/routing/v1/providers/bafkreihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc7y")
        .header(HttpHeaders.ORIGIN, "https://example.org")
        .accept(MediaType.APPLICATION_JSON)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .expectBody()
        .json("{\"Providers\":[]}", true);
    client
        .get()
        .uri("/hello")
        .header(HttpHeaders.ORIGIN, "https://example.org")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
        .expectBody(String.class)
        .isEqualTo("hi");
  }

  @Test
  void otherOriginsCanBeConfigured() {
    DelegatedRoutingApi api =
        new DelegatedRoutingApi(
            swarm.node(0),
            DelegatedRoutingOptions.defaults()
                .withAllowedOrigins(java.util.List.of("https://a.example")));
    WebTestClient restricted =
        WebTestClient.bindToRouterFunction(api.routes())
            .webFilter(api.corsFilter())
            .configureClient()
            .baseUrl("http://localhost")
            .build();
    restricted
        .options()
        .uri("/routing/v1/providers/x")
        .header(HttpHeaders.ORIGIN, "https://b.example")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .exchange()
        .expectStatus()
        .isForbidden();
    restricted
        .options()
        .uri("/routing/v1/providers/x")
        .header(HttpHeaders.ORIGIN, "https://a.example")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://a.example");
  }
}

package io.reactivedht.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.reactor.Dht;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dht daemon --http 127.0.0.1:0} in another JVM, joined to a loopback network of three
 * servers in this one: its health, its metrics after a lookup, the Delegated Routing V1 API, and
 * the api file it keeps in its datastore.
 */
class DaemonHttpTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final AtomicInteger CONTENT = new AtomicInteger();

  @TempDir static Path dir;

  private static HttpDaemon serving;
  private static LoopbackNetwork network;
  private static DaemonProcess daemon;
  private static String url;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    serving = HttpDaemon.start(dir, "--timeout", "30s");
    network = serving.network();
    daemon = serving.daemon();
    url = serving.url();
  }

  @AfterAll
  static void stop() throws Exception {
    if (serving != null) {
      serving.close();
    }
  }

  @Test
  void theReadyLineNamesTheUrlAndTheApiFileHoldsIt() throws IOException {
    assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(Files.readString(dir.resolve("store").resolve("api")).strip()).isEqualTo(url);
  }

  @Test
  void healthIsUpWithThePeerItsModeTableAndAddresses() throws Exception {
    HttpResponse<String> health = get("/health", "application/json");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = Cli.parseObject(health.body().strip());
    assertThat(body.get("status").asText()).isEqualTo("UP");
    assertThat(body.get("peerId").asText()).isEqualTo(daemon.ready().get("peerId").asText());
    assertThat(body.get("mode").asText()).isEqualTo("server");
    assertThat(body.get("routingTableSize").asInt()).isEqualTo(network.nodes().size());
    assertThat(body.get("listenAddresses")).isEqualTo(daemon.ready().get("addrs"));
  }

  @Test
  void metricsShowTheLookupsAndTheTransportInPrometheusText() throws Exception {
    String target = network.node(1).localPeer().toString();
    HttpResponse<String> closest =
        get("/routing/v1/dht/closest/peers/" + target, "application/json");
    assertThat(closest.statusCode()).as(closest.body()).isEqualTo(200);
    assertThat(closest.body()).contains(target);

    HttpResponse<String> metrics = get("/metrics", "text/plain");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metrics.body())
        .containsPattern(
            "(?m)^dht_operations_seconds_count\\{operation=\"find_closest_peers\","
                + "outcome=\"success\"} [1-9]")
        .containsPattern(
            "(?m)^dht_requests_sent_requests_total\\{outcome=\"success\",type=\"find_node\"} [1-9]")
        .containsPattern("(?m)^dht_routing_table_size_peers 3\\.0$")
        .containsPattern("(?m)^dht_transport_connections [1-9]")
        .containsPattern("(?m)^dht_transport_bytes_received_bytes_total [1-9]");
  }

  @Test
  void theRoutingApiFindsTheProviderThatAnotherNodeAnnounced() throws Exception {
    Cid cid = freshCid();
    Dht provider = network.node(2);
    provider.provide(cid).block(TIMEOUT);

    HttpResponse<String> found = get("/routing/v1/providers/" + cid, "application/json");
    assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
    JsonNode providers = Cli.parseObject(found.body()).get("Providers");
    assertThat(providers).hasSize(1);
    assertThat(providers.get(0).get("Schema").asText()).isEqualTo("peer");
    assertThat(providers.get(0).get("ID").asText()).isEqualTo(provider.localPeer().toString());
    assertThat(providers.get(0).get("Addrs").get(0).asText())
        .isEqualTo(network.address(2).toString());
  }

  @Test
  void otherPathsAreNotFoundAndTheDaemonsOwnAreGetOnly() throws Exception {
    assertThat(get("/nothing/here", "*/*").statusCode()).isEqualTo(404);
    HttpResponse<String> post =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url + "/health"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void theApiFileIsRemovedWhenTheDaemonStopsCleanly() throws Exception {
    Path store = dir.resolve("short-lived");
    DaemonProcess shortLived =
        DaemonProcess.start(
            dir.resolve("short-lived.err"),
            List.of(
                "--listen",
                "/ip4/127.0.0.1/tcp/0",
                "--datastore",
                store.toString(),
                "--http",
                "127.0.0.1:0"));
    String itsUrl = shortLived.ready().get("http").asText();
    assertThat(Files.readString(store.resolve("api")).strip()).isEqualTo(itsUrl);
    HttpResponse<String> health =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(itsUrl + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).as("alone, its routing table is empty").isEqualTo(503);
    assertThat(Cli.parseObject(health.body().strip()).get("status").asText()).isEqualTo("DOWN");

    shortLived.stop();
    assertThat(store.resolve("api")).doesNotExist();
    assertThat(store.resolve("identity.key")).exists();
  }

  static Cid freshCid() {
    byte[] content =
        ("daemon http test " + CONTENT.incrementAndGet() + " " + System.nanoTime())
            .getBytes(StandardCharsets.UTF_8);
    return Cid.v1(Cid.RAW, Multihash.sha256(content));
  }

  private static HttpResponse<String> get(String path, String accept)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url + path))
            .header("Accept", accept)
            .timeout(TIMEOUT)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

package io.reactivedht.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.value.ValueNotFoundException;
import io.reactivedht.routing.http.DelegatedRoutingApi;
import io.reactivedht.routing.http.DelegatedRoutingOptions;
import io.reactivedht.routing.http.PeerRecord;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The daemon's HTTP service on reactor-netty: the Delegated Routing V1 API of {@code
 * dht-routing-http} (the handlers the Spring Boot starter serves) under {@value
 * DelegatedRoutingApi#PREFIX}, two daemon-only endpoints for what that API lacks and the one-shots
 * need ({@value #CLOSEST_PEERS} of any key, {@value #VALUES} of {@code /pk/} and {@code /ipns/}
 * keys with a quorum), {@code GET /metrics} (Prometheus text) and {@code GET /health} (JSON).
 */
final class DaemonHttp implements AutoCloseable {
  /** The content type of Prometheus's text exposition format. */
  static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** {@code GET ?key=KEY}: NDJSON peer records of the k closest peers to KEY as closest-peers. */
  static final String CLOSEST_PEERS = "/dht/v1/closest-peers";

  /** {@code GET /dht/v1/values/pk/<id>} or {@code /ipns/<name>}, {@code ?quorum=Q}: the value. */
  static final String VALUES = "/dht/v1/values";

  private static final Pattern AMPERSAND = Pattern.compile("&");
  private static final String NDJSON = "application/x-ndjson";
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final Node node;
  private final PrometheusMeterRegistry metrics;
  private final Duration routingTimeout;
  private final JsonMapper json = JsonMapper.builder().build();
  private final ReactorHttpHandlerAdapter routing;
  private final DisposableServer server;

  private DaemonHttp(
      Node node,
      PrometheusMeterRegistry metrics,
      InetSocketAddress address,
      Duration routingTimeout) {
    this.node = node;
    this.metrics = metrics;
    this.routingTimeout = routingTimeout;
    this.routing =
        new ReactorHttpHandlerAdapter(
            new DelegatedRoutingApi(
                    node.dht(),
                    DelegatedRoutingOptions.defaults().withRoutingTimeout(routingTimeout))
                .httpHandler());
    try {
      this.server =
          HttpServer.create()
              .bindAddress(() -> address)
              .handle(this::handle)
              .bindNow(Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      throw new CliException(
          "--http",
          "cannot listen on "
              + address.getAddress().getHostAddress()
              + ":"
              + address.getPort()
              + ": "
              + Errors.describe(e.getCause() != null ? e.getCause() : e));
    }
  }

  /**
   * Serves {@code node} on {@code address}.
   *
   * @param metrics the registry the node's meters are in
   * @param routingTimeout how long one request may search the DHT
   * @throws CliException naming {@code --http} if the address cannot be bound
   */
  static DaemonHttp start(
      Node node,
      PrometheusMeterRegistry metrics,
      InetSocketAddress address,
      Duration routingTimeout) {
    return new DaemonHttp(node, metrics, address, routingTimeout);
  }

  /** The base URL of the service, e.g. {@code http://127.0.0.1:8080}. */
  String url() {
    return HttpOptions.baseUrl((InetSocketAddress) server.address());
  }

  private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
    URI uri;
    try {
      uri = new URI(request.uri());
    } catch (URISyntaxException e) {
      return text(response, 400, "unable to parse the request URI: " + e.getMessage());
    }
    String path = Optional.ofNullable(uri.getPath()).orElse("");
    boolean own =
        path.equals("/health")
            || path.equals("/metrics")
            || path.equals(CLOSEST_PEERS)
            || path.startsWith(VALUES + "/");
    if (!own) {
      return routing.apply(request, response);
    }
    if (!"GET".equals(request.method().name())) {
      return text(
          response.header("Allow", "GET"), 405, request.method() + " " + path + ": GET only");
    }
    if (path.equals("/health")) {
      return health(response);
    }
    if (path.equals("/metrics")) {
      return response
          .status(200)
          .header("Content-Type", METRICS_CONTENT_TYPE)
          .sendString(Mono.fromCallable(metrics::scrape));
    }
    if (path.equals(CLOSEST_PEERS)) {
      return closestPeers(response, query(uri, "key"));
    }
    return value(response, path.substring(VALUES.length()), query(uri, "quorum"));
  }

  /**
   * {@code GET /health}: {@code UP} (200) while the routing table has peers, {@code DOWN} (503)
   * while it is empty (the node cannot route: not joined yet, or every peer left).
   */
  private Publisher<Void> health(HttpServerResponse response) {
    Dht dht = node.dht();
    int tableSize = dht.gauges().routingTableSize();
    boolean up = tableSize > 0;
    Json body =
        Json.object()
            .put("status", up ? "UP" : "DOWN")
            .put("peerId", dht.localPeer().toString())
            .put("mode", dht.mode().name().toLowerCase(Locale.ROOT))
            .put("configuredMode", dht.options().mode().name().toLowerCase(Locale.ROOT))
            .put("routingTableSize", tableSize)
            .put("listenAddresses", node.addresses().stream().map(Object::toString).toList());
    return response
        .status(up ? 200 : 503)
        .header("Content-Type", "application/json")
        .header("Cache-Control", "no-store")
        .sendString(Mono.just(body + "\n"));
  }

  /** {@value #CLOSEST_PEERS}: the closest peers to any key the closest-peers command takes. */
  private Publisher<Void> closestPeers(HttpServerResponse response, String key) {
    if (key.isEmpty()) {
      return text(response, 400, "missing ?key=");
    }
    byte[] target;
    try {
      target = RecordKeys.lookupKey(key);
    } catch (CliException e) {
      return text(response, 400, Errors.describe(e));
    }
    return response
        .status(200)
        .header("Content-Type", NDJSON)
        .sendString(
            node.dht()
                .findClosestPeers(target)
                .take(routingTimeout)
                .map(p -> json.writeValueAsString(PeerRecord.of(p)) + "\n"));
  }

  /** {@value #VALUES}{@code /<namespace>/<id>}: the best valid record's value, raw. */
  private Publisher<Void> value(HttpServerResponse response, String key, String quorumText) {
    byte[] routingKey;
    Integer quorum = null;
    try {
      routingKey = RecordKeys.recordKey(key, "KEY");
      if (!quorumText.isEmpty()) {
        quorum = Integer.parseInt(quorumText);
        if (quorum < 1) {
          return text(response, 400, "quorum must be at least 1");
        }
      }
    } catch (CliException e) {
      return text(response, 400, Errors.describe(e));
    } catch (NumberFormatException e) {
      return text(response, 400, "quorum must be a number, got " + quorumText);
    }
    return node.record(routingKey, quorum)
        .timeout(routingTimeout)
        .flatMap(
            record ->
                Mono.from(
                    response
                        .status(200)
                        .header("Content-Type", "application/octet-stream")
                        .sendByteArray(Mono.just(record.value()))))
        .onErrorResume(
            ValueNotFoundException.class,
            e -> Mono.from(text(response, 404, key + ": no valid record found")))
        .onErrorResume(
            TimeoutException.class,
            e -> Mono.from(text(response, 504, "the lookup took longer than " + routingTimeout)));
  }

  private static Publisher<Void> text(HttpServerResponse response, int status, String message) {
    return response
        .status(status)
        .header("Content-Type", "text/plain; charset=utf-8")
        .sendString(Mono.just(message + "\n"));
  }

  /** The first value of query parameter {@code name}, decoded; empty if absent. */
  static String query(URI uri, String name) {
    String raw = uri.getRawQuery();
    if (raw == null) {
      return "";
    }
    for (String pair : AMPERSAND.split(raw, -1)) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  /** Stops serving; requests in flight get a few seconds to end. */
  @Override
  public void close() {
    server.disposeNow(CLOSE_TIMEOUT);
  }
}

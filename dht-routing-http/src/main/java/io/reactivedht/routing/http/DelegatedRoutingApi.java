package io.reactivedht.routing.http;

import io.reactivedht.reactor.Dht;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The <a href="https://specs.ipfs.tech/routing/http-routing-v1/">Delegated Routing V1 HTTP API</a>
 * over a {@link Dht}: {@code GET /routing/v1/providers/{cid}}, {@code /peers/{peer-id}}, {@code
 * /dht/closest/peers/{key}}, {@code GET} and {@code PUT /routing/v1/ipns/{name}}, each answered by
 * a lookup of the node, with {@code application/x-ndjson} streamed as the lookup finds records.
 *
 * <p>Three ways to serve it:
 *
 * <ul>
 *   <li>in a Spring WebFlux application: register {@link #routes()} and {@link #corsFilter()} as
 *       beans (the {@code dht-spring-boot-starter} does, with {@code
 *       reactive-dht.routing-api.enabled=true});
 *   <li>composed with the application's own routes: {@code routes().and(myRoutes)};
 *   <li>without Spring Boot, on bare reactor-netty: {@code
 *       HttpServer.create().port(8080).handle(new
 *       ReactorHttpHandlerAdapter(api.httpHandler())).bindNow()}.
 * </ul>
 *
 * <p>Immutable and thread-safe; the node is the caller's to start and close.
 */
public final class DelegatedRoutingApi {
  /** The path prefix of every route. */
  public static final String PREFIX = "/routing/v1";

  /** The spec's media type of IPNS records, {@code application/vnd.ipfs.ipns-record}. */
  public static final MediaType IPNS_RECORD = RoutingHandler.IPNS_RECORD;

  private final RoutingHandler handler;
  private final DelegatedRoutingOptions options;

  /**
   * The API over {@code dht} with Jackson's default JSON mapper and the system clock (UTC).
   *
   * @param dht the node that answers; its lookups run per request
   * @param options the routing timeout and the CORS origins
   */
  public DelegatedRoutingApi(Dht dht, DelegatedRoutingOptions options) {
    this(dht, options, JsonMapper.builder().build(), Clock.systemUTC());
  }

  /**
   * The API over {@code dht}.
   *
   * @param dht the node that answers; its lookups run per request
   * @param options the routing timeout and the CORS origins
   * @param json writes the NDJSON lines (the JSON bodies go through the server's codecs)
   * @param clock the time of {@code Last-Modified} and of IPNS record validation
   */
  public DelegatedRoutingApi(
      Dht dht, DelegatedRoutingOptions options, JsonMapper json, Clock clock) {
    this.options = Objects.requireNonNull(options, "options");
    this.handler =
        new RoutingHandler(
            Objects.requireNonNull(dht, "dht"),
            options.routingTimeout(),
            Objects.requireNonNull(json, "json"),
            Objects.requireNonNull(clock, "clock"));
  }

  /**
   * The options the API runs with.
   *
   * @return the options given at construction
   */
  public DelegatedRoutingOptions options() {
    return options;
  }

  /**
   * The routes under {@value #PREFIX}; any other request there is answered {@code 501} (a method
   * the spec defines but this server lacks) or {@code 400}.
   *
   * @return a new router function on every call
   */
  public RouterFunction<ServerResponse> routes() {
    return RouterFunctions.route()
        .GET(PREFIX + "/providers/{cid}", handler::providers)
        .GET(PREFIX + "/peers/{peerId}", handler::peers)
        .GET(PREFIX + "/ipns/{name}", handler::getIpns)
        .PUT(PREFIX + "/ipns/{name}", handler::putIpns)
        .GET(PREFIX + "/dht/closest/peers/{key}", handler::closestPeers)
        .route(RequestPredicates.path(PREFIX + "/**"), handler::unsupported)
        .build();
  }

  /**
   * The CORS headers the spec asks browsers to get on {@value #PREFIX}{@code /**}: {@code
   * Access-Control-Allow-Origin} for the {@linkplain DelegatedRoutingOptions#allowedOrigins allowed
   * origins} ({@code *} by default), preflight answers for {@code GET}, {@code PUT} and {@code
   * OPTIONS}, and the caching headers exposed. Other paths are left alone.
   *
   * @return a new filter on every call
   */
  public WebFilter corsFilter() {
    CorsConfiguration cors = new CorsConfiguration();
    options.allowedOrigins().forEach(cors::addAllowedOrigin);
    cors.setAllowedMethods(List.of("GET", "PUT", "OPTIONS"));
    cors.addAllowedHeader("*");
    cors.setExposedHeaders(
        List.of(
            HttpHeaders.ETAG,
            HttpHeaders.CACHE_CONTROL,
            HttpHeaders.LAST_MODIFIED,
            HttpHeaders.EXPIRES));
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration(PREFIX + "/**", cors);
    return new CorsWebFilter(source);
  }

  /**
   * The whole API, CORS included, as one Spring {@link HttpHandler}, for a server without a Spring
   * application context; on reactor-netty:
   *
   * <pre>{@code
   * DisposableServer server =
   *     HttpServer.create()
   *         .host("127.0.0.1")
   *         .port(8080)
   *         .handle(new ReactorHttpHandlerAdapter(api.httpHandler()))
   *         .bindNow();
   * }</pre>
   *
   * Paths outside {@value #PREFIX} are answered {@code 404}.
   *
   * @return a new handler on every call, with Spring's default codecs (Jackson 3 for JSON)
   */
  public HttpHandler httpHandler() {
    return RouterFunctions.toHttpHandler(
        routes(), HandlerStrategies.builder().webFilter(corsFilter()).build());
  }
}

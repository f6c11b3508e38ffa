package io.reactivedht.examples.routing;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The routes of the Delegated Routing V1 HTTP API, and the CORS headers the spec asks browsers to
 * get.
 */
@Configuration(proxyBeanMethods = false)
class RoutingRoutes {
  static final String PREFIX = "/routing/v1";

  @Bean
  RouterFunction<ServerResponse> routingV1(RoutingHandler handler) {
    return org.springframework.web.reactive.function.server.RouterFunctions.route()
        .GET(PREFIX + "/providers/{cid}", handler::providers)
        .GET(PREFIX + "/peers/{peerId}", handler::peers)
        .GET(PREFIX + "/ipns/{name}", handler::getIpns)
        .PUT(PREFIX + "/ipns/{name}", handler::putIpns)
        .GET(PREFIX + "/dht/closest/peers/{key}", handler::closestPeers)
        .route(RequestPredicates.path(PREFIX + "/**"), handler::unsupported)
        .build();
  }

  /** {@code Access-Control-Allow-Origin: *} and preflight answers for GET, PUT and OPTIONS. */
  @Bean
  CorsWebFilter corsWebFilter() {
    CorsConfiguration cors = new CorsConfiguration();
    cors.addAllowedOrigin("*");
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
}

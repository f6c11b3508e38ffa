package io.reactivedht.routing.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the Delegated Routing V1 API serves a {@link io.reactivedht.reactor.Dht}; immutable, each
 * {@code withX} returns a changed copy.
 *
 * @param routingTimeout how long one HTTP request may search the DHT: a list or stream ends, an
 *     IPNS lookup answers "no record", a publish answers {@code 504} after it
 * @param allowedOrigins the CORS origins allowed on {@code /routing/v1/**}; {@code *} (any, as the
 *     spec asks of public routers) by default
 */
public record DelegatedRoutingOptions(Duration routingTimeout, List<String> allowedOrigins) {
  /** The default routing timeout: 30 seconds. */
  public static final Duration DEFAULT_ROUTING_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Checks and copies the options.
   *
   * @param routingTimeout positive
   * @param allowedOrigins at least one origin, e.g. {@code *} (any) or {@code https://example.org}
   */
  public DelegatedRoutingOptions {
    Objects.requireNonNull(routingTimeout, "routingTimeout");
    if (routingTimeout.isNegative() || routingTimeout.isZero()) {
      throw new IllegalArgumentException("routingTimeout must be positive, got " + routingTimeout);
    }
    allowedOrigins = List.copyOf(allowedOrigins);
    if (allowedOrigins.isEmpty()) {
      throw new IllegalArgumentException("allowedOrigins must name at least one origin");
    }
  }

  /**
   * The defaults.
   *
   * @return a 30 s routing timeout, any origin
   */
  public static DelegatedRoutingOptions defaults() {
    return new DelegatedRoutingOptions(DEFAULT_ROUTING_TIMEOUT, List.of("*"));
  }

  /**
   * A copy with another routing timeout.
   *
   * @param timeout how long one HTTP request may search the DHT; positive
   * @return a copy with it
   */
  public DelegatedRoutingOptions withRoutingTimeout(Duration timeout) {
    return new DelegatedRoutingOptions(timeout, allowedOrigins);
  }

  /**
   * A copy with other CORS origins.
   *
   * @param origins the origins allowed ({@code *}: any), at least one
   * @return a copy with them
   */
  public DelegatedRoutingOptions withAllowedOrigins(List<String> origins) {
    return new DelegatedRoutingOptions(routingTimeout, origins);
  }
}

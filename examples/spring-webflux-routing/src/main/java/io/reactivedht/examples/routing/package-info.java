/**
 * A Spring Boot WebFlux service that embeds a DHT node and serves the Delegated Routing V1 HTTP API
 * (ipfs/specs {@code routing/http-routing-v1}) through {@code dht-spring-boot-starter}: the
 * application class, its {@code application.yaml}, and this example's own option of a simulated
 * local swarm ({@link io.reactivedht.examples.routing.InMemorySwarmConfiguration}).
 */
@NullMarked
package io.reactivedht.examples.routing;

import org.jspecify.annotations.NullMarked;

/**
 * A Spring Boot WebFlux service that embeds a DHT node and serves the Delegated Routing V1 HTTP API
 * (ipfs/specs {@code routing/http-routing-v1}): providers, peers, IPNS records and the DHT's
 * closest peers, each answered by a lookup of the embedded {@link io.reactivedht.reactor.Dht} and
 * streamed as it runs.
 */
@NullMarked
package io.reactivedht.examples.routing;

import org.jspecify.annotations.NullMarked;

/**
 * The Delegated Routing V1 HTTP API (ipfs/specs {@code routing/http-routing-v1}) over a {@link
 * io.reactivedht.reactor.Dht}, as Spring WebFlux functional routes: {@link
 * io.reactivedht.routing.http.DelegatedRoutingApi} gives the {@code RouterFunction}, its CORS
 * {@code WebFilter}, and both as one {@code HttpHandler} for a server without a Spring application
 * context (reactor-netty's {@code HttpServer} through {@code ReactorHttpHandlerAdapter}); {@link
 * io.reactivedht.routing.http.DelegatedRoutingOptions} configures it, and {@link
 * io.reactivedht.routing.http.PeerRecord} is the spec's Peer Schema in the JSON answers. Providers,
 * peers and closest peers come as {@code application/json} or, streamed as the lookup finds them,
 * {@code application/x-ndjson}; IPNS records are read and published with their spec headers.
 */
@NullMarked
package io.reactivedht.routing.http;

import org.jspecify.annotations.NullMarked;

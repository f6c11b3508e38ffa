/**
 * Micrometer for reactive-dht. {@link io.reactivedht.micrometer.DhtMetrics#observer} is the {@link
 * io.reactivedht.reactor.observe.DhtObserver} to give {@code Dht.Builder.observer}: it records
 * every operation (timer, hops, requests), every request sent and served, every request refused by
 * a limit, registers the node's gauges when the node is built, and, given an {@code
 * ObservationRegistry}, makes an observation per operation ({@code dht.operation}) with one child
 * per request ({@code dht.rpc}) for tracing. {@link io.reactivedht.micrometer.TransportMetrics}
 * binds a {@code Libp2pTransport}'s connections, streams and bytes. Meter names start with {@code
 * dht.}; tags are low-cardinality only (operation, outcome, type, limit), peer ids appear only as a
 * high-cardinality key value of the request observations.
 */
@NullMarked
package io.reactivedht.micrometer;

import org.jspecify.annotations.NullMarked;

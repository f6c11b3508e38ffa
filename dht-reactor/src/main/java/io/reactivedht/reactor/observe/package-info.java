/**
 * What a node does, made visible: the {@link io.reactivedht.reactor.observe.DhtObserver} SPI that a
 * metrics or tracing bridge implements (the {@code dht-micrometer} module is one) and gives to
 * {@link io.reactivedht.reactor.Dht.Builder#observer}, and the figures it reads ({@link
 * io.reactivedht.reactor.observe.DhtGauges}). The node calls the observer when a public operation
 * starts and ends, when each request of that operation goes out and comes back (as a child of the
 * operation, so a tracer can draw a lookup as a span with its RPCs), and for each request the
 * server answers or refuses. The default observer does nothing and costs nothing: the node does not
 * even wrap its pipelines when it is set. An observer must not block; one that throws is ignored
 * (the node catches and drops what it throws).
 */
@NullMarked
package io.reactivedht.reactor.observe;

import org.jspecify.annotations.NullMarked;

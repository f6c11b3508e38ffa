/**
 * The DHT as Reactor pipelines: {@link io.reactivedht.reactor.Dht}, the facade that wires the
 * routing table, the lookup driver, the value and provider operations, the request handler and the
 * maintenance jobs onto a transport. Its options live in {@code reactor.config}, the events it
 * reports in {@code reactor.event}. Every operation is lazy, bounded by demand and by alpha, and
 * cancelled by disposing it.
 */
@NullMarked
package io.reactivedht.reactor;

import org.jspecify.annotations.NullMarked;

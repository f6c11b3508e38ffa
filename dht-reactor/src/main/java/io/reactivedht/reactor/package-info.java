/**
 * The DHT as Reactor pipelines: {@link io.reactivedht.reactor.Dht} and its {@link io.reactivedht.reactor.DhtOptions}.
 * Every operation is lazy, bounded by demand and by alpha, and cancelled by disposing it.
 */
@NullMarked
package io.reactivedht.reactor;

import org.jspecify.annotations.NullMarked;

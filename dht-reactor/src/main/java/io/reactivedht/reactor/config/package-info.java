/**
 * How a DHT node is configured: {@link io.reactivedht.reactor.config.DhtOptions} (protocol id, k,
 * alpha, beta, disjoint paths, timeouts, record and provider lifetimes, maintenance intervals) and
 * the {@link io.reactivedht.reactor.config.Mode} it runs in. Plain values that every other reactor
 * package may read.
 */
@NullMarked
package io.reactivedht.reactor.config;

import org.jspecify.annotations.NullMarked;

/**
 * Wiring: {@link io.reactivedht.reactor.internal.node.NodeAssembly} builds the parts of one DHT
 * node (routing table, lookup driver, value and provider operations, request handler, maintenance,
 * mode switch) and connects them, in the one place that both the {@link io.reactivedht.reactor.Dht}
 * facade and the test fixtures use.
 */
@NullMarked
package io.reactivedht.reactor.internal.node;

import org.jspecify.annotations.NullMarked;

/**
 * Keeping the node's view of the network: the jobs that fill the shared routing table ({@link
 * io.reactivedht.reactor.internal.table.PeerRouting}) and keep it fresh (bootstrap, refresh,
 * membership from identify, liveness checks: {@link
 * io.reactivedht.reactor.internal.routing.RoutingMaintenance}); and the switch that decides whether
 * this node enters other nodes' tables by serving the DHT protocol ({@link
 * io.reactivedht.reactor.internal.routing.ModeSwitch}).
 */
@NullMarked
package io.reactivedht.reactor.internal.routing;

import org.jspecify.annotations.NullMarked;

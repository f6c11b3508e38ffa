/**
 * The node's view of the network: the routing table shared by lookups, the request handler and the maintenance
 * jobs ({@link io.reactivedht.reactor.routing.PeerRouting}); the jobs that fill it and keep it fresh (bootstrap,
 * refresh, membership from identify, liveness checks: {@link io.reactivedht.reactor.routing.RoutingMaintenance});
 * and the switch that decides whether this node enters other nodes' tables by serving the DHT protocol
 * ({@link io.reactivedht.reactor.routing.ModeSwitch}).
 */
@NullMarked
package io.reactivedht.reactor.routing;

import org.jspecify.annotations.NullMarked;

/**
 * The node's view of the network: the routing table shared by lookups, the request handler and the maintenance
 * jobs, and the jobs that keep it fresh (bootstrap, refresh, liveness checks).
 */
@NullMarked
package io.reactivedht.reactor.routing;

import org.jspecify.annotations.NullMarked;

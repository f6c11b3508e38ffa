/**
 * The errors of keeping the node's view of the network: {@link
 * io.reactivedht.reactor.routing.BootstrapException} when a node cannot join.
 */
@NullMarked
package io.reactivedht.reactor.routing;

import org.jspecify.annotations.NullMarked;

/**
 * The node's routing table as the reactor packages share it: {@link
 * io.reactivedht.reactor.internal.table.PeerRouting} wraps the single-owner core routing table so
 * that lookups, the request handler and the maintenance jobs can use it from any thread, and hands
 * out peers with the addresses the transport knows for them.
 */
@NullMarked
package io.reactivedht.reactor.internal.table;

import org.jspecify.annotations.NullMarked;

/**
 * Iterative Kademlia lookups as pure state machines: whom to ask next for the peers closest to a
 * key, and when the search is over. A {@link io.reactivedht.core.query.Lookup} holds no threads and
 * reads no clock; a driver calls {@link io.reactivedht.core.query.Lookup#next next(now)}, sends the
 * requests it is told to send, and feeds each outcome back with {@link
 * io.reactivedht.core.query.Lookup#onSuccess onSuccess} or {@link
 * io.reactivedht.core.query.Lookup#onFailure onFailure}, all from one place at a time. {@link
 * io.reactivedht.core.query.ClosestPeersLookup} is the classic lookup (rust-libp2p's {@code
 * ClosestPeersIter}); {@link io.reactivedht.core.query.DisjointPathsLookup} the S/Kademlia variant
 * over disjoint paths. Instances are not thread-safe.
 */
@NullMarked
package io.reactivedht.core.query;

import org.jspecify.annotations.NullMarked;

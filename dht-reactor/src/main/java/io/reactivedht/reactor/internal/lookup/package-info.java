/**
 * Iterative lookups over the transport: {@link io.reactivedht.reactor.internal.lookup.LookupDriver}
 * drives a pure {@code dht-core} lookup state machine from one serialized loop, sends up to alpha
 * requests at a time to peers from the shared routing table, and streams a {@link
 * io.reactivedht.reactor.lookup.LookupEvent} per request, answer, failure and at the end, bounded
 * by demand and cancellable.
 */
@NullMarked
package io.reactivedht.reactor.internal.lookup;

import org.jspecify.annotations.NullMarked;

/**
 * How the node calls its {@link io.reactivedht.reactor.observe.DhtObserver}: {@code Observing}
 * wraps the facade's operations (only when the observer is not the no-op) and puts an {@code
 * OperationTrace} into the Reactor context, where the lookups and the puts find it to report their
 * requests as the operation's children. Every call to the observer is guarded: what it throws is
 * dropped.
 */
@NullMarked
package io.reactivedht.reactor.internal.observe;

import org.jspecify.annotations.NullMarked;

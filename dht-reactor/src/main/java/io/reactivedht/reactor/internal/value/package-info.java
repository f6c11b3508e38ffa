/**
 * The client side of value records: {@link io.reactivedht.reactor.internal.value.ValueOperations}
 * puts a record on the peers closest to its key, searches the network for the best record under a
 * key (validated, chosen by {@code Select}, collected until a quorum, then corrected on the peers
 * that hold an outdated record or none), and republishes what this node published.
 */
@NullMarked
package io.reactivedht.reactor.internal.value;

import org.jspecify.annotations.NullMarked;

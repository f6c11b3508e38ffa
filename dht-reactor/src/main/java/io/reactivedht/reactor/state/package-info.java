/**
 * What a node keeps across restarts: {@link io.reactivedht.reactor.state.NodeState}, the cids it
 * provides, the records it publishes and its routing table, in memory by default and on disk with a
 * persistent implementation.
 */
@NullMarked
package io.reactivedht.reactor.state;

import org.jspecify.annotations.NullMarked;

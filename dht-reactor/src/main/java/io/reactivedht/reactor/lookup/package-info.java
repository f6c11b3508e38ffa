/**
 * What a lookup streams: {@link io.reactivedht.reactor.lookup.LookupEvent}, one element per request
 * sent, answer, failure and the end of an iterative lookup ({@link
 * io.reactivedht.reactor.Dht#lookup}), bounded by demand and cancellable.
 */
@NullMarked
package io.reactivedht.reactor.lookup;

import org.jspecify.annotations.NullMarked;

/**
 * The server side of the DHT, independent of any transport: {@link
 * io.reactivedht.reactor.internal.server.DhtRequestHandler} answers inbound requests from the
 * routing table, the value and provider stores and the record validators, as go-libp2p-kad-dht and
 * js-libp2p servers do (docs/WIRE.md §10.5). A request it refuses fails with a typed exception
 * ({@link io.reactivedht.reactor.server.RequestRejectedException} or an {@link
 * io.reactivedht.core.validation.InvalidRecordException}), and the transport resets the stream
 * without answering.
 */
@NullMarked
package io.reactivedht.reactor.internal.server;

import org.jspecify.annotations.NullMarked;

/**
 * What the server side of the DHT reports: the counters of inbound requests ({@link
 * io.reactivedht.reactor.server.RequestStats}) and the typed refusal a transport receives for a
 * request it must reset without answering ({@link
 * io.reactivedht.reactor.server.RequestRejectedException}).
 */
@NullMarked
package io.reactivedht.reactor.server;

import org.jspecify.annotations.NullMarked;

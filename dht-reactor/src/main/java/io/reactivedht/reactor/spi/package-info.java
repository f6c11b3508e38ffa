/**
 * The transport port of the DHT: {@link io.reactivedht.reactor.spi.DhtTransport} carries requests
 * and reports peer events, {@link io.reactivedht.reactor.spi.RequestHandler} answers inbound
 * requests. Implemented by the in-memory network and by the libp2p stack.
 */
@NullMarked
package io.reactivedht.reactor.spi;

import org.jspecify.annotations.NullMarked;

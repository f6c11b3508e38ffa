/**
 * The libp2p transport of the DHT: {@link io.reactivedht.transport.Libp2pTransport} implements
 * dht-reactor's {@link io.reactivedht.reactor.spi.DhtTransport} on a {@link
 * io.reactivedht.transport.host.Libp2pHost} (TCP, Noise, yamux, identify, ping), so a {@link
 * io.reactivedht.reactor.Dht} joins the IPFS network and talks to go, rust and js nodes. The layers
 * live in one package each: {@code stream} (the byte-stream seam), {@code tcp}, {@code
 * multistream}, {@code noise}, {@code yamux}, {@code connection}, {@code identify}, {@code ping},
 * {@code peerstore}, {@code host} and {@code kad}.
 */
@NullMarked
package io.reactivedht.transport;

import org.jspecify.annotations.NullMarked;

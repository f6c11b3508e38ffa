/**
 * The Kademlia DHT wire messages ({@code /ipfs/kad/1.0.0}): immutable, protocol-neutral {@link
 * io.reactivedht.core.wire.DhtRequest requests} and {@link io.reactivedht.core.wire.DhtResponse
 * responses} that the engine, the request handler, the simulated network and the libp2p transport
 * share; {@link io.reactivedht.core.wire.DhtCodec} to and from the protobuf bytes go and js write;
 * and {@link io.reactivedht.core.wire.MessageFraming} for the unsigned-varint length prefix,
 * bounded at 4 MiB. The generated protobuf classes ({@code io.reactivedht.core.wire.pb}) stay
 * behind the codec.
 */
@NullMarked
package io.reactivedht.core.wire;

import org.jspecify.annotations.NullMarked;

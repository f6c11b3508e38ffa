/**
 * The byte-stream seam every layer of the libp2p stack is written against: a {@link
 * io.reactivedht.transport.stream.ByteStream} reads whole frames with a {@link
 * io.reactivedht.transport.stream.FrameDecoder} from a bounded inbound buffer and writes bytes in
 * call order. A TCP connection, a Noise-secured channel and a yamux stream are each a {@code
 * ByteStream}, so multistream-select, Noise, yamux, identify, ping and the DHT protocol compose by
 * wrapping one stream in the next, and each is tested on an in-memory pipe.
 */
@NullMarked
package io.reactivedht.transport.stream;

import org.jspecify.annotations.NullMarked;

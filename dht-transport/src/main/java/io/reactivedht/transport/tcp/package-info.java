/**
 * TCP on reactor-netty: {@link io.reactivedht.transport.tcp.TcpByteStream} adapts a netty
 * connection to the {@link io.reactivedht.transport.stream.ByteStream} seam (reading only while the
 * inbound buffer has room, so TCP flow control follows the reader), {@link
 * io.reactivedht.transport.tcp.TcpAddresses} maps {@code /ip4}, {@code /ip6} and {@code /dns*}
 * multiaddrs to socket addresses and back, and {@link io.reactivedht.transport.tcp.TcpTransport}
 * listens and dials.
 */
@NullMarked
package io.reactivedht.transport.tcp;

import org.jspecify.annotations.NullMarked;

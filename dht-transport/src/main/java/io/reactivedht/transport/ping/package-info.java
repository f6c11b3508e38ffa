/**
 * The libp2p ping protocol, {@code /ipfs/ping/1.0.0} (WIRE §9.5): the dialer writes 32 random
 * bytes, the listener echoes them, as often as the dialer likes on one stream. {@link
 * io.reactivedht.transport.ping.Ping} measures the round trip on the caller's scheduler clock and
 * serves echoes; a wrong echo is a {@link io.reactivedht.transport.ping.PingException}.
 */
@NullMarked
package io.reactivedht.transport.ping;

import org.jspecify.annotations.NullMarked;

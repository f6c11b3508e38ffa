/**
 * Multiaddrs: self-describing network addresses with strict text and binary codecs for the
 * protocols a DHT node meets (ip4, ip6, dns*, tcp, udp, quic-v1, tls, noise, ws, wss, p2p,
 * p2p-circuit, webtransport, certhash, ...).
 */
@NullMarked
package io.reactivedht.core.multiaddr;

import org.jspecify.annotations.NullMarked;

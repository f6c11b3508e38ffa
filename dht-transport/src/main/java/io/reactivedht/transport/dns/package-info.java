/**
 * DNSADDR resolution (multiformats/multiaddr {@code protocols/DNSADDR.md}): {@link
 * io.reactivedht.transport.dns.DnsaddrResolver} turns a {@code /dnsaddr/<host>[/...]} multiaddr
 * into the multiaddrs published as {@code dnsaddr=<multiaddr>} TXT records of {@code
 * _dnsaddr.<host>}, recursively and within bounds, over a pluggable {@link
 * io.reactivedht.transport.dns.TxtLookup} (the JDK's JNDI DNS provider by default, a map in tests).
 */
@NullMarked
package io.reactivedht.transport.dns;

import org.jspecify.annotations.NullMarked;

package io.reactivedht.transport.address;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.transport.tcp.TcpAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The network an IP address is on. */
public enum AddressScope {
  /** A public unicast address: reachable from the internet. */
  PUBLIC,
  /** RFC 1918, carrier-grade NAT (100.64/10) or IPv6 unique-local (fc00::/7). */
  PRIVATE,
  /** 127/8 or ::1: this machine only. */
  LOOPBACK,
  /** 169.254/16 or fe80::/10: this link only. */
  LINK_LOCAL,
  /** Not an address to dial: wildcard, multicast, or not an IP address at all. */
  OTHER;

  /**
   * The scope of {@code ip}.
   *
   * @param ip an address; null is {@link #OTHER}
   * @return its scope
   */
  public static AddressScope of(@Nullable InetAddress ip) {
    if (ip == null || ip.isAnyLocalAddress() || ip.isMulticastAddress()) {
      return OTHER;
    }
    if (ip.isLoopbackAddress()) {
      return LOOPBACK;
    }
    if (ip.isLinkLocalAddress()) {
      return LINK_LOCAL;
    }
    byte[] b = ip.getAddress();
    boolean carrierGradeNat = b.length == 4 && (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64;
    boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xFE) == 0xFC;
    return ip.isSiteLocalAddress() || carrierGradeNat || uniqueLocalV6 ? PRIVATE : PUBLIC;
  }

  /**
   * Whether {@code ip} is a public unicast address: not loopback, private (RFC 1918), link-local,
   * wildcard, multicast, carrier-grade NAT (100.64/10) or IPv6 unique-local (fc00::/7).
   *
   * @param ip an address; null is not public
   * @return whether its scope is {@link #PUBLIC}
   */
  public static boolean isPublic(@Nullable InetAddress ip) {
    return of(ip) == PUBLIC;
  }

  /**
   * The scope of a TCP multiaddr's IP; {@link #OTHER} for any other address (DNS names included).
   *
   * @param address a multiaddr
   * @return the scope of its {@code /ip4} or {@code /ip6} address
   */
  public static AddressScope of(Multiaddr address) {
    return TcpAddresses.toSocketAddress(address)
        .map(InetSocketAddress::getAddress)
        .map(AddressScope::of)
        .orElse(OTHER);
  }

  /**
   * The addresses among {@code learned} worth dialing. A publicly reachable node (on the public
   * DHT) dials only public addresses and those that are not IP addresses ({@code /dns}, {@code
   * /dnsaddr}, which the dialer resolves): private, loopback and link-local addresses that some
   * peer advertised lead to another network than the one they were meant for, or into this machine.
   * A node that is not publicly reachable (on a LAN, in a test network on loopback) is on such a
   * network itself and dials them all, as go's LAN DHT does.
   *
   * @param learned addresses another peer gave (in a DHT answer)
   * @param publiclyReachable whether this node is on the public internet
   * @return the dialable ones, in their order
   */
  public static List<Multiaddr> dialable(List<Multiaddr> learned, boolean publiclyReachable) {
    if (!publiclyReachable) {
      return learned;
    }
    return learned.stream()
        .filter(
            address -> {
              Optional<InetSocketAddress> socket = TcpAddresses.toSocketAddress(address);
              return socket.isEmpty()
                  || socket.get().isUnresolved()
                  || isPublic(socket.get().getAddress());
            })
        .toList();
  }
}

package io.reactivedht.transport.autonat;

import io.reactivedht.transport.address.AddressScope;
import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/** Which IPs are on the public internet. */
public final class PublicAddresses {
  private PublicAddresses() {}

  /**
   * Whether {@code ip} is a public unicast address: not loopback, private (RFC 1918), link-local,
   * wildcard, multicast, carrier-grade NAT (100.64/10) or IPv6 unique-local (fc00::/7).
   */
  public static boolean isPublic(@Nullable InetAddress ip) {
    return AddressScope.of(ip) == AddressScope.PUBLIC;
  }
}

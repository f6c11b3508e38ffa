package io.reactivedht.transport.autonat;

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
    if (ip == null
        || ip.isLoopbackAddress()
        || ip.isSiteLocalAddress()
        || ip.isLinkLocalAddress()
        || ip.isAnyLocalAddress()
        || ip.isMulticastAddress()) {
      return false;
    }
    byte[] b = ip.getAddress();
    boolean carrierGradeNat = b.length == 4 && (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64;
    boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xFE) == 0xFC;
    return !carrierGradeNat && !uniqueLocalV6;
  }
}

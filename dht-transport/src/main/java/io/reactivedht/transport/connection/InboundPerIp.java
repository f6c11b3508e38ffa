package io.reactivedht.transport.connection;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Inbound connections per source: one IPv4 address, or one IPv6 /56 (what one subscriber usually
 * gets, so a host cannot dodge the limit by rotating addresses in its prefix). Thread-safe.
 */
final class InboundPerIp {
  private final int limit;
  private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

  InboundPerIp(int limit) {
    this.limit = limit;
  }

  /** Takes a slot for {@code remote}'s source; false, taking nothing, when it has none left. */
  boolean tryTake(SocketAddress remote) {
    boolean[] taken = {false};
    counts.compute(
        keyOf(remote),
        (key, count) -> {
          int now = count == null ? 0 : count;
          if (now >= limit) {
            return count;
          }
          taken[0] = true;
          return now + 1;
        });
    return taken[0];
  }

  /** Gives back a slot taken for {@code remote}'s source. */
  void give(SocketAddress remote) {
    counts.computeIfPresent(keyOf(remote), (key, count) -> count <= 1 ? null : count - 1);
  }

  /** The connections counted for {@code remote}'s source, for tests. */
  int count(SocketAddress remote) {
    return counts.getOrDefault(keyOf(remote), 0);
  }

  /** The source a remote address counts against: {@code 1.2.3.4} or {@code 2001:db8:0:1::/56}. */
  static String keyOf(SocketAddress remote) {
    if (!(remote instanceof InetSocketAddress socket) || socket.getAddress() == null) {
      return String.valueOf(remote);
    }
    InetAddress ip = socket.getAddress();
    if (ip instanceof Inet4Address) {
      return ip.getHostAddress();
    }
    byte[] prefix = new byte[7];
    System.arraycopy(ip.getAddress(), 0, prefix, 0, prefix.length);
    return HexFormat.of().formatHex(prefix) + "/56";
  }
}

package io.reactivedht.transport.host;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.transport.tcp.TcpAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

/** Expands a wildcard listen address into the addresses of the machine's interfaces. */
final class ListenAddresses {
  private ListenAddresses() {}

  /**
   * @param requested the listen address asked for (its family decides which interface addresses a
   *     wildcard means: the JDK binds {@code 0.0.0.0} as the dual-stack {@code ::})
   * @param bound where the server got bound (its port replaces a requested port 0)
   */
  static List<Multiaddr> expand(Multiaddr requested, SocketAddress bound) {
    InetSocketAddress wanted = TcpAddresses.toSocketAddress(requested).orElseThrow();
    int port = ((InetSocketAddress) bound).getPort();
    if (!wanted.getAddress().isAnyLocalAddress()) {
      return List.of(TcpAddresses.toMultiaddr(new InetSocketAddress(wanted.getAddress(), port)));
    }
    boolean ipv4 = wanted.getAddress() instanceof Inet4Address;
    try {
      return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
          .filter(ListenAddresses::isUp)
          .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
          .filter(ip -> (ip instanceof Inet4Address) == ipv4 && !ip.isLinkLocalAddress())
          .map(ip -> TcpAddresses.toMultiaddr(new InetSocketAddress(ip, port)))
          .toList();
    } catch (SocketException e) {
      return List.of(
          TcpAddresses.toMultiaddr(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
    }
  }

  private static boolean isUp(NetworkInterface nic) {
    try {
      return nic.isUp();
    } catch (SocketException e) {
      return false;
    }
  }
}

package io.reactivedht.transport.host;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.transport.tcp.TcpAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

/** Expands a wildcard listen address into the addresses of the machine's interfaces. */
final class ListenAddresses {
  private ListenAddresses() {}

  static List<Multiaddr> expand(Multiaddr bound) {
    InetSocketAddress socket = TcpAddresses.toSocketAddress(bound).orElseThrow();
    if (!socket.getAddress().isAnyLocalAddress()) {
      return List.of(bound);
    }
    boolean ipv4 = socket.getAddress() instanceof Inet4Address;
    try {
      return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
          .filter(ListenAddresses::isUp)
          .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
          .filter(ip -> (ip instanceof Inet4Address) == ipv4 && !ip.isLinkLocalAddress())
          .map(ip -> TcpAddresses.toMultiaddr(new InetSocketAddress(ip, socket.getPort())))
          .toList();
    } catch (SocketException e) {
      return List.of(TcpAddresses.toMultiaddr(new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getPort())));
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

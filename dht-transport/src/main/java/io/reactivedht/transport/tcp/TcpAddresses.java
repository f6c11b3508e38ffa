package io.reactivedht.transport.tcp;

import io.reactivedht.core.multiaddr.Component;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiaddr.Protocol;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/** Maps TCP multiaddrs to socket addresses and back. */
public final class TcpAddresses {
  private TcpAddresses() {}

  /**
   * The socket address of {@code /ip4|/ip6|/dns|/dns4|/dns6/<host>/tcp/<port>[/p2p/<id>]}; host
   * names stay unresolved (the dialer resolves them).
   *
   * @return empty for any other multiaddr (udp, quic, websockets, circuits, ...)
   */
  public static Optional<InetSocketAddress> toSocketAddress(Multiaddr address) {
    List<Component> parts = address.withoutPeerId().components();
    if (parts.size() != 2 || parts.get(1).protocol() != Protocol.TCP) {
      return Optional.empty();
    }
    Component host = parts.get(0);
    int port = Short.toUnsignedInt(ByteBuffer.wrap(parts.get(1).value()).getShort());
    try {
      return switch (host.protocol()) {
        case IP4, IP6 ->
            Optional.of(new InetSocketAddress(InetAddress.getByAddress(host.value()), port));
        case DNS, DNS4, DNS6 ->
            Optional.of(InetSocketAddress.createUnresolved(host.valueText(), port));
        default -> Optional.empty();
      };
    } catch (UnknownHostException e) {
      return Optional
          .empty(); // unreachable: getByAddress only fails on a wrong length, which Multiaddr rules
      // out
    }
  }

  /** Whether we can dial {@code address} over TCP. */
  public static boolean isDialable(Multiaddr address) {
    return toSocketAddress(address).isPresent();
  }

  /** {@code /ip4|/ip6/<address>/tcp/<port>} of a resolved socket address. */
  public static Multiaddr toMultiaddr(SocketAddress socketAddress) {
    if (!(socketAddress instanceof InetSocketAddress inet) || inet.getAddress() == null) {
      throw new IllegalArgumentException("not a resolved IP socket address: " + socketAddress);
    }
    InetAddress ip = inet.getAddress();
    String family = ip instanceof Inet4Address ? "ip4" : "ip6";
    return Multiaddr.parse(
        "/"
            + family
            + "/"
            + ip.getHostAddress().replaceFirst("%.*$", "")
            + "/tcp/"
            + inet.getPort());
  }
}

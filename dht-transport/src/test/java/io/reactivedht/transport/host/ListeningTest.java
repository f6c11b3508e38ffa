package io.reactivedht.transport.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.transport.Seeds;
import io.reactivedht.transport.config.HostOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/** Listening on several addresses, IPv6, and dialing by DNS name. */
class ListeningTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final SecureRandom random = Seeds.random(21);

  private Libp2pHost host(List<Multiaddr> listen) {
    return Libp2pHost.start(
            HostOptions.defaults(Ed25519PrivateKey.generate(random)).withListen(listen),
            Schedulers.parallel())
        .block(WAIT);
  }

  @Test
  void aHostListensOnIpv4AndIpv6AndIsReachableOnEach() {
    assumeTrue(ipv6LoopbackWorks(), "no IPv6 loopback on this machine");
    Libp2pHost server =
        host(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"), Multiaddr.parse("/ip6/::1/tcp/0")));
    Libp2pHost client = host(List.of());
    try {
      List<Multiaddr> addresses = server.listenAddresses();
      assertThat(addresses).hasSize(2);
      assertThat(addresses).anySatisfy(a -> assertThat(a.toString()).startsWith("/ip6/::1/tcp/"));
      for (Multiaddr address : addresses) {
        assertThat(client.ping(server.peerId(), List.of(address)).block(WAIT)).isPositive();
        client.connect(server.peerId(), List.of()).flatMap(c -> c.close()).block(WAIT);
      }
    } finally {
      client.close().block(WAIT);
      server.close().block(WAIT);
    }
  }

  @Test
  void aHostIsDialedByDnsName() {
    Libp2pHost server = host(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")));
    Libp2pHost client = host(List.of());
    try {
      String port = server.listenAddresses().get(0).toString().replaceFirst(".*/tcp/", "");
      Multiaddr byName = Multiaddr.parse("/dns4/localhost/tcp/" + port);
      assertThat(client.ping(server.peerId(), List.of(byName)).block(WAIT)).isPositive();
    } finally {
      client.close().block(WAIT);
      server.close().block(WAIT);
    }
  }

  @Test
  void aWildcardListenAddressIsAdvertisedAsTheInterfaceAddresses() {
    Libp2pHost server = host(List.of(Multiaddr.parse("/ip4/0.0.0.0/tcp/0")));
    try {
      assertThat(server.listenAddresses())
          .isNotEmpty()
          .noneMatch(a -> a.toString().startsWith("/ip4/0.0.0.0/"))
          .anyMatch(a -> a.toString().startsWith("/ip4/127.0.0.1/tcp/"));
    } finally {
      server.close().block(WAIT);
    }
  }

  @Test
  void aClosedHostsPortCanBeBoundAtOnce() throws IOException {
    Libp2pHost server = host(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")));
    int port =
        Integer.parseInt(server.listenAddresses().get(0).toString().replaceFirst(".*/tcp/", ""));
    server.close().block(WAIT);

    try (ServerSocket again = new ServerSocket()) {
      again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  private static boolean ipv6LoopbackWorks() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}

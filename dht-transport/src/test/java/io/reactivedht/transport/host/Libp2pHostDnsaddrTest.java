package io.reactivedht.transport.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.Seeds;
import io.reactivedht.transport.config.HostOptions;
import io.reactivedht.transport.connection.DialException;
import io.reactivedht.transport.dns.DnsaddrResolver;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A host dials a local node through a {@code /dnsaddr} name that a fake DNS maps to the node's
 * loopback address.
 */
class Libp2pHostDnsaddrTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final SecureRandom random = Seeds.random(53);
  private final PeerId stranger =
      PeerId.fromPublicKey(Ed25519PrivateKey.generate(random).publicKey());
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private Libp2pHost node;
  private Libp2pHost dialer;

  @BeforeEach
  void start() {
    node =
        Libp2pHost.start(
                HostOptions.defaults(Ed25519PrivateKey.generate(random)), Schedulers.parallel())
            .block(WAIT);
    Multiaddr tcp = node.listenAddresses().get(0);
    String port = tcp.toString().substring(tcp.toString().lastIndexOf('/') + 1);
    Map<String, List<String>> zone =
        Map.of(
            "_dnsaddr.bootstrap.test",
                List.of("dnsaddr=/dnsaddr/node.bootstrap.test/p2p/" + node.peerId()),
            "_dnsaddr.node.bootstrap.test",
                List.of(
                    "dnsaddr=/ip4/127.0.0.1/udp/"
                        + port
                        + "/quic-v1/p2p/"
                        + node.peerId(), // not TCP: never dialed
                    "dnsaddr=/ip4/127.0.0.1/tcp/1/p2p/" + stranger, // another peer's
                    "dnsaddr=" + tcp.withPeerId(node.peerId())),
            "_dnsaddr.empty.test",
                List.of("dnsaddr=/ip4/127.0.0.1/udp/1/quic-v1/p2p/" + node.peerId()));
    DnsaddrResolver fake =
        new DnsaddrResolver(
            name -> {
              asked.add(name);
              return Mono.justOrEmpty(zone.get(name))
                  .switchIfEmpty(Mono.error(new IllegalStateException("NXDOMAIN")));
            });
    dialer =
        Libp2pHost.start(
                HostOptions.defaults(Ed25519PrivateKey.generate(random)),
                Schedulers.parallel(),
                fake)
            .block(WAIT);
  }

  @AfterEach
  void stop() {
    dialer.close().block(WAIT);
    node.close().block(WAIT);
  }

  @Test
  void dialsTheTcpAddressTheNameResolvesToForThatPeer() {
    // as a --bootstrap PeerInfo carries it: the /p2p part stripped, the peer id given separately
    Duration rtt =
        dialer.ping(node.peerId(), List.of(Multiaddr.parse("/dnsaddr/bootstrap.test"))).block(WAIT);

    assertThat(rtt).isNotNull();
    assertThat(dialer.connectedPeers()).containsExactly(node.peerId());
    assertThat(asked).containsExactly("_dnsaddr.bootstrap.test", "_dnsaddr.node.bootstrap.test");
  }

  @Test
  void anOpenConnectionIsReusedWithoutResolvingAgain() {
    dialer.ping(node.peerId(), List.of(Multiaddr.parse("/dnsaddr/bootstrap.test"))).block(WAIT);
    asked.clear();

    dialer.ping(node.peerId(), List.of(Multiaddr.parse("/dnsaddr/bootstrap.test"))).block(WAIT);

    assertThat(asked).isEmpty();
    assertThat(dialer.connectionCount()).isEqualTo(1);
  }

  @Test
  void aNameWithoutTcpAddressesOrAnUnknownNameLeavesNothingToDial() {
    for (String name : List.of("/dnsaddr/empty.test", "/dnsaddr/unknown.test")) {
      assertThatThrownBy(
              () -> dialer.connect(node.peerId(), List.of(Multiaddr.parse(name))).block(WAIT))
          .as(name)
          .isInstanceOf(DialException.class)
          .hasMessageContaining("no addresses");
    }
  }
}

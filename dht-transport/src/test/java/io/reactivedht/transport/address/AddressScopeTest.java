package io.reactivedht.transport.address;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.multiaddr.Multiaddr;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressScopeTest {
  @ParameterizedTest
  @CsvSource({
    "/ip4/8.8.8.8/tcp/4001, PUBLIC",
    "/ip6/2001:4860:4860::8888/tcp/4001, PUBLIC",
    "/ip4/10.1.2.3/tcp/4001, PRIVATE",
    "/ip4/172.16.0.1/tcp/4001, PRIVATE",
    "/ip4/192.168.1.5/tcp/4001, PRIVATE",
    "/ip4/100.64.0.1/tcp/4001, PRIVATE",
    "/ip6/fd00::1/tcp/4001, PRIVATE",
    "/ip4/127.0.0.1/tcp/4001, LOOPBACK",
    "/ip4/127.0.0.42/tcp/4001, LOOPBACK",
    "/ip6/::1/tcp/4001, LOOPBACK",
    "/ip4/169.254.1.1/tcp/4001, LINK_LOCAL",
    "/ip6/fe80::1/tcp/4001, LINK_LOCAL",
    "/ip4/0.0.0.0/tcp/4001, OTHER",
    "/ip4/224.0.0.1/tcp/4001, OTHER",
    "/dns4/example.com/tcp/4001, OTHER",
    "/ip4/8.8.8.8/udp/4001/quic-v1, OTHER"
  })
  void eachAddressHasItsScope(String address, AddressScope scope) {
    assertThat(AddressScope.of(Multiaddr.parse(address))).isEqualTo(scope);
  }

  @ParameterizedTest(name = "{0} public: {1}")
  @CsvSource({
    "127.0.0.1, false", "10.1.2.3, false", "192.168.1.1, false", "172.16.0.1, false",
        "100.64.0.1, false",
    "169.254.1.1, false", "0.0.0.0, false", "::1, false", "fd00::1, false", "fe80::1, false",
    "8.8.8.8, true", "100.128.0.1, true", "2001:4860:4860::8888, true",
  })
  void publicAddressesAreTellable(String ip, boolean expected) throws Exception {
    assertThat(AddressScope.isPublic(InetAddress.getByName(ip))).isEqualTo(expected);
  }

  @Test
  void aPublicNodeDialsOnlyPublicAndNamedAddressesItLearned() {
    List<Multiaddr> learned =
        List.of(
            Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"),
            Multiaddr.parse("/ip4/192.168.1.5/tcp/4001"),
            Multiaddr.parse("/ip4/8.8.8.8/tcp/4001"),
            Multiaddr.parse("/ip4/169.254.1.1/tcp/4001"),
            Multiaddr.parse("/dns4/example.com/tcp/4001"),
            Multiaddr.parse("/ip6/fd00::1/tcp/4001"));

    assertThat(AddressScope.dialable(learned, true))
        .containsExactly(
            Multiaddr.parse("/ip4/8.8.8.8/tcp/4001"),
            Multiaddr.parse("/dns4/example.com/tcp/4001"));
    assertThat(AddressScope.dialable(learned, false)).isEqualTo(learned);
  }
}

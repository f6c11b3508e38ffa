package io.reactivedht.transport.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class InboundPerIpTest {
  private static InetSocketAddress at(String ip, int port) {
    return new InetSocketAddress(ip, port);
  }

  @Test
  void eachIpv4AddressHasItsOwnSlots() {
    InboundPerIp perIp = new InboundPerIp(2);

    assertThat(perIp.tryTake(at("127.0.0.2", 1000))).isTrue();
    assertThat(perIp.tryTake(at("127.0.0.2", 1001))).isTrue();
    assertThat(perIp.tryTake(at("127.0.0.2", 1002))).isFalse();
    assertThat(perIp.tryTake(at("127.0.0.3", 1000))).isTrue();

    perIp.give(at("127.0.0.2", 1000));
    assertThat(perIp.tryTake(at("127.0.0.2", 1003))).isTrue();
  }

  @Test
  void anIpv6HostCannotDodgeTheLimitWithinItsSlash56() {
    InboundPerIp perIp = new InboundPerIp(1);

    assertThat(perIp.tryTake(at("2001:db8:0:100::1", 1))).isTrue();
    assertThat(perIp.tryTake(at("2001:db8:0:1ff::2", 1))).as("same /56").isFalse();
    assertThat(perIp.tryTake(at("2001:db8:0:200::1", 1))).as("another /56").isTrue();
  }

  @Test
  void givingBackEverySlotForgetsTheSource() {
    InboundPerIp perIp = new InboundPerIp(3);
    perIp.tryTake(at("10.0.0.1", 1));
    perIp.give(at("10.0.0.1", 1));

    assertThat(perIp.count(at("10.0.0.1", 2))).isZero();
  }
}

package io.reactivedht.core.peerinfo;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerInfoTest {
  private static final PeerId PEER =
      PeerId.fromBytes(
          hex("0024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"));
  private static final PeerId OTHER =
      PeerId.fromBytes(
          hex("00240801122003a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"));
  private static final Multiaddr TCP = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001");

  @Test
  void keepsAddressesWithoutTheirPeerId() {
    PeerInfo info = PeerInfo.of(PEER, Multiaddr.parse("/ip4/127.0.0.1/tcp/4001/p2p/" + PEER), TCP);
    assertThat(info.addresses()).containsExactly(TCP, TCP);
    assertThat(info.addresses().get(0).toString()).isEqualTo("/ip4/127.0.0.1/tcp/4001");
    assertThat(info).isEqualTo(PeerInfo.of(PEER, TCP, TCP));
  }

  @Test
  void keepsARelayAddressWhoseLastComponentIsNotAPeerId() {
    Multiaddr circuit = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001/p2p/" + OTHER + "/p2p-circuit");
    assertThat(PeerInfo.of(PEER, circuit).addresses()).containsExactly(circuit);
  }

  @Test
  void refusesAnAddressOfAnotherPeer() {
    assertThatThrownBy(() -> PeerInfo.of(PEER, TCP.withPeerId(OTHER)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names another peer");
  }

  @Test
  void copiesTheList() {
    List<Multiaddr> addresses = new ArrayList<>(List.of(TCP));
    PeerInfo info = new PeerInfo(PEER, addresses);
    addresses.clear();
    assertThat(info.addresses()).containsExactly(TCP);
    assertThatThrownBy(() -> info.addresses().add(TCP))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}

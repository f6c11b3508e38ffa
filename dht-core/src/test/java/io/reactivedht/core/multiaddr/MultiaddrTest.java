package io.reactivedht.core.multiaddr;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Multiaddr API around peer ids and composition, its size bound, and values a strict codec
 * refuses.
 */
class MultiaddrTest {
  private static final String ED_ID = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";
  private static final String RSA_ID = "QmWz7RvovBbQkKEPiRoqfCfCTYe6sA7dEkXLEsejutL8Ly";
  private static final Multiaddr TCP = Multiaddr.parse("/ip4/1.2.3.4/tcp/4001");

  @Test
  void readsTheTrailingPeerId() {
    assertThat(Multiaddr.parse("/ip4/1.2.3.4/tcp/4001/p2p/" + ED_ID).peerId())
        .contains(PeerId.parse(ED_ID));
    assertThat(Multiaddr.parse("/p2p/" + RSA_ID).peerId()).contains(PeerId.parse(RSA_ID));
    assertThat(TCP.peerId()).isEmpty();
    // a relay's id is not the peer id of a circuit address
    assertThat(Multiaddr.parse("/ip4/1.2.3.4/tcp/4001/p2p/" + RSA_ID + "/p2p-circuit").peerId())
        .isEmpty();
    assertThat(
            Multiaddr.parse("/ip4/1.2.3.4/tcp/4001/p2p/" + RSA_ID + "/p2p-circuit/p2p/" + ED_ID)
                .peerId())
        .contains(PeerId.parse(ED_ID));
  }

  @Test
  void addsAndReplacesThePeerId() {
    PeerId ed = PeerId.parse(ED_ID);
    PeerId rsa = PeerId.parse(RSA_ID);
    assertThat(TCP.withPeerId(ed).toString()).isEqualTo("/ip4/1.2.3.4/tcp/4001/p2p/" + ED_ID);
    assertThat(TCP.withPeerId(ed).withPeerId(rsa).toString())
        .isEqualTo("/ip4/1.2.3.4/tcp/4001/p2p/" + RSA_ID);
    assertThat(Multiaddr.parse("/p2p/" + ED_ID).withPeerId(rsa).toString())
        .isEqualTo("/p2p/" + RSA_ID);
    // ip4 1.2.3.4, tcp 4001, p2p (code 421 = a5 03) with a 38-byte identity multihash
    assertThat(TCP.withPeerId(ed).bytes())
        .isEqualTo(
            hex(
                "0401020304"
                    + "060fa1"
                    + "a50326"
                    + "0024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"));
  }

  @Test
  void removesOnlyATrailingPeerId() {
    assertThat(Multiaddr.parse("/ip4/1.2.3.4/tcp/4001/p2p/" + ED_ID).withoutPeerId())
        .isEqualTo(TCP);
    assertThat(TCP.withoutPeerId()).isSameAs(TCP);
    Multiaddr circuit = Multiaddr.parse("/ip4/1.2.3.4/tcp/4001/p2p/" + RSA_ID + "/p2p-circuit");
    assertThat(circuit.withoutPeerId()).isSameAs(circuit);
    // a multiaddr has at least one component, so a bare /p2p/<id> stays as it is
    Multiaddr bare = Multiaddr.parse("/p2p/" + ED_ID);
    assertThat(bare.withoutPeerId()).isSameAs(bare);
  }

  @Test
  void encapsulates() {
    Multiaddr relayed = TCP.encapsulate(Multiaddr.parse("/p2p/" + RSA_ID + "/p2p-circuit"));
    assertThat(relayed.toString())
        .isEqualTo("/ip4/1.2.3.4/tcp/4001/p2p/" + RSA_ID + "/p2p-circuit");
    assertThat(relayed).isEqualTo(Multiaddr.parse(relayed.toString()));
    assertThat(relayed.components()).hasSize(4);
  }

  @Test
  void readsComponentValues() {
    Multiaddr addr = Multiaddr.parse("/dns4/example.com/udp/443/quic-v1/p2p/" + ED_ID);
    assertThat(addr.valueOf(Protocol.DNS4)).contains("example.com");
    assertThat(addr.valueOf(Protocol.UDP)).contains("443");
    assertThat(addr.valueOf(Protocol.QUIC_V1)).contains("");
    assertThat(addr.valueOf(Protocol.P2P)).contains(ED_ID);
    assertThat(addr.valueOf(Protocol.TCP)).isEmpty();
    assertThat(addr.has(Protocol.QUIC_V1)).isTrue();
    assertThat(addr.has(Protocol.IP4)).isFalse();
    // the first of repeated protocols
    assertThat(
            Multiaddr.parse("/ip4/1.2.3.4/tcp/1/p2p/" + RSA_ID + "/p2p-circuit/p2p/" + ED_ID)
                .valueOf(Protocol.P2P))
        .contains(RSA_ID);
  }

  @Test
  void acceptsExactlyMaxBytes() {
    // /dns4/<name>: 1 code byte + 2 length bytes + the name
    String name = "a".repeat(Multiaddr.MAX_BYTES - 3);
    Multiaddr atLimit = Multiaddr.parse("/dns4/" + name);
    assertThat(atLimit.bytes()).hasSize(Multiaddr.MAX_BYTES);
    assertThat(Multiaddr.fromBytes(atLimit.bytes())).isEqualTo(atLimit);

    assertThatThrownBy(() -> Multiaddr.parse("/dns4/" + name + "a"))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("1024");
    byte[] over = Arrays.copyOf(atLimit.bytes(), Multiaddr.MAX_BYTES + 1);
    over[2] = (byte) (over[2] + 1); // length 1022 instead of 1021
    over[over.length - 1] = 'a';
    assertThatThrownBy(() -> Multiaddr.fromBytes(over))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("1024");
    assertThatThrownBy(() -> atLimit.encapsulate(Multiaddr.parse("/tcp/1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Multiaddr.parse("/" + "tcp/1/".repeat(700)))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void refusesComponentsOfTheWrongSize() {
    assertThatThrownBy(() -> new Component(Protocol.IP4, new byte[3]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Component(Protocol.TCP, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Component(Protocol.QUIC_V1, new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Component(Protocol.DNS4, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Component(Protocol.P2P, new byte[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Multiaddr.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThat(
            Multiaddr.of(List.of(new Component(Protocol.IP4, new byte[] {1, 2, 3, 4}))).toString())
        .isEqualTo("/ip4/1.2.3.4");
  }

  /**
   * Decoding the binary form refuses the /p2p/ values the text parser refuses, so both forms always
   * round trip.
   */
  @Test
  void refusesP2pValuesThatAreNoPeerId() {
    byte[] blake2b = Multihash.of(0xb220, new byte[32]).bytes();
    byte[] addr = new byte[3 + blake2b.length];
    addr[0] = (byte) 0xa5;
    addr[1] = 0x03;
    addr[2] = (byte) blake2b.length;
    System.arraycopy(blake2b, 0, addr, 3, blake2b.length);
    assertThatThrownBy(() -> Multiaddr.fromBytes(addr)).isInstanceOf(DecodingException.class);
    // an identity multihash whose digest is not a key protobuf
    assertThatThrownBy(() -> Multiaddr.fromBytes(hex("a503" + "05" + "0003010203")))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void keepsNonBmpCharactersInUnixPaths() {
    Multiaddr unix = Multiaddr.parse("/unix/tmp/\uD83D\uDE80.sock");
    assertThat(new String(unix.components().get(0).value(), StandardCharsets.UTF_8))
        .isEqualTo("tmp/\uD83D\uDE80.sock");
    assertThat(unix.toString()).isEqualTo("/unix/tmp%2F%F0%9F%9A%80.sock");
    assertThat(Multiaddr.parse(unix.toString())).isEqualTo(unix);
  }

  @Test
  void refusesNonAsciiDigitsInPercentEscapes() {
    assertThatThrownBy(() -> Multiaddr.parse("/unix/a%\u0662F"))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void copiesComponentValues() {
    byte[] value = {1, 2, 3, 4};
    Component c = new Component(Protocol.IP4, value);
    value[0] = 9;
    c.value()[1] = 9;
    assertThat(c.toString()).isEqualTo("/ip4/1.2.3.4");
  }
}

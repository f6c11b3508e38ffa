package io.reactivedht.transport.identify;

import static io.reactivedht.transport.identify.IdentifyTest.ALICE_ID;
import static io.reactivedht.transport.identify.IdentifyTest.BOB_ID;
import static io.reactivedht.transport.identify.IdentifyTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.transport.identify.IdentifyException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifyCodecTest {
  /**
   * The js-libp2p peer record envelope of WIRE §15.7 (identical to {@code @libp2p/peer-record}
   * RecordEnvelope.seal): seed 7e0830…ee7d, seq 1700000000000, /ip4/127.0.0.1/tcp/4001 and
   * /ip6/::1/tcp/4001.
   */
  private static final String JS_ENVELOPE =
      ""
          + "0a24080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"
          + "120203011a530a260024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e1080d095ffbc31"
          + "1a0a0a08047f000001060fa11a160a142900000000000000000000000000000001060fa12a40de83a8eeb897aabde52b476c4828ebb67"
          + "ea6b286f0595e6b9572c84e458c266a1e187c68931a9cba2d2185bf25a3ba61e390d99f1107be2e7e9be67974747402";

  /**
   * An Identify message as a js-libp2p 3.3 node sends it, assembled by hand from WIRE §9.1 (no
   * captured identify bytes exist in the repository): js's field order (5, 6, 1, 2, 4, 3, 8), its
   * protocol and agent versions, an observed address carrying {@code /p2p} of the observer's view
   * of us (WIRE §7), and the real js envelope above.
   */
  private static final String JS_IDENTIFY =
      ""
          + "2a0a"
          + "697066732f302e312e30" // protocolVersion "ipfs/0.1.0"
          + "321d"
          + "6a732d6c69627032702f332e332e3131206e6f64652f32302e32302e32" // "js-libp2p/3.3.11
          // node/20.20.2"
          + "0a24"
          + "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e" // publicKey
          + "1208"
          + "047f000001060fa1" // listenAddrs /ip4/127.0.0.1/tcp/4001
          + "1214"
          + "2900000000000000000000000000000001060fa1" // listenAddrs /ip6/::1/tcp/4001
          + "2231"
          + "047f000001"
          + "06d431"
          + "a50326" // observedAddr /ip4/127.0.0.1/tcp/54321/p2p/<38 bytes>
          + "0024080112203b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29"
          + "1a0e"
          + "2f697066732f69642f312e302e30" // protocols "/ipfs/id/1.0.0"
          + "1a10"
          + "2f697066732f70696e672f312e302e30" // "/ipfs/ping/1.0.0"
          + "1a0f"
          + "2f697066732f6b61642f312e302e30" // "/ipfs/kad/1.0.0"
          + "42c101"
          + JS_ENVELOPE; // signedPeerRecord, 193 bytes

  @Test
  void aJsIdentifyMessageDecodes() {
    IdentifyInfo info = IdentifyCodec.decode(List.of(hex(JS_IDENTIFY)), ALICE_ID);

    assertThat(info.peerId()).isEqualTo(ALICE_ID);
    assertThat(info.protocolVersion()).isEqualTo("ipfs/0.1.0");
    assertThat(info.agentVersion()).isEqualTo("js-libp2p/3.3.11 node/20.20.2");
    assertThat(info.protocols())
        .containsExactly("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0", "/ipfs/kad/1.0.0");
    assertThat(info.listenAddresses())
        .containsExactly(
            Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"), Multiaddr.parse("/ip6/::1/tcp/4001"));
    assertThat(info.observedAddress())
        .isEqualTo(Multiaddr.parse("/ip4/127.0.0.1/tcp/54321/p2p/" + BOB_ID));
    assertThat(info.peerRecord().seq()).isEqualTo(1_700_000_000_000L);
    assertThat(info.addresses())
        .containsExactly(
            Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"), Multiaddr.parse("/ip6/::1/tcp/4001"));
    assertThat(info.signedPeerRecord().encode()).isEqualTo(hex(JS_ENVELOPE));
  }

  @Test
  void theJsMessageFromAnotherPeerIsRejected() {
    assertThatThrownBy(() -> IdentifyCodec.decode(List.of(hex(JS_IDENTIFY)), BOB_ID))
        .isInstanceOfSatisfying(
            IdentifyException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PEER_MISMATCH))
        .hasMessageContaining(BOB_ID.toString());
  }

  @Test
  void reEncodingTheJsMessageKeepsEveryField() {
    IdentifyInfo info = IdentifyCodec.decode(List.of(hex(JS_IDENTIFY)), ALICE_ID);
    byte[] ours = IdentifyCodec.encode(info);

    // protobuf-java writes fields in number order (1, 2, 3, 4, 5, 6, 8), js in declaration order:
    // same size, same info
    assertThat(ours).hasSameSizeAs(hex(JS_IDENTIFY));
    assertThat(IdentifyCodec.decode(List.of(ours), ALICE_ID)).isEqualTo(info);
  }
}

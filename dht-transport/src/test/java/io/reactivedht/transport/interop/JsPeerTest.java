package io.reactivedht.transport.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Protocol;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.reactor.config.Mode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One js peer on its own: its identity, its listener's first bytes, the driver's error paths. */
@Tag("interop")
@Timeout(120)
class JsPeerTest {
  private static final HexFormat HEX = HexFormat.of();

  /** docs/WIRE.md §15.2: this seed gives 12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq. */
  private static final byte[] SEED =
      HEX.parseHex("7e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d");

  private static JsPeer peer;

  @BeforeAll
  static void start() {
    peer = JsPeer.start(JsPeer.Options.defaults().withSeed(SEED));
  }

  @AfterAll
  static void stop() {
    if (peer != null) {
      peer.close();
    }
  }

  @Test
  void seededPeerHasThePeerIdOfItsEd25519Key() {
    assertThat(peer.peerId())
        .isEqualTo(PeerId.parse("12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq"));
    assertThat(peer.peerId())
        .isEqualTo(PeerId.fromPublicKey(Ed25519PrivateKey.fromSeed(SEED).publicKey()));
  }

  @Test
  void announcesLoopbackTcpAddressesNamingItself() {
    assertThat(peer.addrs())
        .isNotEmpty()
        .allSatisfy(
            addr -> {
              assertThat(addr.valueOf(Protocol.IP4)).contains("127.0.0.1");
              assertThat(addr.peerId()).contains(peer.peerId());
            });
    assertThat(peer.tcpPort()).isPositive();
    assertThat(peer.startMode()).isEqualTo(Mode.SERVER);
  }

  @Test
  void listenerSpeaksMultistreamSelectAndAcceptsNoise() throws Exception {
    // docs/WIRE.md §3.1: varint length (text + '\n'), text, '\n'.
    byte[] header = HEX.parseHex("13" + "2f6d756c746973747265616d2f312e302e30" + "0a");
    byte[] noise = HEX.parseHex("07" + "2f6e6f697365" + "0a");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", peer.tcpPort()), 10_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(header);
      out.write(noise);
      out.flush();
      InputStream in = socket.getInputStream();
      assertThat(in.readNBytes(header.length)).as("multistream header").isEqualTo(header);
      assertThat(in.readNBytes(noise.length)).as("/noise echoed").isEqualTo(noise);
    }
  }

  @Test
  void anUnknownCommandFailsWithTheJsError() {
    assertThatThrownBy(() -> peer.call("noSuchCommand", Map.of(), Duration.ofSeconds(10)))
        .isInstanceOf(JsPeerException.class)
        .hasMessageContaining("unknown command noSuchCommand")
        .hasMessageContaining("recent output");
  }

  @Test
  void aClientModePeerSaysSo() {
    try (JsPeer client = JsPeer.start(JsPeer.Options.defaults().asClient())) {
      assertThat(client.startMode()).isEqualTo(Mode.CLIENT);
      assertThat(client.peerId()).isNotEqualTo(peer.peerId());
    }
  }
}

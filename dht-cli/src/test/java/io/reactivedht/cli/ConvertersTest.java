package io.reactivedht.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.TypeConversionException;

/** Durations, bootstrap addresses, record keys and the JSON writer. */
class ConvertersTest {
  private static final String PEER = "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({
    "500ms, 500",
    "30s, 30000",
    "2m, 120000",
    "1h, 3600000",
    "1d, 86400000",
    "PT30S, 30000",
    "pt1m30s, 90000"
  })
  void durations(String text, long millis) {
    assertThat(Converters.duration(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void badDurations() {
    for (String bad : List.of("", "30", "3x", "-1s", "0s", "PT-5S")) {
      assertThatThrownBy(() -> Converters.duration(bad))
          .as(bad)
          .isInstanceOf(TypeConversionException.class);
    }
  }

  @Test
  void aBootstrapAddressSplitsIntoPeerAndAddress() {
    var peer = new Converters.BootstrapPeer().convert("/ip4/1.2.3.4/tcp/4001/p2p/" + PEER);
    assertThat(peer.id()).hasToString(PEER);
    assertThat(peer.addresses())
        .extracting(Object::toString)
        .containsExactly("/ip4/1.2.3.4/tcp/4001");
  }

  @Test
  void aDnsaddrBootstrapAddressKeepsTheNameForTheDialerToResolve() {
    var peer =
        new Converters.BootstrapPeer()
            .convert(
                "/dnsaddr/bootstrap.libp2p.io/p2p/QmNnooDu7bfjPFoTZYxMNLWUQJyrVwtbZg5gBMjTezGAJN");
    assertThat(peer.id()).hasToString("QmNnooDu7bfjPFoTZYxMNLWUQJyrVwtbZg5gBMjTezGAJN");
    assertThat(peer.addresses())
        .extracting(Object::toString)
        .containsExactly("/dnsaddr/bootstrap.libp2p.io");
    assertThat(
            new Converters.BootstrapPeer()
                .convert("/dnsaddr/bootstrap.libp2p.io/ipfs/" + PEER)
                .id())
        .hasToString(PEER);
  }

  @Test
  void aDnsaddrBootstrapAddressWithoutPeerIdIsRefusedWithAnExample() {
    assertThatThrownBy(() -> new Converters.BootstrapPeer().convert("/dnsaddr/bootstrap.libp2p.io"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage(
            "'/dnsaddr/bootstrap.libp2p.io': a /dnsaddr address needs the peer id too: "
                + "/dnsaddr/<host>/p2p/<peer id>, e.g. /dnsaddr/bootstrap.libp2p.io/p2p/"
                + "QmNnooDu7bfjPFoTZYxMNLWUQJyrVwtbZg5gBMjTezGAJN");
    assertThatThrownBy(() -> new Converters.BootstrapPeer().convert("/ip4/1.2.3.4/tcp/4001"))
        .hasMessage("'/ip4/1.2.3.4/tcp/4001': no /p2p/<peer id> at the end");
  }

  @Test
  void pkKeysBecomeThePrefixAndTheBinaryPeerId() {
    byte[] id = PeerId.parse(PEER).bytes();
    assertThat(HexFormat.of().formatHex(RecordKeys.recordKey("/pk/" + PEER, "KEY")))
        .isEqualTo(
            HexFormat.of().formatHex("/pk/".getBytes(StandardCharsets.US_ASCII))
                + HexFormat.of().formatHex(id));
    // WIRE.md: a /pk/ key of an Ed25519 peer starts 2f 70 6b 2f 00 24 08 01 12 20
    assertThat(HexFormat.of().formatHex(RecordKeys.recordKey("/pk/" + PEER, "KEY")))
        .startsWith("2f706b2f0024080112");
  }

  @Test
  void ipnsKeysAcceptBothTextForms() {
    IpnsName name = new IpnsName(PeerId.parse(PEER));
    assertThat(RecordKeys.recordKey("/ipns/" + PEER, "KEY")).isEqualTo(name.routingKey());
    assertThat(RecordKeys.recordKey("/ipns/" + name, "KEY")).isEqualTo(name.routingKey());
    assertThat(HexFormat.of().formatHex(name.routingKey())).startsWith("2f69706e732f0024080112");
  }

  @Test
  void lookupKeys() {
    Cid cid = Cid.parse("bafkreihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc7y");
    assertThat(RecordKeys.lookupKey(cid.toString())).isEqualTo(cid.multihash().bytes());
    assertThat(RecordKeys.lookupKey(PEER)).isEqualTo(PeerId.parse(PEER).bytes());
    assertThat(RecordKeys.lookupKey("hello")).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void jsonEscapesAndNests() {
    String json =
        Json.object()
            .put("s", "a\"b\\c\n\u0001")
            .put("n", 7)
            .put("b", true)
            .put("l", List.of("x", "y"))
            .put("z", null)
            .toString();
    assertThat(json)
        .isEqualTo(
            "{\"s\":\"a\\\"b\\\\c\\n\\u0001\",\"n\":7,\"b\":true,\"l\":[\"x\",\"y\"],\"z\":null}");
    assertThat(Cli.parseObject(json).get("s").asText()).isEqualTo("a\"b\\c\n\u0001");
  }
}

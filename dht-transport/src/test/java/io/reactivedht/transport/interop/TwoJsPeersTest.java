package io.reactivedht.transport.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.validation.PublicKeyValidator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two js peers in DHT server mode, B having dialled A: proves the driver and the js peer (routing
 * tables, identify, ping, records, providers, IPNS) before a Java node takes one side.
 */
@Tag("interop")
@Timeout(120)
class TwoJsPeersTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] SEED_A = HEX.parseHex("a1".repeat(32));
  private static final byte[] SEED_B = HEX.parseHex("b2".repeat(32));
  private static final Duration SETTLE = Duration.ofSeconds(30);

  private static JsPeer a;
  private static JsPeer b;

  @BeforeAll
  static void startAndConnect() {
    a = JsPeer.start(JsPeer.Options.defaults().withSeed(SEED_A));
    b = JsPeer.start(JsPeer.Options.defaults().withSeed(SEED_B));
    b.dial(a.addrs().get(0));
    Eventually.await(
        "A has B in its routing table",
        SETTLE,
        a::routingTable,
        peers -> peers.contains(b.peerId()));
    Eventually.await(
        "B has A in its routing table",
        SETTLE,
        b::routingTable,
        peers -> peers.contains(a.peerId()));
  }

  @AfterAll
  static void stop() {
    for (JsPeer peer : new JsPeer[] {b, a}) {
      if (peer != null) {
        peer.close();
      }
    }
  }

  @Test
  void eachIsConnectedToAndRoutesToTheOther() {
    assertThat(a.connections()).containsExactly(b.peerId());
    assertThat(b.connections()).containsExactly(a.peerId());
    assertThat(a.routingTable()).containsExactly(b.peerId());
    assertThat(b.routingTable()).containsExactly(a.peerId());
  }

  @Test
  void identifyToldEachTheOthersProtocolsAndListenAddress() {
    JsPeer.Identified aboutA = b.identified(a.peerId());
    assertThat(aboutA.protocols())
        .contains("/ipfs/kad/1.0.0", "/ipfs/id/1.0.0", "/ipfs/ping/1.0.0");
    assertThat(aboutA.addrs()).contains(a.tcpAddr().toString());
    assertThat(aboutA.agentVersion()).isNotBlank();
    assertThat(a.identified(b.peerId()).protocols()).contains("/ipfs/kad/1.0.0");
  }

  @Test
  void pingsTheOther() {
    assertThat(a.ping(b.addrs().get(0))).isGreaterThanOrEqualTo(Duration.ZERO);
  }

  @Test
  void findsTheOtherPeerByLookup() {
    assertThat(a.findPeer(b.peerId()))
        .map(PeerInfo::addresses)
        .hasValueSatisfying(addresses -> assertThat(addresses).contains(b.tcpAddr()));
    assertThat(b.closestPeers(a.peerId().bytes())).contains(a.peerId());
  }

  @Test
  void publicKeyRecordPutByOneIsFoundByTheOther() {
    Ed25519PrivateKey keyOfA = Ed25519PrivateKey.fromSeed(SEED_A);
    PeerId idOfA = PeerId.fromPublicKey(keyOfA.publicKey());
    byte[] key = concat("/pk/".getBytes(StandardCharsets.US_ASCII), idOfA.bytes());
    byte[] value = keyOfA.publicKey().encoded();
    new PublicKeyValidator().validate(Record.of(key, value), Instant.EPOCH);

    a.put(key, value);
    List<byte[]> found = b.get(key);

    assertThat(found).isNotEmpty().allSatisfy(v -> assertThat(v).isEqualTo(value));
  }

  @Test
  void providerAnnouncedByOneIsFoundByTheOther() {
    Cid cid =
        Cid.v1(Cid.RAW, Multihash.sha256("reactive-dht interop".getBytes(StandardCharsets.UTF_8)));

    a.provide(cid);
    List<PeerInfo> providers = b.findProviders(cid);

    assertThat(providers).extracting(PeerInfo::id).containsExactly(a.peerId());
  }

  @Test
  void ipnsNamePublishedByOneResolvesAtTheOther() {
    String path =
        "/ipfs/"
            + Cid.v1(Cid.RAW, Multihash.sha256("ipns target".getBytes(StandardCharsets.UTF_8)));

    Record published = b.publishIpns(path, 7, Duration.ofHours(1));

    assertThat(published.key())
        .isEqualTo(concat("/ipns/".getBytes(StandardCharsets.US_ASCII), b.peerId().bytes()));
    assertThat(a.resolveIpns(b.peerId())).contains(new JsPeer.IpnsValue(path, 7));
  }

  private static byte[] concat(byte[] first, byte[] second) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(first);
    out.writeBytes(second);
    return out.toByteArray();
  }
}

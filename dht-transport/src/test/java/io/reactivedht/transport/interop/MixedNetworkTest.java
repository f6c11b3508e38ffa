package io.reactivedht.transport.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.Mode;
import io.reactivedht.reactor.provider.ProvideResult;
import io.reactivedht.reactor.value.PutResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A mixed network of 6 Java and 4 js-libp2p DHT servers, joined through one Java bootstrap node and
 * settled (every server has the 9 others in its routing table), plus a Java and a js DHT client
 * outside it that only ask: lookups, IPNS and public key records, providers and peer routing work
 * across the two implementations in both directions. The clients never receive PUT_VALUE or
 * ADD_PROVIDER (they are in no routing table), so what they find came over the wire from the
 * servers.
 */
@Tag("interop")
@Timeout(120)
class MixedNetworkTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final int JAVA_SERVERS = 6;
  private static final int JS_SERVERS = 4;
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final Duration OPERATION = Duration.ofSeconds(60);

  /**
   * A fixed end of life for the IPNS records published here: far ahead, so no clock decides the
   * outcome.
   */
  private static final Instant IPNS_VALIDITY = Instant.parse("2100-01-01T00:00:00Z");

  private static final AutoCloseables NODES = new AutoCloseables();
  private static final List<JavaNode> java = new ArrayList<>();
  private static final List<JsPeer> js = new ArrayList<>();

  /** A Java DHT client that starts out knowing one js server only. */
  private static JavaNode javaClient;

  /** A js DHT client that starts out knowing the Java bootstrap node only. */
  private static JsPeer jsClient;

  @BeforeAll
  static void startTheNetwork() {
    JavaNode bootstrap = NODES.add(JavaNode.server(201));
    java.add(bootstrap);
    for (int i = 0; i < JS_SERVERS; i++) {
      JsPeer peer = NODES.add(JsPeer.start(JsPeer.Options.defaults().withSeed(jsSeed(i))));
      peer.dial(bootstrap.p2pAddr());
      js.add(peer);
    }
    for (int i = 1; i < JAVA_SERVERS; i++) {
      JavaNode node = NODES.add(JavaNode.start(201 + i, Mode.SERVER, List.of(bootstrap.info())));
      node.bootstrap();
      java.add(node);
    }
    // the js servers only know the bootstrap node and the Java nodes that asked them: a self lookup
    // meets the rest
    for (JsPeer peer : js) {
      peer.closestPeers(peer.peerId().bytes());
    }
    for (JavaNode node : java) {
      Eventually.await(
          node + " has every other server in its routing table (awaiting the missing ones)",
          SETTLE,
          () -> missingServers(node.peerId(), node.dht().routingTablePeers()),
          List::isEmpty);
    }
    // js pings a new contact before adding it (an adaptive timeout, 5 s at least): on a busy
    // machine a ping can miss,
    // and js tries again only when the peer shows up again, so a js peer still missing servers
    // looks itself up again
    for (JsPeer peer : js) {
      Eventually.await(
          peer + " has every other server in its routing table (awaiting the missing ones)",
          SETTLE,
          () -> missingServersAfterNudge(peer),
          List::isEmpty);
    }

    javaClient = NODES.add(JavaNode.start(301, Mode.CLIENT, List.of()));
    javaClient.connect(js.get(0));
    Eventually.await(
        "the Java client has its js server in its routing table",
        SETTLE,
        () -> javaClient.dht().routingTablePeers(),
        peers -> peers.contains(js.get(0).peerId()));
    jsClient = NODES.add(JsPeer.start(JsPeer.Options.defaults().withSeed(jsSeed(9)).asClient()));
    jsClient.dial(bootstrap.p2pAddr());
    Eventually.await(
        "the js client has the bootstrap node in its routing table",
        SETTLE,
        jsClient::routingTable,
        peers -> peers.contains(bootstrap.peerId()));
  }

  @AfterAll
  static void stopTheNetwork() {
    NODES.close();
  }

  // 2. closest peers

  @Test
  void aJavaServerFindsTheTrueClosestPeersToARandomKey() {
    byte[] key = randomKey(1);
    JavaNode asker = java.get(3);

    List<PeerId> found =
        asker.dht().findClosestPeers(key).map(PeerInfo::id).collectList().block(OPERATION);

    assertThat(found)
        .containsExactlyElementsOf(trueClosest(key, othersThan(asker.peerId(), serverIds())));
  }

  @Test
  void aJsServerFindsTheTrueClosestPeersToARandomKey() {
    byte[] key = randomKey(2);
    JsPeer asker = js.get(1);

    List<PeerId> found = asker.closestPeers(key);

    assertThat(found)
        .containsExactlyInAnyOrderElementsOf(
            trueClosest(key, othersThan(asker.peerId(), serverIds())));
  }

  @Test
  void theJavaClientFindsTheTrueClosestServers() {
    byte[] key = randomKey(3);

    List<PeerId> found =
        javaClient.dht().findClosestPeers(key).map(PeerInfo::id).collectList().block(OPERATION);

    assertThat(found).containsExactlyElementsOf(trueClosest(key, serverIds()));
  }

  @Test
  void theJsClientFindsTheTrueClosestServers() {
    byte[] key = randomKey(4);

    assertThat(jsClient.closestPeers(key))
        .containsExactlyInAnyOrderElementsOf(trueClosest(key, serverIds()));
  }

  // 3. IPNS

  @Test
  void anIpnsNamePublishedByAJavaNodeResolvesAtAJsNode() {
    JavaNode publisher = java.get(1);
    String path = ipfsPath("published by Java");
    IpnsRecord record =
        IpnsRecord.create(
            publisher.identity(),
            path.getBytes(StandardCharsets.UTF_8),
            3,
            IPNS_VALIDITY,
            Duration.ofMinutes(5),
            false);

    PutResult put =
        publisher.dht().putValue(ipnsKey(publisher.peerId()), record.encode()).block(OPERATION);

    assertThat(put.accepted()).containsAll(jsServerIds());
    assertThat(jsClient.resolveIpns(publisher.peerId())).contains(new JsPeer.IpnsValue(path, 3));
  }

  @Test
  void anIpnsNamePublishedByAJsNodeResolvesAtAJavaNode() {
    JsPeer publisher = js.get(1);
    String path = ipfsPath("published by js");

    Record published = publisher.publishIpns(path, 5, Duration.ofHours(1));
    Record found = javaClient.dht().getValue(ipnsKey(publisher.peerId()), 2).block(OPERATION);

    assertThat(found.value()).isEqualTo(published.value());
    IpnsRecord resolved = IpnsRecord.decode(found.value());
    assertThat(resolved.path()).isEqualTo(path);
    assertThat(resolved.sequence()).isEqualTo(5);
  }

  // 4. public key records

  @Test
  void aPublicKeyRecordPutByAJavaNodeIsFoundByAJsNode() {
    JavaNode owner = java.get(2);
    byte[] key = pkKey(owner.peerId());
    byte[] publicKey = owner.identity().publicKey().encoded();

    PutResult put = owner.dht().putValue(key, publicKey).block(OPERATION);
    List<byte[]> found = jsClient.get(key);

    assertThat(put.accepted()).containsAll(jsServerIds());
    assertThat(found).isNotEmpty().allSatisfy(value -> assertThat(value).isEqualTo(publicKey));
  }

  @Test
  void aPublicKeyRecordPutByAJsNodeIsFoundByAJavaNode() {
    JsPeer owner = js.get(0);
    byte[] key = pkKey(owner.peerId());
    byte[] publicKey = Ed25519PrivateKey.fromSeed(jsSeed(0)).publicKey().encoded();

    owner.put(key, publicKey);
    Record found = javaClient.dht().getValue(key, 2).block(OPERATION);

    assertThat(found.value()).isEqualTo(publicKey);
  }

  // 5. providers

  @Test
  void aJavaProviderIsFoundByAJsNode() {
    JavaNode provider = java.get(2);
    Cid cid = cid("provided by Java");

    ProvideResult provided = provider.dht().provide(cid).block(OPERATION);
    List<PeerInfo> found = jsClient.findProviders(cid);

    assertThat(provided.reached()).containsAll(jsServerIds());
    assertThat(found).extracting(PeerInfo::id).containsExactly(provider.peerId());
    assertThat(withoutPeerIds(found.get(0))).containsAll(provider.transport().listenAddresses());
  }

  @Test
  void aJsProviderIsFoundByAJavaNode() {
    JsPeer provider = js.get(3);
    Cid cid = cid("provided by js");

    provider.provide(cid);
    PeerInfo found = javaClient.dht().findProviders(cid).take(1).single().block(OPERATION);

    assertThat(found.id()).isEqualTo(provider.peerId());
    assertThat(withoutPeerIds(found)).contains(provider.tcpAddr());
  }

  // 6. peer routing

  @Test
  void aJavaNodeFindsAJsPeer() {
    JsPeer target = js.get(2);

    PeerInfo found = javaClient.dht().findPeer(target.peerId()).block(OPERATION);

    assertThat(found.id()).isEqualTo(target.peerId());
    assertThat(withoutPeerIds(found)).contains(target.tcpAddr());
  }

  @Test
  void aJsNodeFindsAJavaPeer() {
    JavaNode target = java.get(4);

    PeerInfo found = jsClient.findPeer(target.peerId()).orElseThrow();

    assertThat(found.id()).isEqualTo(target.peerId());
    assertThat(withoutPeerIds(found)).containsAll(target.transport().listenAddresses());
  }

  // the expected results, computed from the peer ids alone

  /**
   * The min(k, n) of {@code peers} closest to {@code key} (hashed into the keyspace), closest
   * first.
   */
  private static List<PeerId> trueClosest(byte[] key, List<PeerId> peers) {
    Key target = Key.of(key);
    return peers.stream()
        .sorted(Comparator.comparing(PeerId::key, target.byDistance()))
        .limit(DhtOptions.defaults().k())
        .toList();
  }

  /**
   * The servers missing from a js peer's routing table; if any, it runs a self lookup, meeting them
   * again.
   */
  private static List<String> missingServersAfterNudge(JsPeer peer) {
    List<String> missing = missingServers(peer.peerId(), peer.routingTable());
    if (!missing.isEmpty()) {
      peer.closestPeers(peer.peerId().bytes());
    }
    return missing;
  }

  /**
   * The servers other than {@code self} that are not in {@code table}, named by role: java[i] or
   * js[i].
   */
  private static List<String> missingServers(PeerId self, List<PeerId> table) {
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < java.size(); i++) {
      PeerId id = java.get(i).peerId();
      if (!id.equals(self) && !table.contains(id)) {
        missing.add("java[" + i + "] " + id);
      }
    }
    for (int i = 0; i < js.size(); i++) {
      PeerId id = js.get(i).peerId();
      if (!id.equals(self) && !table.contains(id)) {
        missing.add("js[" + i + "] " + id);
      }
    }
    return missing;
  }

  private static List<PeerId> serverIds() {
    return Stream.concat(java.stream().map(JavaNode::peerId), jsServerIds().stream()).toList();
  }

  private static List<PeerId> jsServerIds() {
    return js.stream().map(JsPeer::peerId).toList();
  }

  private static List<PeerId> othersThan(PeerId self, List<PeerId> peers) {
    return peers.stream().filter(peer -> !peer.equals(self)).toList();
  }

  private static List<Multiaddr> withoutPeerIds(PeerInfo peer) {
    return peer.addresses().stream().map(Multiaddr::withoutPeerId).toList();
  }

  private static byte[] randomKey(long seed) {
    byte[] key = new byte[32];
    new SplittableRandom(seed).nextBytes(key);
    return key;
  }

  private static byte[] jsSeed(int index) {
    return HEX.parseHex(String.format("%02x", 0x21 + index).repeat(32));
  }

  private static Cid cid(String content) {
    return Cid.v1(Cid.RAW, Multihash.sha256(content.getBytes(StandardCharsets.UTF_8)));
  }

  private static String ipfsPath(String content) {
    return "/ipfs/" + cid(content);
  }

  private static byte[] ipnsKey(PeerId name) {
    return concat("/ipns/", name.bytes());
  }

  private static byte[] pkKey(PeerId owner) {
    return concat("/pk/", owner.bytes());
  }

  private static byte[] concat(String prefix, byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(prefix.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(bytes);
    return out.toByteArray();
  }
}

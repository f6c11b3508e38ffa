package io.reactivedht.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.peer.PeerId;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-only one-shots through a running {@code dht daemon --http} ({@code --api URL}, or {@code
 * --datastore DIR} and its api file) print what they print when they join the network themselves,
 * and fall back to joining when no daemon answers.
 */
class ReadOneShotTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir static Path dir;

  private static HttpDaemon serving;
  private static LoopbackNetwork network;
  private static DaemonProcess daemon;
  private static String url;
  private static Path store;

  @BeforeAll
  static void start() throws Exception {
    serving = HttpDaemon.start(dir);
    network = serving.network();
    daemon = serving.daemon();
    url = serving.url();
    store = serving.store();
  }

  @AfterAll
  static void stop() throws Exception {
    if (serving != null) {
      serving.close();
    }
  }

  @Test
  void findProvidersThroughTheApiPrintsWhatTheStandaloneOnePrints() {
    Cid cid = DaemonHttpTest.freshCid();
    network.node(1).provide(cid).block(TIMEOUT);
    String provider = network.node(1).localPeer().toString();

    for (String format : List.of("--json", "--max=20")) { // JSON, then human lines
      Cli.Result standalone = standalone("find-providers", cid.toString(), format);
      Cli.Result through = throughApi("find-providers", cid.toString(), format);
      assertThat(through.out()).isEqualTo(standalone.out()).contains(provider).hasLineCount(1);
      assertThat(through.err()).isEmpty();
    }
    assertThat(throughApi("find-providers", cid.toString(), "--json").json())
        .singleElement()
        .satisfies(
            o ->
                assertThat(o.get("addrs").get(0).asText())
                    .isEqualTo(network.address(1).toString()));
  }

  @Test
  void noProvidersIsTheSameNoteEitherWay() {
    Cid nobodys = DaemonHttpTest.freshCid();
    Cli.Result standalone = standalone("find-providers", nobodys.toString());
    Cli.Result through = throughApi("find-providers", nobodys.toString());
    assertThat(through.out()).isEmpty();
    assertThat(through.err())
        .isEqualTo(standalone.err())
        .isEqualTo("no providers found for " + nobodys + System.lineSeparator());
  }

  @Test
  void findPeerThroughTheApiPrintsWhatTheStandaloneOnePrints() {
    String peer = network.node(2).localPeer().toString();
    Cli.Result through = throughApi("find-peer", peer, "--json");
    assertThat(through.out()).isEqualTo(standalone("find-peer", peer, "--json").out());
    assertThat(through.json())
        .singleElement()
        .satisfies(o -> assertThat(o.get("id").asText()).isEqualTo(peer));
  }

  @Test
  void closestPeersOfAnyKeyComeFromTheDaemonsDhtOnlyEndpoint() {
    List<String> servers = new ArrayList<>();
    network.nodes().forEach(n -> servers.add(n.localPeer().toString()));
    for (String key : List.of("hello", "/pk/" + servers.get(1), servers.get(2))) {
      Cli.Result through = throughApi("closest-peers", key, "--json");
      // the daemon asks the others: itself is not among its answers, where a client finds it
      List<String> standalone = new ArrayList<>(ids(standalone("closest-peers", key, "--json")));
      standalone.remove(daemon.ready().get("peerId").asText());
      assertThat(ids(through)).as(key).containsExactlyElementsOf(standalone);
      assertThat(ids(through)).containsExactlyInAnyOrderElementsOf(servers);
    }
  }

  @Test
  void getAndIpnsResolveThroughTheApiPrintWhatTheStandaloneOnesPrint() throws IOException {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(new SecureRandom());
    PeerId id = PeerId.fromPublicKey(key.publicKey());
    IpnsName name = new IpnsName(id);
    String path = "/ipfs/bafkreihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc7y";
    IpnsRecord record =
        IpnsRecord.create(
            key,
            path.getBytes(StandardCharsets.UTF_8),
            3,
            Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS),
            Duration.ofMinutes(5),
            true);
    network.node(2).putValue(name.routingKey(), record.encode()).block(TIMEOUT);
    network
        .node(0)
        .putValue(RecordKeys.recordKey("/pk/" + id, "KEY"), key.publicKey().encoded())
        .block(TIMEOUT);

    Path outFile = dir.resolve("pk.bin");
    for (List<String> args :
        List.of(
            List.of("get", "/pk/" + id, "--json"),
            List.of("get", "/ipns/" + name, "--quorum", "1"),
            List.of("ipns", "resolve", name.toString(), "--json"),
            List.of("ipns", "resolve", "/ipns/" + name, "--quorum", "2", "--json"))) {
      String[] command = args.toArray(String[]::new);
      Cli.Result through = throughApi(command);
      assertThat(through.out()).as(args.toString()).isEqualTo(standalone(command).out());
      assertThat(through.out()).isNotEmpty();
    }
    assertThat(throughApi("ipns", "resolve", name.toString()).out().strip()).isEqualTo(path);
    throughApi("get", "/pk/" + id, "--out", outFile.toString());
    assertThat(Files.readAllBytes(outFile)).isEqualTo(key.publicKey().encoded());
  }

  @Test
  void aMissingRecordIsTheSameOneLineErrorThroughTheApi() {
    String absent =
        "/pk/" + PeerId.fromPublicKey(Ed25519PrivateKey.generate(new SecureRandom()).publicKey());
    Cli.Result through = Cli.run("get", "--api", url, "--quorum", "1", absent);
    assertThat(through.exit()).as(through.toString()).isEqualTo(1);
    assertThat(through.out()).isEmpty();
    assertThat(through.err())
        .isEqualTo("dht: KEY: " + absent + ": no valid record found" + System.lineSeparator());
    String name = new IpnsName(PeerId.parse(absent.substring(4))).toString();
    Cli.Result resolve = Cli.run("ipns", "resolve", "--api", url, name);
    assertThat(resolve.exit()).as(resolve.toString()).isEqualTo(1);
    assertThat(resolve.err())
        .isEqualTo("dht: NAME: " + name + ": no valid record found" + System.lineSeparator());
  }

  @Test
  void theDatastoreLeadsToTheDaemonThroughItsApiFile() {
    Cid cid = DaemonHttpTest.freshCid();
    network.node(2).provide(cid).block(TIMEOUT);
    Cli.Result through =
        Cli.run("find-providers", cid.toString(), "--datastore", store.toString(), "--json");
    assertThat(through.exit()).as(through.toString()).isZero();
    assertThat(through.err()).as("no fallback note").isEmpty();
    assertThat(through.out())
        .isEqualTo(standalone("find-providers", cid.toString(), "--json").out());
  }

  @Test
  void whenNoDaemonAnswersTheOneShotJoinsTheNetworkItselfWithANote() throws IOException {
    String closed = "http://127.0.0.1:" + closedPort();
    Cid cid = DaemonHttpTest.freshCid();
    network.node(0).provide(cid).block(TIMEOUT);
    Cli.Result fallback =
        Cli.run(
            "find-providers",
            cid.toString(),
            "--api",
            closed,
            "--bootstrap",
            network.bootstrap(2),
            "--json");
    assertThat(fallback.exit()).as(fallback.toString()).isZero();
    assertThat(fallback.out())
        .isEqualTo(standalone("find-providers", cid.toString(), "--json").out());
    assertThat(fallback.err())
        .startsWith("dht: no daemon answers at " + closed + " (")
        .endsWith("); joining the network through --bootstrap instead" + System.lineSeparator())
        .hasLineCount(1);

    Cli.Result nowhere = Cli.run("find-providers", cid.toString(), "--api", closed);
    assertThat(nowhere.exit()).as(nowhere.toString()).isEqualTo(1);
    assertThat(nowhere.out()).isEmpty();
    assertThat(nowhere.err())
        .startsWith("dht: --api: no daemon answers at " + closed + " (")
        .endsWith(
            "; give --bootstrap too, to join the network when it does not"
                + System.lineSeparator());
  }

  @Test
  void aDatastoreWithoutAnApiFileMeansJoiningTheNetwork() {
    Path empty = dir.resolve("no-daemon");
    Cid cid = DaemonHttpTest.freshCid();
    Cli.Result fallback =
        Cli.run(
            "find-providers",
            cid.toString(),
            "--datastore",
            empty.toString(),
            "--bootstrap",
            network.bootstrap(1));
    assertThat(fallback.exit()).as(fallback.toString()).isZero();
    assertThat(fallback.err())
        .startsWith(
            "dht: "
                + empty.resolve("api")
                + ": no daemon with --http runs on this datastore; joining the network through "
                + "--bootstrap instead");

    Cli.Result nowhere = Cli.run("find-providers", cid.toString(), "--datastore", empty.toString());
    assertThat(nowhere.exit()).as(nowhere.toString()).isEqualTo(1);
    assertThat(nowhere.err())
        .isEqualTo(
            "dht: --datastore: "
                + empty.resolve("api")
                + ": no daemon with --http runs on this datastore; give --bootstrap to join the "
                + "network"
                + System.lineSeparator());
  }

  private static List<String> ids(Cli.Result result) {
    return result.json().stream().map(o -> o.get("id").asText()).toList();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The command joining the network itself, through the first node; it must succeed. */
  private static Cli.Result standalone(String... args) {
    return succeeded(args, "--bootstrap", network.bootstrap(0));
  }

  /** The command through the daemon's API; it must succeed. */
  private static Cli.Result throughApi(String... args) {
    return succeeded(args, "--api", url);
  }

  private static Cli.Result succeeded(String[] args, String option, String value) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(option, value, "--timeout", "30s"));
    Cli.Result result = Cli.run(all.toArray(String[]::new));
    assertThat(result.exit()).as("%s%ndaemon stderr: %s", result, daemon.stderr()).isZero();
    return result;
  }
}

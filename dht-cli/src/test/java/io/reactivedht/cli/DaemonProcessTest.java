package io.reactivedht.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.KeyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dht daemon --json} runs in another JVM; the one-shot commands run in this one against it,
 * as a user would run them from a shell.
 */
class DaemonProcessTest {
  @TempDir static Path dir;

  private static Process daemon;
  private static Path daemonLog;
  private static JsonNode ready;
  private static String bootstrap;
  private static String daemonId;

  @BeforeAll
  static void startDaemon() throws Exception {
    DaemonProcess started =
        DaemonProcess.start(
            dir.resolve("daemon.err"),
            List.of(
                "--listen",
                "/ip4/127.0.0.1/tcp/0",
                "--datastore",
                dir.resolve("store").toString()));
    daemon = started.process();
    daemonLog = started.log();
    ready = started.ready();
    bootstrap = ready.get("addrs").get(0).asText();
    daemonId = ready.get("peerId").asText();
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    if (daemon != null) {
      daemon.destroy(); // SIGTERM: the shutdown hook closes the node
      if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
        daemon.destroyForcibly();
        throw new AssertionError("the daemon did not stop on SIGTERM; stderr: " + log());
      }
    }
  }

  private static String log() {
    try {
      return Files.readString(daemonLog);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  @Test
  void readyLineNamesThePeerAndItsAddresses() {
    assertThat(ready.get("event").asText()).isEqualTo("ready");
    assertThat(PeerId.parse(daemonId).toString()).isEqualTo(daemonId);
    assertThat(bootstrap).startsWith("/ip4/127.0.0.1/tcp/").endsWith("/p2p/" + daemonId);
    assertThat(dir.resolve("store").resolve("identity.key")).exists();
    assertThat(
            PeerId.fromPublicKey(
                    KeyFile.load(dir.resolve("store").resolve("identity.key")).publicKey())
                .toString())
        .isEqualTo(daemonId);
  }

  @Test
  void putAndGetAPublicKeyRecord() throws IOException {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(new SecureRandom());
    String recordKey = "/pk/" + PeerId.fromPublicKey(key.publicKey());
    Path value = dir.resolve("pk.bin");
    Files.write(value, key.publicKey().encoded());

    Cli.Result put = run("put", recordKey, value.toString());
    assertThat(put.json())
        .singleElement()
        .satisfies(o -> assertThat(o.get("accepted").asInt()).isEqualTo(1));

    Cli.Result get = run("get", recordKey, "--quorum", "1");
    JsonNode got = get.json().get(0);
    assertThat(get.json()).hasSize(1);
    assertThat(Base64.getDecoder().decode(got.get("value").asText()))
        .isEqualTo(key.publicKey().encoded());
    assertThat(got.get("size").asInt()).isEqualTo(key.publicKey().encoded().length);
  }

  @Test
  void publishAndResolveAnIpnsName() {
    Path identity = dir.resolve("ipns.key");
    String path = "/ipfs/bafkreihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc7y";
    Cli.Result first = run("ipns", "publish", "--identity", identity.toString(), path);
    JsonNode published = first.json().get(0);
    String name = published.get("name").asText();
    assertThat(name).startsWith("k51");
    assertThat(PeerId.parse(name))
        .isEqualTo(PeerId.fromPublicKey(KeyFile.load(identity).publicKey()));
    assertThat(published.get("sequence").asLong()).isZero();

    Cli.Result resolved = run("ipns", "resolve", name, "--quorum", "1");
    assertThat(resolved.json())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.get("name").asText()).isEqualTo(name);
              assertThat(o.get("value").asText()).isEqualTo(path);
              assertThat(o.get("sequence").asLong()).isZero();
            });

    String next = "/ipfs/bafkreif3de2iyaugvixlr3y7t3ybvcfmf54spamsy7uqasnimzeenqpr4a";
    assertThat(
            run("ipns", "publish", "--identity", identity.toString(), next)
                .json()
                .get(0)
                .get("sequence")
                .asLong())
        .as("the next sequence follows the record in the DHT")
        .isEqualTo(1);
    assertThat(
            run("ipns", "resolve", "/ipns/" + name, "--quorum", "1")
                .json()
                .get(0)
                .get("value")
                .asText())
        .isEqualTo(next);
  }

  @Test
  void provideThenFindTheProvider() {
    Path identity = dir.resolve("provider.key");
    Cid cid =
        Cid.v1(Cid.RAW, Multihash.sha256("dht-cli test content".getBytes(StandardCharsets.UTF_8)));
    Cli.Result provide = run("provide", "--identity", identity.toString(), cid.toString());
    assertThat(provide.json())
        .singleElement()
        .satisfies(o -> assertThat(o.get("reached").asInt()).isEqualTo(1));
    String provider = PeerId.fromPublicKey(KeyFile.load(identity).publicKey()).toString();

    // The provide one-shot has exited; its record lives on the daemon.
    Cli.Result found = run("find-providers", cid.toString(), "--max", "5");
    assertThat(found.json())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.get("id").asText()).isEqualTo(provider);
              assertThat(o.get("addrs").isArray()).isTrue();
              assertThat(o.get("addrs").get(0).asText()).startsWith("/ip4/127.0.0.1/tcp/");
            });
  }

  @Test
  void findThePeerOfTheDaemon() {
    Cli.Result found = run("find-peer", daemonId);
    assertThat(found.json())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.get("id").asText()).isEqualTo(daemonId);
              List<String> addrs = new ArrayList<>();
              o.get("addrs").forEach(a -> addrs.add(a.asText()));
              assertThat(addrs).contains(bootstrap.substring(0, bootstrap.indexOf("/p2p/")));
            });
  }

  @Test
  void closestPeersOfAnyKeyIncludeTheDaemon() {
    Cli.Result closest = run("closest-peers", "hello");
    assertThat(closest.json()).extracting(o -> o.get("id").asText()).containsExactly(daemonId);
  }

  @Test
  void humanOutputIsOneLinePerResult() {
    Cli.Result found = Cli.run("find-peer", "--bootstrap", bootstrap, daemonId);
    assertThat(found.exit()).as(found.toString()).isZero();
    assertThat(found.lines())
        .singleElement()
        .asString()
        .startsWith(daemonId + " /ip4/127.0.0.1/tcp/");
  }

  @Test
  void aMissingRecordIsAOneLineError() {
    String absent =
        "/pk/" + PeerId.fromPublicKey(Ed25519PrivateKey.generate(new SecureRandom()).publicKey());
    Cli.Result get = Cli.run("get", "--bootstrap", bootstrap, "--quorum", "1", absent);
    assertThat(get.exit()).as(get.toString()).isEqualTo(1);
    assertThat(get.out()).isEmpty();
    assertThat(get.err())
        .isEqualTo("dht: KEY: " + absent + ": no valid record found" + System.lineSeparator());
  }

  /**
   * Runs a one-shot against the daemon with --json; it must succeed and print only JSON objects.
   */
  private static Cli.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--bootstrap", bootstrap, "--json", "--timeout", "30s"));
    Cli.Result result = Cli.run(all.toArray(String[]::new));
    assertThat(result.exit()).as("%s%ndaemon stderr: %s", result, log()).isZero();
    assertThat(result.json()).as(result.toString()).isNotEmpty();
    return result;
  }
}

package io.reactivedht.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.validation.NamespacedValidator;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.reactor.Dht;
import io.reactivedht.testkit.sim.Simulation;
import io.reactivedht.testkit.sim.SimulationOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the snippets on a 40-node in-memory network (virtual time), and checks the README quotes
 * them as they are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LookupStreamsTest {
  private Simulation network;
  private Dht publisher;
  private Dht reader;
  private byte[] key;
  private IpnsRecord newer;

  @BeforeAll
  void formNetworkAndPublish() {
    network =
        new Simulation(
            SimulationOptions.defaults()
                .withNodes(40)
                .withLookups(0)
                .withOperations(0, 0)
                .withSeed(3),
            line -> {});
    network.run();
    publisher = network.nodes().get(0);
    reader = network.nodes().get(25);
    Ed25519PrivateKey owner = Ed25519PrivateKey.fromSeed(new byte[32]);
    key = new IpnsName(PeerId.fromPublicKey(owner.publicKey())).routingKey();
    Instant eol = Instant.parse("2099-01-01T00:00:00Z");
    IpnsRecord older =
        IpnsRecord.create(owner, value("/ipfs/bafkqaaa"), 1, eol, Duration.ofMinutes(5), false);
    newer = IpnsRecord.create(owner, value("/ipfs/bafkqaab"), 2, eol, Duration.ofMinutes(5), false);
    network.await(publisher.putValue(key, older.encode()));
    // The newer record reaches only the three peers closest to the key: the others stay outdated.
    List<PeerInfo> closest =
        network.await(publisher.findClosestPeers(key).collectList()).orElseThrow();
    for (PeerInfo peer : closest.subList(0, 3)) {
      network.await(
          network
              .transportOf(publisher.localPeer())
              .send(peer, new DhtRequest.PutValue(Record.of(key, newer.encode()))));
    }
  }

  private static byte[] value(String path) {
    return path.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void watchLookupStreamsOneLinePerAnsweringPeer() {
    List<String> lines =
        network.await(LookupStreams.watchLookup(reader, key).collectList()).orElseThrow();

    assertThat(lines)
        .isNotEmpty()
        .allMatch(line -> line.matches("\\w+ hop \\d+, \\d+ ms, \\d+ closer peers"));
  }

  @Test
  void bestOfTakesTheQuorumAndSelects() {
    Record best =
        network
            .await(LookupStreams.bestOf(reader, key, 16, NamespacedValidator.defaults()))
            .orElseThrow();

    assertThat(best.value()).isEqualTo(newer.encode());
  }

  @Test
  void resolveAndCorrectReportsThePeersThatTookTheBestRecord() {
    long corrected = network.await(LookupStreams.resolveAndCorrect(reader, key, 20)).orElseThrow();

    assertThat(corrected).isPositive();
    Record after = network.await(reader.getValue(key, 20)).orElseThrow();
    assertThat(Arrays.equals(after.value(), newer.encode())).isTrue();
  }

  @Test
  void theReadmeQuotesEverySnippetAsItIs() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("README.md")) || !Files.exists(root.resolve("dht-core"))) {
      root = root.getParent();
    }
    String readme = Files.readString(root.resolve("README.md"));
    String source =
        Files.readString(
            root.resolve(
                "examples/embedded/src/main/java/io/reactivedht/examples/embedded/LookupStreams.java"));
    Matcher snippets =
        Pattern.compile("  // snippet: (\\w+)\n(.*?)  // end snippet", Pattern.DOTALL)
            .matcher(source);
    int found = 0;
    while (snippets.find()) {
      found++;
      assertThat(readme)
          .as("the README quotes snippet '%s'", snippets.group(1))
          .contains(snippets.group(2));
    }
    assertThat(found).isEqualTo(3);
  }
}

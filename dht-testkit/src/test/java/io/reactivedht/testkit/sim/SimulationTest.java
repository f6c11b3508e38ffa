package io.reactivedht.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.Mode;
import io.reactivedht.reactor.event.DhtEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The DHT at scale: a thousand full nodes on the in-memory network under virtual time, checked
 * against global knowledge. The tests share one network and run in order (the last one silences a
 * fifth of it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulationTest {
  private static final int NODES = 1000;
  private Simulation simulation;
  private SimulationReport report;

  @BeforeAll
  void formNetwork() {
    simulation =
        new Simulation(
            SimulationOptions.defaults()
                .withNodes(NODES)
                .withLookups(100)
                .withOperations(10, 10)
                .withSeed(42),
            line -> {});
    report = simulation.run();
    System.out.println(report.toTable());
  }

  @Test
  @Order(1)
  void lookupsFindTheTrueClosestPeers() {
    assertThat(report.recallMean()).isGreaterThanOrEqualTo(0.99);
    assertThat(report.hopsP50()).isGreaterThan(0);
  }

  @Test
  @Order(2)
  void getsAndProviderSearchesSucceedFromNodesThatNeverTalkedToThePublisher() {
    assertThat(report.getSuccessRate()).isEqualTo(1.0);
    assertThat(report.getQuorumRate())
        .as("the follow-up round meets the quorum of 16")
        .isEqualTo(1.0);
    assertThat(report.findProvidersSuccessRate()).isEqualTo(1.0);
  }

  @Test
  @Order(3)
  void getWithQuorumReturnsTheNewestRecordAndCorrectsOutdatedPeers() {
    List<Dht> nodes = simulation.nodes();
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(new byte[32]);
    byte[] routingKey = new IpnsName(PeerId.fromPublicKey(key.publicKey())).routingKey();
    Instant validity =
        Instant.ofEpochMilli(simulation.network().scheduler().now(TimeUnit.MILLISECONDS))
            .plus(Duration.ofHours(24));
    byte[] older =
        IpnsRecord.create(
                key,
                "/ipfs/old".getBytes(StandardCharsets.UTF_8),
                1,
                validity,
                Duration.ofMinutes(5),
                false)
            .encode();
    byte[] newer =
        IpnsRecord.create(
                key,
                "/ipfs/new".getBytes(StandardCharsets.UTF_8),
                2,
                validity,
                Duration.ofMinutes(5),
                false)
            .encode();
    // The old record goes to the k closest peers; the new one reaches only a few of them.
    assertThat(simulation.await(nodes.get(1).putValue(routingKey, older))).isPresent();
    List<PeerInfo> closest =
        simulation.await(nodes.get(2).findClosestPeers(routingKey).collectList()).orElseThrow();
    for (PeerInfo peer : closest.subList(0, 5)) {
      simulation.await(
          simulation
              .transportOf(nodes.get(2).localPeer())
              .send(peer, new DhtRequest.PutValue(Record.of(routingKey, newer))));
    }
    Dht reader = nodes.get(nodes.size() - 1);
    List<DhtEvent.Correction> corrections = new ArrayList<>();
    Disposable watch =
        reader.events().ofType(DhtEvent.Correction.class).subscribe(corrections::add);
    Optional<Record> got = simulation.await(reader.getValue(routingKey, 16));
    simulation.await(
        Flux.never().take(Duration.ofSeconds(30), simulation.network().scheduler()).then());
    watch.dispose();
    assertThat(got).map(Record::value).hasValue(newer);
    assertThat(corrections)
        .allMatch(DhtEvent.Correction::accepted)
        .anyMatch(c -> !c.peer().equals(reader.localPeer()));
    for (DhtEvent.Correction c : corrections) {
      if (c.peer().equals(reader.localPeer())) {
        continue; // the reader's own store was corrected too
      }
      Optional<Record> stored =
          simulation.await(
              simulation
                  .transportOf(reader.localPeer())
                  .send(new PeerInfo(c.peer(), List.of()), new DhtRequest.GetValue(routingKey))
                  .map(r -> ((io.reactivedht.core.wire.DhtResponse.GetValueResponse) r).record()));
      assertThat(stored).map(Record::value).hasValue(newer);
    }
  }

  @Test
  @Order(4)
  void aClientModeNodeIsInNobodysRoutingTable() {
    Dht client = simulation.addNode(DhtOptions.defaults().withMode(Mode.CLIENT));
    simulation.await(
        client.findClosestPeers("anything".getBytes(StandardCharsets.UTF_8)).collectList());
    assertThat(client.routingTablePeers()).isNotEmpty();
    for (Dht node : simulation.nodes()) {
      assertThat(node.routingTablePeers()).doesNotContain(client.localPeer());
    }
  }

  @Test
  @Order(5)
  void lookupsStillSucceedWithAFifthOfTheNodesUnresponsive() {
    SimulationReport degraded = simulation.silenceAndMeasure(0.2, 50);
    System.out.println(degraded.toTable());
    // Silent peers still sit in honest peers' answers (each lists its k closest), so a responsive
    // peer ranked just
    // below k overall can stay unknown: recall of the true k closest responsive peers stays high,
    // not perfect.
    assertThat(degraded.recallMean()).isGreaterThanOrEqualTo(0.9);
    // A silent peer stalls at its slot timeout and no longer holds its lookup: no lookup waits for
    // the RPC timeout.
    assertThat(degraded.latencyMsP99()).isLessThan(DhtOptions.defaults().rpcTimeout().toMillis());
  }
}

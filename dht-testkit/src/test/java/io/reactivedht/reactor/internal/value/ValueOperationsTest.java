package io.reactivedht.reactor.internal.value;

import static io.reactivedht.reactor.internal.value.ValueFixtures.FAR_FUTURE;
import static io.reactivedht.reactor.internal.value.ValueFixtures.IPNS_KEY;
import static io.reactivedht.reactor.internal.value.ValueFixtures.ipns;
import static io.reactivedht.reactor.internal.value.ValueFixtures.ipnsKey;
import static io.reactivedht.reactor.internal.value.ValueNetwork.pathOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.validation.InvalidRecordException;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.MessageType;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.internal.value.ValueNetwork.Client;
import io.reactivedht.reactor.value.OutdatedRecordException;
import io.reactivedht.reactor.value.PutResult;
import io.reactivedht.reactor.value.ValueNotFoundException;
import io.reactivedht.testkit.sim.Adversary;
import io.reactivedht.testkit.sim.NetworkStats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * {@link ValueOperations} on a simulated network of 50 servers. Every operation runs under the
 * network's virtual clock, which a test advances explicitly ({@link ValueNetwork#advance}) since
 * that clock outlives one verification, which {@code StepVerifier.withVirtualTime} would dispose
 * of.
 */
class ValueOperationsTest {
  private static final int SERVERS = 50;
  private static final int K = 20;
  private static final Duration A_MINUTE = Duration.ofMinutes(1);
  private static final DhtOptions FULL_LOOKUPS = DhtOptions.defaults().withBeta(0);

  private final byte[] value = ipns("bafy-first", 1, FAR_FUTURE);

  private static void publish(ValueNetwork net, Client writer, byte[] key, byte[] value) {
    StepVerifier.create(writer.values.putValue(key, value))
        .then(() -> net.advance(A_MINUTE))
        .assertNext(result -> assertThat(result.accepted()).hasSize(K))
        .verifyComplete();
  }

  @Test
  void aValuePutOnTheClosestPeersIsFoundByAnotherNode() {
    ValueNetwork net = new ValueNetwork(SERVERS, 1, DhtOptions.defaults());
    Client writer = net.client(1001);
    List<PeerId> closest = net.closestTo(IPNS_KEY, K);

    StepVerifier.create(writer.values.putValue(IPNS_KEY, value))
        .then(() -> net.advance(A_MINUTE))
        .assertNext(
            result -> {
              assertThat(result.accepted()).containsExactlyElementsOf(closest);
              assertThat(result.failed()).isEmpty();
            })
        .verifyComplete();
    assertThat(writer.sentTo(MessageType.PUT_VALUE)).containsExactlyInAnyOrderElementsOf(closest);
    closest.forEach(peer -> assertThat(net.valueOn(peer, IPNS_KEY)).isEqualTo(value));
    assertThat(writer.store.get(IPNS_KEY).map(Record::value))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(value));

    Client reader = net.client(1002);
    StepVerifier.create(reader.values.getValue(IPNS_KEY, 16))
        .then(() -> net.advance(A_MINUTE))
        .assertNext(
            record -> {
              assertThat(record.key()).isEqualTo(IPNS_KEY);
              assertThat(pathOf(record.value())).isEqualTo("/ipfs/bafy-first");
            })
        .verifyComplete();
  }

  @Test
  void theQuorumEndsTheLookupEarly() {
    ValueNetwork net = new ValueNetwork(SERVERS, 2, FULL_LOOKUPS);
    publish(net, net.client(1001), IPNS_KEY, value);
    Client quorumReader = net.client(1002);
    Client fullReader = net.client(1003);

    StepVerifier.create(quorumReader.values.searchValue(IPNS_KEY, 3))
        .then(() -> net.advance(A_MINUTE))
        .assertNext(record -> assertThat(record.value()).isEqualTo(value))
        .verifyComplete();
    StepVerifier.create(fullReader.values.searchValue(IPNS_KEY, SERVERS + 1))
        .then(() -> net.advance(A_MINUTE))
        .assertNext(record -> assertThat(record.value()).isEqualTo(value))
        .verifyComplete();

    long quorumRequests = quorumReader.sent(MessageType.GET_VALUE);
    long fullRequests = fullReader.sent(MessageType.GET_VALUE);
    // A full lookup asks at least the k closest; the quorum of 3 stops after alpha requests and
    // their refills.
    assertThat(fullRequests).isGreaterThanOrEqualTo(K);
    assertThat(quorumRequests)
        .isLessThanOrEqualTo(FULL_LOOKUPS.alpha() + 3)
        .isLessThan(fullRequests);
    net.advance(A_MINUTE);
    assertThat(quorumReader.sent(MessageType.GET_VALUE)).isEqualTo(quorumRequests);
  }

  @Test
  void theNewerIpnsRecordWinsAndOutdatedPeersAreCorrected() {
    ValueNetwork net = new ValueNetwork(SERVERS, 3, FULL_LOOKUPS);
    byte[] older = ipns("bafy-older", 1, FAR_FUTURE);
    byte[] newer = ipns("bafy-newer", 2, FAR_FUTURE);
    List<PeerId> closest = net.closestTo(IPNS_KEY, K);
    List<PeerId> withNewer = closest.subList(0, 5);
    List<PeerId> withOlder = closest.subList(5, 15);
    List<PeerId> withNone = closest.subList(15, K);
    withNewer.forEach(peer -> net.storeOn(peer, IPNS_KEY, newer));
    withOlder.forEach(peer -> net.storeOn(peer, IPNS_KEY, older));
    Client reader = net.client(1002);
    reader.store.put(Record.of(IPNS_KEY, older).receivedAt(net.now()));
    List<String> emitted = new ArrayList<>();

    // 16 valid records exist (the local one counts), so a quorum of 20 lets the lookup run to its
    // end.
    StepVerifier.create(reader.values.searchValue(IPNS_KEY, 20))
        .then(() -> net.advance(A_MINUTE))
        .thenConsumeWhile(record -> emitted.add(pathOf(record.value())))
        .verifyComplete();
    assertThat(emitted)
        .containsExactly("/ipfs/bafy-older", "/ipfs/bafy-newer"); // local first, then better only
    net.advance(A_MINUTE);

    for (PeerId peer : closest) {
      assertThat(net.valueOn(peer, IPNS_KEY)).as("value on %s", peer).isEqualTo(newer);
    }
    assertThat(reader.store.get(IPNS_KEY).map(Record::value))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(newer));
    List<PeerId> expected = new ArrayList<>(withOlder);
    expected.addAll(withNone);
    expected.add(reader.id);
    assertThat(reader.correctedPeers()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(reader.corrections())
        .allSatisfy(
            c -> {
              assertThat(c.accepted()).isTrue();
              assertThat(c.key()).isEqualTo(IPNS_KEY);
            });
    assertThat(reader.sentTo(MessageType.PUT_VALUE)).doesNotContainAnyElementsOf(withNewer);
    assertThat(reader.values.correctionsInFlight()).isZero();
  }

  @Test
  void aCorrectionThatGetsNoAnswerIsReportedAsNotAccepted() {
    ValueNetwork net = new ValueNetwork(SERVERS, 15, FULL_LOOKUPS);
    List<PeerId> closest = net.closestTo(IPNS_KEY, K);
    closest.forEach(peer -> net.storeOn(peer, IPNS_KEY, value));
    List<PeerId> outdated = closest.subList(0, 3);
    outdated.forEach(peer -> net.storeOn(peer, IPNS_KEY, ipns("bafy-older", 0, FAR_FUTURE)));
    Client reader = net.client(1002);

    // The outdated peers answer the search, then fall silent before the corrections reach them.
    StepVerifier.create(
            reader
                .values
                .searchValue(IPNS_KEY, SERVERS + 1)
                .doOnComplete(
                    () -> outdated.forEach(peer -> net.network.setUnresponsive(peer, true))))
        .then(() -> net.advance(Duration.ofSeconds(5)))
        .thenConsumeWhile(record -> true)
        .verifyComplete();
    assertThat(reader.values.correctionsInFlight()).isOne();
    assertThat(reader.corrections()).isEmpty();
    net.advance(FULL_LOOKUPS.rpcTimeout());

    assertThat(reader.correctedPeers()).containsExactlyInAnyOrderElementsOf(outdated);
    assertThat(reader.corrections()).noneMatch(DhtEvent.Correction::accepted);
    assertThat(reader.values.correctionsInFlight()).isZero();
  }

  @Test
  void closeStopsTheCorrectionsInFlight() {
    ValueNetwork net = new ValueNetwork(SERVERS, 16, FULL_LOOKUPS);
    List<PeerId> closest = net.closestTo(IPNS_KEY, K);
    closest.forEach(peer -> net.storeOn(peer, IPNS_KEY, value));
    List<PeerId> outdated = closest.subList(0, 3);
    outdated.forEach(peer -> net.storeOn(peer, IPNS_KEY, ipns("bafy-older", 0, FAR_FUTURE)));
    Client reader = net.client(1002);

    StepVerifier.create(
            reader
                .values
                .searchValue(IPNS_KEY, SERVERS + 1)
                .doOnComplete(
                    () -> outdated.forEach(peer -> net.network.setUnresponsive(peer, true))))
        .then(() -> net.advance(Duration.ofSeconds(5)))
        .thenConsumeWhile(record -> true)
        .verifyComplete();
    assertThat(reader.values.correctionsInFlight()).isOne();
    reader.values.close();
    net.advance(A_MINUTE);

    assertThat(reader.values.correctionsInFlight()).isZero();
    assertThat(reader.corrections()).isEmpty();
    assertThat(reader.sentTo(MessageType.PUT_VALUE)).containsExactlyInAnyOrderElementsOf(outdated);
  }

  @Test
  void getValueReturnsTheNewerRecord() {
    ValueNetwork net = new ValueNetwork(SERVERS, 4, DhtOptions.defaults());
    byte[] older = ipns("bafy-older", 7, FAR_FUTURE);
    byte[] newer = ipns("bafy-newer", 8, FAR_FUTURE);
    List<PeerId> closest = net.closestTo(IPNS_KEY, K);
    for (int i = 0; i < K; i++) {
      net.storeOn(closest.get(i), IPNS_KEY, i % 2 == 0 ? older : newer);
    }
    Client reader = net.client(1002);

    StepVerifier.create(reader.values.getValue(IPNS_KEY, 4))
        .then(() -> net.advance(A_MINUTE))
        .assertNext(record -> assertThat(record.value()).isEqualTo(newer))
        .verifyComplete();
    net.advance(A_MINUTE);

    List<PeerId> holdingNewer = new ArrayList<>();
    for (int i = 1; i < K; i += 2) {
      holdingNewer.add(closest.get(i));
    }
    assertThat(reader.corrections())
        .isNotEmpty()
        .allSatisfy(
            c -> {
              assertThat(c.accepted()).isTrue();
              assertThat(holdingNewer).doesNotContain(c.peer());
              assertThat(net.valueOn(c.peer(), IPNS_KEY)).isEqualTo(newer);
            });
  }

  @Test
  void invalidRecordsFromLyingPeersAreIgnoredAndCorrected() {
    ValueNetwork net = new ValueNetwork(SERVERS, 5, FULL_LOOKUPS);
    publish(net, net.client(1001), IPNS_KEY, value);
    List<PeerId> liars = net.closestTo(IPNS_KEY, 3);
    liars.forEach(peer -> net.network.setAdversary(peer, Adversary.corruptRecords()));
    Client reader = net.client(1002);

    StepVerifier.create(reader.values.searchValue(IPNS_KEY, SERVERS + 1))
        .then(() -> net.advance(A_MINUTE))
        .assertNext(record -> assertThat(record.value()).isEqualTo(value))
        .verifyComplete();
    assertThat(reader.sentTo(MessageType.GET_VALUE)).containsAll(liars);
    net.advance(A_MINUTE);

    // Their answers count as no record: they are among the k closest, so they get the best one.
    assertThat(reader.correctedPeers()).containsExactlyInAnyOrderElementsOf(liars);
  }

  @Test
  void anInvalidPutFailsAndSendsNothing() {
    ValueNetwork net = new ValueNetwork(SERVERS, 6, DhtOptions.defaults());
    Client writer = net.client(1001);
    byte[] garbage = "not an ipns record".getBytes(StandardCharsets.UTF_8);
    byte[] unknownNamespace = "/blob/some-key".getBytes(StandardCharsets.UTF_8);

    StepVerifier.create(writer.values.putValue(IPNS_KEY, garbage))
        .then(() -> net.advance(A_MINUTE))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        InvalidRecordException.class,
                        invalid ->
                            assertThat(invalid.reason())
                                .isEqualTo(InvalidRecordException.Reason.MALFORMED_VALUE)))
        .verify();
    StepVerifier.create(writer.values.putValue(unknownNamespace, value))
        .then(() -> net.advance(A_MINUTE))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        InvalidRecordException.class,
                        invalid ->
                            assertThat(invalid.reason())
                                .isEqualTo(InvalidRecordException.Reason.UNKNOWN_NAMESPACE)))
        .verify();

    assertThat(writer.sent).isEmpty();
    assertThat(net.network.stats().requestsSent()).isZero();
    assertThat(writer.store.get(IPNS_KEY)).isEmpty();
    StepVerifier.create(writer.values.republish())
        .then(() -> net.advance(A_MINUTE))
        .verifyComplete();
    assertThat(writer.sent).isEmpty();
  }

  @Test
  void aPutOlderThanTheLocalRecordFailsAndSendsNothing() {
    ValueNetwork net = new ValueNetwork(SERVERS, 7, DhtOptions.defaults());
    Client writer = net.client(1001);
    byte[] newer = ipns("bafy-newer", 5, FAR_FUTURE);
    writer.store.put(Record.of(IPNS_KEY, newer).receivedAt(net.now()));

    StepVerifier.create(writer.values.putValue(IPNS_KEY, ipns("bafy-older", 4, FAR_FUTURE)))
        .then(() -> net.advance(A_MINUTE))
        .expectError(OutdatedRecordException.class)
        .verify();

    assertThat(writer.sent).isEmpty();
    assertThat(writer.store.get(IPNS_KEY).map(Record::value))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(newer));
  }

  @Test
  void cancellingASearchStopsItsLookupAndCorrectsNothing() {
    ValueNetwork net = new ValueNetwork(SERVERS, 8, FULL_LOOKUPS);
    publish(net, net.client(1001), IPNS_KEY, value);
    Client reader = net.client(1002);

    StepVerifier.create(reader.values.searchValue(IPNS_KEY, SERVERS + 1).take(1))
        .then(() -> net.advance(A_MINUTE))
        .expectNextCount(1)
        .verifyComplete();
    int sentAtCancel = reader.sent.size();
    NetworkStats atCancel = net.network.stats();
    net.advance(A_MINUTE);

    assertThat(sentAtCancel).isLessThan(K);
    assertThat(reader.sent).hasSize(sentAtCancel);
    assertThat(net.network.stats().minus(atCancel).requestsDelivered()).isZero();
    assertThat(reader.corrections()).isEmpty();
    assertThat(reader.values.correctionsInFlight()).isZero();
  }

  @Test
  void cancellingBeforeAnyAnswerAbandonsTheRequestsInFlight() {
    ValueNetwork net = new ValueNetwork(SERVERS, 9, DhtOptions.defaults());
    Client reader = net.client(1002);

    StepVerifier.create(reader.values.searchValue(IPNS_KEY, 16))
        .then(() -> net.advance(Duration.ofMillis(1)))
        .thenCancel()
        .verify();
    NetworkStats atCancel = net.network.stats();
    net.advance(A_MINUTE);

    assertThat(reader.sent).hasSize(DhtOptions.defaults().alpha());
    assertThat(atCancel.requestsSent()).isEqualTo(DhtOptions.defaults().alpha());
    assertThat(net.network.stats().minus(atCancel).requestsDelivered()).isZero();
    assertThat(net.network.stats().exchangesCompleted()).isZero();
  }

  @Test
  void aLocalRecordMeetsAQuorumOfOneWithoutTheNetwork() {
    ValueNetwork net = new ValueNetwork(SERVERS, 10, DhtOptions.defaults());
    Client reader = net.client(1002);
    reader.store.put(Record.of(IPNS_KEY, value).receivedAt(net.now()));

    StepVerifier.create(reader.values.getValue(IPNS_KEY, 1))
        .assertNext(record -> assertThat(record.value()).isEqualTo(value))
        .verifyComplete();
    assertThat(reader.sent).isEmpty();
  }

  @Test
  void aValueNobodyHoldsIsNotFound() {
    ValueNetwork net = new ValueNetwork(SERVERS, 11, DhtOptions.defaults());
    Client reader = net.client(1002);

    StepVerifier.create(reader.values.getValue(IPNS_KEY, 16))
        .then(() -> net.advance(A_MINUTE))
        .expectError(ValueNotFoundException.class)
        .verify();
    assertThat(reader.sent(MessageType.GET_VALUE)).isPositive();
    assertThat(reader.sent(MessageType.PUT_VALUE)).isZero();
  }

  @Test
  void republishPutsEveryLivePublishedRecordAgainAndForgetsExpiredOnes() {
    ValueNetwork net = new ValueNetwork(SERVERS, 12, DhtOptions.defaults());
    Client writer = net.client(1001);
    Ed25519PrivateKey shortLived = Ed25519PrivateKey.fromSeed(filled((byte) 1));
    byte[] shortKey = ipnsKey(shortLived);
    publish(net, writer, IPNS_KEY, value);
    publish(
        net,
        writer,
        shortKey,
        ipns(shortLived, "bafy-brief", 1, net.now().plus(Duration.ofHours(1))));
    net.advance(Duration.ofHours(2));
    List<PeerId> closest = net.closestTo(IPNS_KEY, K);
    closest.forEach(peer -> net.storeOf(peer).remove(IPNS_KEY)); // lost, e.g. by churn
    int sentBefore = writer.sent.size();

    List<PutResult> results = new ArrayList<>();
    StepVerifier.create(writer.values.republish())
        .then(() -> net.advance(A_MINUTE))
        .recordWith(() -> results)
        .thenConsumeWhile(r -> true)
        .verifyComplete();

    assertThat(results)
        .singleElement()
        .satisfies(r -> assertThat(r.accepted()).containsExactlyElementsOf(closest));
    closest.forEach(peer -> assertThat(net.valueOn(peer, IPNS_KEY)).isEqualTo(value));
    List<DhtRequest> republished =
        writer.sent.subList(sentBefore, writer.sent.size()).stream()
            .map(ValueNetwork.Client.Sent::request)
            .toList();
    assertThat(republished)
        .noneMatch(r -> r instanceof DhtRequest.FindNode f && Arrays.equals(f.key(), shortKey));
    assertThat(republished)
        .noneMatch(r -> r instanceof DhtRequest.PutValue p && Arrays.equals(p.key(), shortKey));

    StepVerifier.create(writer.values.republish())
        .then(() -> net.advance(A_MINUTE))
        .expectNextCount(1)
        .verifyComplete();
  }

  @Test
  void aBetterRecordUnderAPublishedKeyEndsItsRepublishing() {
    ValueNetwork net = new ValueNetwork(SERVERS, 13, DhtOptions.defaults());
    Client writer = net.client(1001);
    publish(net, writer, IPNS_KEY, value);
    writer.store.put(
        Record.of(IPNS_KEY, ipns("bafy-by-someone-else", 2, FAR_FUTURE)).receivedAt(net.now()));
    int sentBefore = writer.sent.size();

    StepVerifier.create(writer.values.republish())
        .then(() -> net.advance(A_MINUTE))
        .verifyComplete();

    assertThat(writer.sent).hasSize(sentBefore);
    assertThat(writer.values.unpublish(IPNS_KEY)).isFalse();
  }

  @Test
  void unpublishedRecordsAreNotPutAgain() {
    ValueNetwork net = new ValueNetwork(SERVERS, 14, DhtOptions.defaults());
    Client writer = net.client(1001);
    publish(net, writer, IPNS_KEY, value);

    assertThat(writer.values.unpublish(IPNS_KEY)).isTrue();
    int sentBefore = writer.sent.size();
    StepVerifier.create(writer.values.republish())
        .then(() -> net.advance(A_MINUTE))
        .verifyComplete();
    assertThat(writer.sent).hasSize(sentBefore);
  }

  private static byte[] filled(byte b) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, b);
    return bytes;
  }
}

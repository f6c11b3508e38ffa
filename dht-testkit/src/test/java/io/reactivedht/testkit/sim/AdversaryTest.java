package io.reactivedht.testkit.sim;

import static io.reactivedht.testkit.sim.SimFixtures.bytes;
import static io.reactivedht.testkit.sim.SimFixtures.info;
import static io.reactivedht.testkit.sim.SimFixtures.ms;
import static io.reactivedht.testkit.sim.SimFixtures.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.core.wire.DhtResponse.FindNodeResponse;
import io.reactivedht.core.wire.DhtResponse.GetProvidersResponse;
import io.reactivedht.core.wire.DhtResponse.GetValueResponse;
import io.reactivedht.reactor.spi.PeerUnreachableException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The ready-made adversaries, set on a node of a network. */
class AdversaryTest {
  private static final DhtRequest FIND_NODE = new DhtRequest.FindNode(bytes("target"));
  private static final DhtRequest.GetValue GET_VALUE = new DhtRequest.GetValue(bytes("/v/key"));
  private static final DhtRequest GET_PROVIDERS = new DhtRequest.GetProviders(bytes("multihash"));
  private static final DhtRequest PUT_VALUE =
      new DhtRequest.PutValue(Record.of(bytes("/v/put"), bytes("value")));

  private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
  private final InMemoryNetwork network = network(false);
  private final SimulatedTransport a = network.join(peer(1));
  private final SimulatedTransport liar = network.join(peer(2));

  AdversaryTest() {
    liar.serve(TestServer.honest(clock));
  }

  private InMemoryNetwork network(boolean encodeMessages) {
    return new InMemoryNetwork(
        clock,
        new SplittableRandom(9),
        NetworkConditions.ideal()
            .withLatency(LatencyModel.constant(ms(10)))
            .withDialTimeout(Duration.ofSeconds(2)),
        encodeMessages);
  }

  private DhtResponse ask(SimulatedTransport from, SimulatedTransport to, DhtRequest request) {
    Recorded<DhtResponse> exchange = Recorded.subscribe(from.send(info(to), request), clock);
    clock.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(exchange.error()).isNull();
    return exchange.value();
  }

  @Test
  void fabricatedCloserPeersReplaceTheRealOnesWithPeersThatDoNotExist() {
    network.setAdversary(liar.localPeer(), Adversary.fabricatedCloserPeers(5));

    FindNodeResponse found = (FindNodeResponse) ask(a, liar, FIND_NODE);
    GetValueResponse value = (GetValueResponse) ask(a, liar, GET_VALUE);
    GetProvidersResponse providers = (GetProvidersResponse) ask(a, liar, GET_PROVIDERS);

    assertThat(found.closerPeers())
        .hasSize(5)
        .doesNotContain(TestServer.SOME_PEER)
        .allSatisfy(
            fake -> {
              assertThat(network.contains(fake.id())).isFalse();
              assertThat(fake.addresses())
                  .singleElement()
                  .satisfies(
                      address ->
                          assertThat(address.toString())
                              .startsWith("/ip4/203.0.113.")
                              .endsWith("/tcp/4001"));
            });
    assertThat(found.closerPeers()).extracting(PeerInfo::id).doesNotHaveDuplicates();
    assertThat(value.record())
        .isEqualTo(((GetValueResponse) TestServer.answer(GET_VALUE)).record());
    assertThat(value.closerPeers()).hasSize(5).doesNotContain(TestServer.SOME_PEER);
    assertThat(providers.providers()).containsExactly(TestServer.SOME_PEER);
    assertThat(providers.closerPeers()).hasSize(5).doesNotContain(TestServer.SOME_PEER);
    assertThat(ask(a, liar, PUT_VALUE)).isEqualTo(TestServer.answer(PUT_VALUE));
  }

  @Test
  void colludingSybilsAnswerOnlyWithTheGroupMembersClosestToTheKey() {
    List<PeerInfo> group =
        java.util.stream.IntStream.range(100, 130)
            .mapToObj(i -> SimFixtures.info(network.join(peer(i))))
            .toList();
    network.setAdversary(liar.localPeer(), Adversary.colluding(group, 4));
    io.reactivedht.core.key.Key target = io.reactivedht.core.key.Key.of(bytes("target"));
    List<PeerInfo> closest =
        group.stream()
            .sorted(java.util.Comparator.comparing(p -> p.id().key(), target.byDistance()))
            .limit(4)
            .toList();

    FindNodeResponse found = (FindNodeResponse) ask(a, liar, FIND_NODE);
    GetValueResponse value = (GetValueResponse) ask(a, liar, GET_VALUE);
    GetProvidersResponse providers = (GetProvidersResponse) ask(a, liar, GET_PROVIDERS);

    assertThat(found.closerPeers()).containsExactlyElementsOf(closest);
    assertThat(value.record()).as("records withheld").isNull();
    assertThat(value.closerPeers()).hasSize(4).isSubsetOf(group);
    assertThat(providers.providers()).isEmpty();
    assertThat(providers.closerPeers()).hasSize(4).isSubsetOf(group);
    assertThat(ask(a, liar, PUT_VALUE))
        .as("puts are left alone")
        .isEqualTo(TestServer.answer(PUT_VALUE));
  }

  @Test
  void aFabricatedPeerIsUnreachable() {
    network.setAdversary(liar.localPeer(), Adversary.fabricatedCloserPeers(1));
    PeerInfo fake = ((FindNodeResponse) ask(a, liar, FIND_NODE)).closerPeers().get(0);

    Recorded<DhtResponse> dial = Recorded.subscribe(a.send(fake, FIND_NODE), clock);
    clock.advanceTimeBy(Duration.ofSeconds(5));

    assertThat(dial.error()).isInstanceOf(PeerUnreachableException.class);
    assertThat(dial.took()).isEqualTo(Duration.ofSeconds(2));
    assertThat(a.addressesOf(fake.id())).isEmpty();
  }

  @Test
  void corruptRecordsInventValuesAndProvidersButKeepCloserPeers() {
    network.setAdversary(liar.localPeer(), Adversary.corruptRecords());

    GetValueResponse value = (GetValueResponse) ask(a, liar, GET_VALUE);
    GetProvidersResponse providers = (GetProvidersResponse) ask(a, liar, GET_PROVIDERS);

    assertThat(value.record()).isNotNull();
    assertThat(value.record().key()).isEqualTo(GET_VALUE.key());
    assertThat(value.record().value()).hasSize(32).isNotEqualTo(bytes("value"));
    assertThat(value.closerPeers()).containsExactly(TestServer.SOME_PEER);
    assertThat(providers.providers())
        .hasSize(3)
        .doesNotContain(TestServer.SOME_PEER)
        .allSatisfy(fake -> assertThat(network.contains(fake.id())).isFalse());
    assertThat(providers.closerPeers()).containsExactly(TestServer.SOME_PEER);
    assertThat(ask(a, liar, FIND_NODE)).isEqualTo(TestServer.answer(FIND_NODE));
  }

  @Test
  void corruptRecordsEvenForAKeyTheNodeDoesNotHold() {
    liar.serve((from, request) -> Mono.just(new GetValueResponse(null, List.of())));
    network.setAdversary(liar.localPeer(), Adversary.corruptRecords());

    GetValueResponse value = (GetValueResponse) ask(a, liar, GET_VALUE);

    assertThat(value.record()).isNotNull();
    assertThat(value.record().key()).isEqualTo(GET_VALUE.key());
  }

  @Test
  void corruptRecordsPassTheCodecBecauseTheKeyIsRight() {
    InMemoryNetwork encoding = network(true);
    SimulatedTransport client = encoding.join(peer(1));
    SimulatedTransport encodedLiar = encoding.join(peer(2));
    encodedLiar.serve(TestServer.honest(clock));
    encoding.setAdversary(encodedLiar.localPeer(), Adversary.corruptRecords());

    GetValueResponse value = (GetValueResponse) ask(client, encodedLiar, GET_VALUE);

    assertThat(value.record().key()).isEqualTo(GET_VALUE.key());
    assertThat(value.record().value()).isNotEqualTo(bytes("value"));
  }

  @Test
  void withheldRecordsLeaveOnlyCloserPeers() {
    network.setAdversary(liar.localPeer(), Adversary.withholdRecords());

    assertThat(ask(a, liar, GET_VALUE))
        .isEqualTo(new GetValueResponse(null, List.of(TestServer.SOME_PEER)));
    assertThat(ask(a, liar, GET_PROVIDERS))
        .isEqualTo(new GetProvidersResponse(List.of(), List.of(TestServer.SOME_PEER)));
    assertThat(ask(a, liar, PUT_VALUE)).isEqualTo(TestServer.answer(PUT_VALUE));
    assertThat(ask(a, liar, FIND_NODE)).isEqualTo(TestServer.answer(FIND_NODE));
  }

  @Test
  void anyFunctionCanLieAndNullMakesTheNodeHonestAgain() {
    PeerInfo decoy = PeerInfo.of(peer(7), Multiaddr.parse("/ip4/198.51.100.1/tcp/4001"));
    network.setAdversary(
        liar.localPeer(), (request, honest, random) -> new FindNodeResponse(List.of(decoy)));
    assertThat(ask(a, liar, FIND_NODE)).isEqualTo(new FindNodeResponse(List.of(decoy)));

    network.setAdversary(liar.localPeer(), null);
    assertThat(ask(a, liar, FIND_NODE)).isEqualTo(TestServer.answer(FIND_NODE));
  }
}

package io.reactivedht.testkit.sim;

import static io.reactivedht.testkit.sim.SimFixtures.bytes;
import static io.reactivedht.testkit.sim.SimFixtures.info;
import static io.reactivedht.testkit.sim.SimFixtures.ms;
import static io.reactivedht.testkit.sim.SimFixtures.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.core.wire.MalformedMessageException;
import io.reactivedht.reactor.spi.PeerUnreachableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Requests and responses on a network with a constant 50 ms one-way delay. */
class InMemoryNetworkDeliveryTest {
  private static final Duration ONE_WAY = ms(50);
  private static final DhtRequest FIND_NODE = new DhtRequest.FindNode(bytes("target"));

  private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
  private final InMemoryNetwork network = network(false);
  private final SimulatedTransport a = network.join(peer(1));
  private final SimulatedTransport b = network.join(peer(2));
  private final TestServer server = TestServer.honest(clock);

  private InMemoryNetwork network(boolean encodeMessages) {
    return new InMemoryNetwork(
        clock,
        new SplittableRandom(1),
        NetworkConditions.ideal().withLatency(LatencyModel.constant(ONE_WAY)),
        encodeMessages);
  }

  @Test
  void theRequestArrivesAfterOneWayAndTheResponseAfterTheRoundTrip() {
    b.serve(server);
    Recorded<DhtResponse> exchange = Recorded.subscribe(a.send(info(b), FIND_NODE), clock);

    clock.advanceTimeBy(ms(49));
    assertThat(server.received()).isEmpty();
    clock.advanceTimeBy(ms(1));
    assertThat(server.received())
        .containsExactly(new TestServer.Received(a.localPeer(), FIND_NODE, ms(50)));
    clock.advanceTimeBy(ms(49));
    assertThat(exchange.isDone()).isFalse();
    clock.advanceTimeBy(ms(1));
    assertThat(exchange.value()).isEqualTo(TestServer.answer(FIND_NODE));
    assertThat(exchange.took()).isEqualTo(ms(100));
  }

  @Test
  void aSlowHandlerAddsItsTimeToTheRoundTrip() {
    b.serve((from, request) -> Mono.just(TestServer.answer(request)).delayElement(ms(30), clock));
    Recorded<DhtResponse> exchange = Recorded.subscribe(a.send(info(b), FIND_NODE), clock);

    clock.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(exchange.took()).isEqualTo(ms(130));
  }

  @Test
  void sendIsLazy() {
    b.serve(server);
    Mono<DhtResponse> notSubscribed = a.send(info(b), FIND_NODE);

    clock.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(notSubscribed).isNotNull();
    assertThat(server.received()).isEmpty();
    assertThat(network.stats().requestsSent()).isZero();
  }

  @Test
  void aRequestWithoutResponseCompletesEmptyWhenDelivered() {
    b.serve(server);
    DhtRequest addProvider = new DhtRequest.AddProvider(bytes("multihash"), List.of(info(a)));
    Recorded<DhtResponse> exchange = Recorded.subscribe(a.send(info(b), addProvider), clock);

    clock.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(exchange.isDone()).isTrue();
    assertThat(exchange.value()).isNull();
    assertThat(exchange.error()).isNull();
    assertThat(exchange.took()).isEqualTo(ONE_WAY);
    assertThat(server.received())
        .extracting(TestServer.Received::request)
        .containsExactly(addProvider);
  }

  @Test
  void aClientRefusesAfterARoundTripLikeAMultistreamNa() {
    Recorded<DhtResponse> exchange = Recorded.subscribe(a.send(info(b), FIND_NODE), clock);

    clock.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(exchange.error())
        .isInstanceOf(PeerUnreachableException.class)
        .hasMessageContaining("protocol");
    assertThat(((PeerUnreachableException) exchange.error()).peer()).isEqualTo(b.localPeer());
    assertThat(exchange.took()).isEqualTo(ms(100));
    assertThat(network.stats().requestsRefused()).isEqualTo(1);
  }

  @Test
  void aServerOfAnotherProtocolRefuses() {
    SimulatedTransport privateNode = network.join(peer(3), "/myapp/kad/1.0.0");
    privateNode.serve(server);
    assertThat(privateNode.protocolId()).isEqualTo("/myapp/kad/1.0.0");

    StepVerifier.create(a.send(info(privateNode), FIND_NODE))
        .then(() -> clock.advanceTimeBy(Duration.ofSeconds(1)))
        .expectError(PeerUnreachableException.class)
        .verify(Duration.ofSeconds(5));
    assertThat(server.received()).isEmpty();
  }

  @Test
  void aHandlerErrorResetsTheStreamAfterARoundTrip() {
    b.serve((from, request) -> Mono.error(new IllegalStateException("bad record")));
    Recorded<DhtResponse> exchange = Recorded.subscribe(a.send(info(b), FIND_NODE), clock);

    clock.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(exchange.error())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("reset");
    assertThat(exchange.error().getCause())
        .as("the remote's exception does not travel")
        .isExactlyInstanceOf(IOException.class)
        .hasNoCause();
    assertThat(exchange.took()).isEqualTo(ms(100));
    assertThat(network.stats().streamsReset()).isEqualTo(1);
  }

  @Test
  void aHandlerThatThrowsResetsTheStreamToo() {
    b.serve(
        (from, request) -> {
          throw new IllegalStateException("bug");
        });
    Recorded<DhtResponse> exchange = Recorded.subscribe(a.send(info(b), FIND_NODE), clock);

    clock.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(exchange.error()).isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void cancellingBeforeArrivalMeansTheRequestNeverArrives() {
    b.serve(server);
    Recorded<DhtResponse> exchange = Recorded.subscribe(a.send(info(b), FIND_NODE), clock);

    clock.advanceTimeBy(ms(30));
    exchange.cancel();
    clock.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(server.received()).isEmpty();
    assertThat(exchange.isDone()).isFalse();
    assertThat(network.stats().requestsDelivered()).isZero();
  }

  @Test
  void cancellingWhileTheHandlerWorksCancelsTheHandler() {
    AtomicBoolean cancelled = new AtomicBoolean();
    b.serve((from, request) -> Mono.<DhtResponse>never().doOnCancel(() -> cancelled.set(true)));
    Recorded<DhtResponse> exchange = Recorded.subscribe(a.send(info(b), FIND_NODE), clock);

    clock.advanceTimeBy(ms(60));
    assertThat(cancelled).isFalse();
    exchange.cancel();
    assertThat(cancelled).isTrue();
  }

  @Test
  void cancellingWhileTheResponseTravelsDropsIt() {
    b.serve(server);
    Recorded<DhtResponse> exchange = Recorded.subscribe(a.send(info(b), FIND_NODE), clock);

    clock.advanceTimeBy(ms(70));
    exchange.cancel();
    clock.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(exchange.isDone()).isFalse();
    assertThat(network.stats().exchangesCompleted()).isZero();
    assertThat(network.stats().requestsDelivered()).isEqualTo(1);
  }

  @Test
  void aDialToSelfFails() {
    StepVerifier.create(a.send(info(a), FIND_NODE))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(PeerUnreachableException.class)
                    .hasMessageContaining("self"))
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void aNodeThatLeftCannotSend() {
    StepVerifier.create(a.close()).expectComplete().verify(Duration.ofSeconds(5));

    StepVerifier.create(a.send(info(b), FIND_NODE))
        .expectError(IllegalStateException.class)
        .verify(Duration.ofSeconds(5));
    assertThat(a.isJoined()).isFalse();
  }

  @Test
  void requestsTravelByPeerIdWhateverTheAddresses() {
    b.serve(server);
    PeerInfo withoutAddresses = new PeerInfo(b.localPeer(), List.of());
    Recorded<DhtResponse> exchange = Recorded.subscribe(a.send(withoutAddresses, FIND_NODE), clock);

    clock.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(exchange.value()).isEqualTo(TestServer.answer(FIND_NODE));
  }

  @Test
  void addressesComeFromTheJoinNumber() {
    assertThat(a.listenAddresses()).containsExactly(Multiaddr.parse("/ip4/10.0.0.1/tcp/4001"));
    assertThat(b.listenAddresses()).containsExactly(Multiaddr.parse("/ip4/10.0.0.2/tcp/4001"));
    SimulatedTransport last = null;
    for (int i = 3; i <= 65_537; i++) {
      last = network.join(peer(i));
    }
    assertThat(last.listenAddresses()).containsExactly(Multiaddr.parse("/ip4/10.1.0.1/tcp/4001"));
    assertThat(network.size()).isEqualTo(65_537);
  }

  @Test
  void theDirectoryKnowsEveryPeerThatEverJoined() {
    assertThat(a.addressesOf(b.localPeer())).isEqualTo(b.listenAddresses());
    assertThat(a.addressesOf(peer(99))).isEmpty();

    network.leave(b.localPeer());
    assertThat(a.addressesOf(b.localPeer())).isEqualTo(b.listenAddresses());

    SimulatedTransport again = network.join(b.localPeer());
    assertThat(again.listenAddresses()).containsExactly(Multiaddr.parse("/ip4/10.0.0.3/tcp/4001"));
    assertThat(a.addressesOf(b.localPeer())).isEqualTo(again.listenAddresses());
  }

  @Test
  void joiningTwiceIsRefused() {
    assertThatThrownBy(() -> network.join(a.localPeer())).isInstanceOf(IllegalStateException.class);
    assertThat(network.contains(a.localPeer())).isTrue();
    assertThat(network.contains(peer(99))).isFalse();
  }

  @Test
  void settingsOfAnAbsentPeerAreRefused() {
    assertThatThrownBy(() -> network.setUnresponsive(peer(99), true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> network.setAdversary(peer(99), Adversary.withholdRecords()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void encodedMessagesSurviveTheCodec() {
    InMemoryNetwork encoding = network(true);
    SimulatedTransport client = encoding.join(peer(1));
    SimulatedTransport serverNode = encoding.join(peer(2));
    serverNode.serve(server);
    DhtRequest put = new DhtRequest.PutValue(Record.of(bytes("/v/key"), bytes("value")));
    for (DhtRequest request : List.of(FIND_NODE, put, new DhtRequest.GetProviders(bytes("mh")))) {
      Recorded<DhtResponse> exchange =
          Recorded.subscribe(client.send(info(serverNode), request), clock);
      clock.advanceTimeBy(Duration.ofSeconds(1));
      assertThat(exchange.value()).isEqualTo(TestServer.answer(request));
    }
    assertThat(server.received())
        .extracting(TestServer.Received::request)
        .containsExactly(FIND_NODE, put, new DhtRequest.GetProviders(bytes("mh")));
  }

  @Test
  void encodedMessagesFollowTheCodecRules() {
    DhtRequest get = new DhtRequest.GetValue(bytes("/v/asked"));
    DhtResponse otherKey =
        new DhtResponse.GetValueResponse(Record.of(bytes("/v/other"), bytes("x")), List.of());
    for (boolean encode : new boolean[] {false, true}) {
      InMemoryNetwork net = network(encode);
      SimulatedTransport client = net.join(peer(1));
      SimulatedTransport liar = net.join(peer(2));
      liar.serve((from, request) -> Mono.just(otherKey));
      Recorded<DhtResponse> exchange = Recorded.subscribe(client.send(info(liar), get), clock);
      clock.advanceTimeBy(Duration.ofSeconds(1));
      if (encode) {
        assertThat(exchange.error())
            .as("a record under another key is malformed on the wire")
            .isInstanceOf(MalformedMessageException.class);
      } else {
        assertThat(exchange.value()).as("objects pass as they are").isEqualTo(otherKey);
      }
    }
  }

  @Test
  void statsCountEachStepAndSubtract() {
    b.serve(server);
    NetworkStats before = network.stats();
    for (int i = 0; i < 3; i++) {
      Recorded.subscribe(a.send(info(b), FIND_NODE), clock);
    }
    Recorded.subscribe(a.send(PeerInfo.of(peer(99)), FIND_NODE), clock);
    clock.advanceTimeBy(Duration.ofSeconds(10));

    NetworkStats delta = network.stats().minus(before);
    assertThat(delta).isEqualTo(new NetworkStats(4, 3, 3, 0, 0, 1, 0, 0, 0));
  }
}

package io.reactivedht.testkit.sim;

import static io.reactivedht.testkit.sim.SimFixtures.bytes;
import static io.reactivedht.testkit.sim.SimFixtures.eventsOf;
import static io.reactivedht.testkit.sim.SimFixtures.info;
import static io.reactivedht.testkit.sim.SimFixtures.ms;
import static io.reactivedht.testkit.sim.SimFixtures.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.spi.PeerUnreachableException;
import io.reactivedht.reactor.spi.TransportEvent;
import io.reactivedht.testkit.sim.NetworkConditions.AbsentPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Loss, unresponsive nodes and churn, on virtual time with a constant 50 ms one-way delay. */
class InMemoryNetworkFaultsTest {
  private static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);
  private static final DhtRequest FIND_NODE = new DhtRequest.FindNode(bytes("target"));
  private static final NetworkConditions CONDITIONS =
      NetworkConditions.ideal()
          .withLatency(LatencyModel.constant(ms(50)))
          .withDialTimeout(Duration.ofSeconds(3));

  private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

  private InMemoryNetwork network(NetworkConditions conditions) {
    return new InMemoryNetwork(clock, new SplittableRandom(3), conditions);
  }

  /** A send as the DHT makes it: with its own timeout. */
  private Recorded<DhtResponse> call(SimulatedTransport from, PeerInfo to) {
    return Recorded.subscribe(from.send(to, FIND_NODE).timeout(RPC_TIMEOUT, clock), clock);
  }

  @Test
  void aRefusingPeerFailsOneRoundTripAfterTheDial() {
    InMemoryNetwork network = network(CONDITIONS);
    SimulatedTransport a = network.join(peer(1));
    SimulatedTransport b = network.join(peer(2));
    TestServer server = TestServer.honest(clock);
    b.serve(server);
    network.setRefusing(b.localPeer(), true);

    Recorded<DhtResponse> exchange = call(a, info(b));
    clock.advanceTimeBy(Duration.ofMinutes(1));

    assertThat(exchange.error())
        .isInstanceOf(PeerUnreachableException.class)
        .hasMessageContaining("refused");
    assertThat(exchange.took()).isEqualTo(ms(100));
    assertThat(server.received()).isEmpty();

    network.setRefusing(b.localPeer(), false);
    Recorded<DhtResponse> again = call(a, info(b));
    clock.advanceTimeBy(Duration.ofMinutes(1));
    assertThat(again.value()).isNotNull();
  }

  @Test
  void aSlowPeerAnswersItsExtraDelayLater() {
    InMemoryNetwork network = network(CONDITIONS);
    SimulatedTransport a = network.join(peer(1));
    SimulatedTransport b = network.join(peer(2));
    b.serve(TestServer.honest(clock));
    network.setExtraDelay(b.localPeer(), Duration.ofSeconds(2));

    Recorded<DhtResponse> exchange = call(a, info(b));
    clock.advanceTimeBy(Duration.ofMinutes(1));

    assertThat(exchange.value()).isNotNull();
    assertThat(exchange.took()).isEqualTo(ms(2100));
  }

  @Test
  void certainLossLeavesTheCallerToItsTimeout() {
    InMemoryNetwork network = network(CONDITIONS.withLossProbability(1));
    SimulatedTransport a = network.join(peer(1));
    SimulatedTransport b = network.join(peer(2));
    TestServer server = TestServer.honest(clock);
    b.serve(server);

    Recorded<DhtResponse> exchange = call(a, info(b));
    clock.advanceTimeBy(Duration.ofMinutes(1));

    assertThat(exchange.error()).isInstanceOf(TimeoutException.class);
    assertThat(exchange.took()).isEqualTo(RPC_TIMEOUT);
    assertThat(server.received()).isEmpty();
    assertThat(network.stats().messagesLost()).isEqualTo(1);
  }

  @Test
  void lossDropsRequestsAndResponsesIndependently() {
    InMemoryNetwork network = network(CONDITIONS.withLossProbability(0.5));
    SimulatedTransport a = network.join(peer(1));
    SimulatedTransport b = network.join(peer(2));
    b.serve(TestServer.honest(clock));

    List<Recorded<DhtResponse>> exchanges = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      exchanges.add(call(a, info(b)));
    }
    clock.advanceTimeBy(Duration.ofMinutes(1));

    long answered = exchanges.stream().filter(e -> e.value() != null).count();
    long timedOut = exchanges.stream().filter(e -> e.error() instanceof TimeoutException).count();
    assertThat(answered + timedOut).isEqualTo(2000);
    // Both legs survive with probability 0.5 * 0.5.
    assertThat(answered / 2000.0).isCloseTo(0.25, within(0.04));
    NetworkStats stats = network.stats();
    assertThat(stats.messagesLost()).isEqualTo(timedOut);
    assertThat(stats.exchangesCompleted()).isEqualTo(answered);
    assertThat(stats.requestsSent() - stats.requestsDelivered())
        .as("requests lost on the way")
        .isCloseTo(1000, within(100L));
  }

  @Test
  void anUnresponsiveNodeLetsTheCallerTimeOut() {
    InMemoryNetwork network = network(CONDITIONS);
    SimulatedTransport a = network.join(peer(1));
    SimulatedTransport b = network.join(peer(2));
    TestServer server = TestServer.honest(clock);
    b.serve(server);
    List<TransportEvent> eventsOfA = eventsOf(a);
    network.setUnresponsive(b.localPeer(), true);

    Recorded<DhtResponse> exchange = call(a, info(b));
    clock.advanceTimeBy(Duration.ofMinutes(1));

    assertThat(exchange.error()).isInstanceOf(TimeoutException.class);
    assertThat(exchange.took()).isEqualTo(RPC_TIMEOUT);
    assertThat(server.received()).as("the handler never runs").isEmpty();
    assertThat(eventsOfA).as("no identification from a node that never answers").isEmpty();
    assertThat(network.stats().requestsToUnresponsive()).isEqualTo(1);

    network.setUnresponsive(b.localPeer(), false);
    Recorded<DhtResponse> again = call(a, info(b));
    clock.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(again.value()).isEqualTo(TestServer.answer(FIND_NODE));
  }

  @Test
  void aDepartedPeerFailsAfterTheDialTimeout() {
    InMemoryNetwork network = network(CONDITIONS);
    SimulatedTransport a = network.join(peer(1));
    SimulatedTransport b = network.join(peer(2));
    b.serve(TestServer.honest(clock));
    network.leave(b.localPeer());

    Recorded<DhtResponse> exchange = call(a, info(b));
    clock.advanceTimeBy(Duration.ofMinutes(1));

    assertThat(exchange.error())
        .isInstanceOf(PeerUnreachableException.class)
        .hasMessageContaining("dial");
    assertThat(exchange.took()).isEqualTo(Duration.ofSeconds(3));
    assertThat(network.stats().requestsToAbsent()).isEqualTo(1);
    assertThat(network.contains(b.localPeer())).isFalse();
    assertThat(b.isJoined()).isFalse();
  }

  @Test
  void aPeerThatNeverJoinedIsAbsentToo() {
    InMemoryNetwork network = network(CONDITIONS);
    SimulatedTransport a = network.join(peer(1));

    Recorded<DhtResponse> exchange = call(a, PeerInfo.of(peer(99)));
    clock.advanceTimeBy(Duration.ofMinutes(1));

    assertThat(exchange.error()).isInstanceOf(PeerUnreachableException.class);
    assertThat(exchange.took()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aDepartedPeerCanHangUntilTheCallerGivesUp() {
    InMemoryNetwork network = network(CONDITIONS.withAbsentPeer(AbsentPeer.HANG));
    SimulatedTransport a = network.join(peer(1));
    SimulatedTransport b = network.join(peer(2));
    b.close().subscribe();

    Recorded<DhtResponse> exchange = call(a, info(b));
    clock.advanceTimeBy(Duration.ofMinutes(1));

    assertThat(exchange.error()).isInstanceOf(TimeoutException.class);
    assertThat(exchange.took()).isEqualTo(RPC_TIMEOUT);
  }

  @Test
  void leavingWhileARequestTravelsClosesTheConnection() {
    InMemoryNetwork network = network(CONDITIONS);
    SimulatedTransport a = network.join(peer(1));
    SimulatedTransport b = network.join(peer(2));
    b.serve(TestServer.honest(clock));

    Recorded<DhtResponse> exchange = call(a, info(b));
    clock.advanceTimeBy(ms(20));
    network.leave(b.localPeer());
    clock.advanceTimeBy(Duration.ofSeconds(1));

    assertThat(exchange.error())
        .isInstanceOf(PeerUnreachableException.class)
        .hasMessageContaining("closed");
    assertThat(exchange.took()).isEqualTo(ms(50));
  }

  @Test
  void leavingWhileHandlingClosesTheConnection() {
    InMemoryNetwork network = network(CONDITIONS);
    SimulatedTransport a = network.join(peer(1));
    SimulatedTransport b = network.join(peer(2));
    b.serve((from, request) -> Mono.just(TestServer.answer(request)).delayElement(ms(100), clock));

    Recorded<DhtResponse> exchange = call(a, info(b));
    clock.advanceTimeBy(ms(100));
    network.leave(b.localPeer());
    clock.advanceTimeBy(Duration.ofSeconds(1));

    assertThat(exchange.error())
        .isInstanceOf(PeerUnreachableException.class)
        .hasMessageContaining("closed");
    assertThat(exchange.took()).isEqualTo(ms(150));
  }

  @Test
  void aSenderThatLeavesBeforeItsRequestArrivesNeverConnects() {
    InMemoryNetwork network = network(CONDITIONS);
    SimulatedTransport a = network.join(peer(1));
    SimulatedTransport b = network.join(peer(2));
    TestServer server = TestServer.honest(clock);
    b.serve(server);
    List<TransportEvent> eventsOfB = eventsOf(b);

    Recorded<DhtResponse> exchange = call(a, info(b));
    clock.advanceTimeBy(ms(20));
    a.close().subscribe();
    clock.advanceTimeBy(Duration.ofSeconds(1));

    assertThat(exchange.error()).isInstanceOf(IllegalStateException.class);
    assertThat(server.received()).isEmpty();
    assertThat(eventsOfB).isEmpty();
  }

  @Test
  void leavingDisconnectsConnectedPeersAndEndsTheNodesEvents() {
    InMemoryNetwork network = network(CONDITIONS);
    SimulatedTransport a = network.join(peer(1));
    SimulatedTransport b = network.join(peer(2));
    SimulatedTransport stranger = network.join(peer(3));
    b.serve(TestServer.honest(clock));
    List<TransportEvent> eventsOfA = eventsOf(a);
    List<TransportEvent> eventsOfStranger = eventsOf(stranger);
    call(a, info(b));
    clock.advanceTimeBy(Duration.ofSeconds(1));
    Recorded<TransportEvent> endOfB = Recorded.subscribe(b.events().then(Mono.empty()), clock);

    network.leave(b.localPeer());
    network.leave(b.localPeer());

    assertThat(eventsOfA)
        .containsExactly(
            new TransportEvent.Identified(info(b), Set.of(b.protocolId())),
            new TransportEvent.Disconnected(b.localPeer()));
    assertThat(eventsOfStranger).isEmpty();
    assertThat(endOfB.isDone()).isTrue();
    assertThat(endOfB.error()).isNull();
    assertThat(network.size()).isEqualTo(2);
  }

  @Test
  void aPeerThatLeftMayJoinAgain() {
    InMemoryNetwork network = network(CONDITIONS);
    SimulatedTransport a = network.join(peer(1));
    SimulatedTransport b = network.join(peer(2));
    b.close().subscribe();
    SimulatedTransport back = network.join(peer(2));
    back.serve(TestServer.honest(clock));

    Recorded<DhtResponse> exchange = call(a, info(back));
    clock.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(exchange.value()).isEqualTo(TestServer.answer(FIND_NODE));

    b.close().subscribe();
    assertThat(back.isJoined()).as("closing the old transport leaves the new one alone").isTrue();
  }
}

package io.reactivedht.testkit.sim;

import static io.reactivedht.testkit.sim.SimFixtures.bytes;
import static io.reactivedht.testkit.sim.SimFixtures.eventsOf;
import static io.reactivedht.testkit.sim.SimFixtures.info;
import static io.reactivedht.testkit.sim.SimFixtures.ms;
import static io.reactivedht.testkit.sim.SimFixtures.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.spi.TransportEvent;
import io.reactivedht.reactor.spi.TransportEvent.Disconnected;
import io.reactivedht.reactor.spi.TransportEvent.Identified;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Identify-style events, connection limits and the bounded event buffer, on virtual time. */
class InMemoryNetworkEventsTest {
  private static final DhtRequest FIND_NODE = new DhtRequest.FindNode(bytes("target"));
  private static final Set<String> SERVER = Set.of(DhtOptions.IPFS_PROTOCOL);
  private static final Set<String> CLIENT = Set.of();

  private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

  private InMemoryNetwork network(NetworkConditions conditions) {
    return new InMemoryNetwork(clock, new SplittableRandom(5), conditions);
  }

  private final InMemoryNetwork network =
      network(NetworkConditions.ideal().withLatency(LatencyModel.constant(ms(50))));

  private SimulatedTransport server(InMemoryNetwork net, long seed) {
    SimulatedTransport transport = net.join(peer(seed));
    transport.serve(TestServer.honest(clock));
    return transport;
  }

  private void exchange(SimulatedTransport from, SimulatedTransport to) {
    Recorded.subscribe(from.send(info(to), FIND_NODE), clock);
    clock.advanceTimeBy(Duration.ofSeconds(1));
  }

  @Test
  void theFirstExchangeIdentifiesBothEndsWhenTheRequestArrives() {
    SimulatedTransport a = network.join(peer(1));
    SimulatedTransport b = server(network, 2);
    List<Duration> times = new ArrayList<>();
    List<TransportEvent> eventsOfA = eventsOf(a);
    List<TransportEvent> eventsOfB = eventsOf(b);
    a.events().subscribe(e -> times.add(Duration.ofNanos(clock.now(TimeUnit.NANOSECONDS))));

    Recorded<DhtResponse> response = Recorded.subscribe(a.send(info(b), FIND_NODE), clock);
    clock.advanceTimeBy(Duration.ofSeconds(1));

    assertThat(eventsOfA).containsExactly(new Identified(info(b), SERVER));
    assertThat(eventsOfB).containsExactly(new Identified(info(a), CLIENT));
    assertThat(times).containsExactly(ms(50));
    assertThat(response.took()).isEqualTo(ms(100));
  }

  @Test
  void laterExchangesDoNotIdentifyAgain() {
    SimulatedTransport a = network.join(peer(1));
    SimulatedTransport b = server(network, 2);
    List<TransportEvent> eventsOfA = eventsOf(a);

    exchange(a, b);
    exchange(a, b);
    exchange(b, a);

    assertThat(eventsOfA).containsExactly(new Identified(info(b), SERVER));
  }

  @Test
  void aRefusedRequestStillConnectsAndIdentifiesTheClient() {
    SimulatedTransport a = server(network, 1);
    SimulatedTransport client = network.join(peer(2));
    List<TransportEvent> eventsOfA = eventsOf(a);
    List<TransportEvent> eventsOfClient = eventsOf(client);

    exchange(a, client);

    assertThat(eventsOfA).containsExactly(new Identified(info(client), CLIENT));
    assertThat(eventsOfClient).containsExactly(new Identified(info(a), SERVER));
  }

  @Test
  void aModeSwitchIsPushedToConnectedPeersOnly() {
    SimulatedTransport a = network.join(peer(1));
    SimulatedTransport b = server(network, 2);
    SimulatedTransport stranger = network.join(peer(3));
    exchange(a, b);
    List<TransportEvent> eventsOfA = eventsOf(a);
    List<TransportEvent> eventsOfStranger = eventsOf(stranger);
    eventsOfA.clear();

    b.serve(null);
    b.serve(null);
    b.serve(TestServer.honest(clock));
    b.serve(TestServer.honest(clock));
    clock.advanceTime();

    assertThat(eventsOfA)
        .containsExactly(new Identified(info(b), CLIENT), new Identified(info(b), SERVER));
    assertThat(eventsOfStranger).isEmpty();
  }

  @Test
  void theConnectionLimitClosesTheOldestConnectionOnBothEnds() {
    InMemoryNetwork limited = network(NetworkConditions.ideal().withConnectionLimit(2));
    SimulatedTransport hub = limited.join(peer(1));
    SimulatedTransport b = server(limited, 2);
    SimulatedTransport c = server(limited, 3);
    SimulatedTransport d = server(limited, 4);
    List<TransportEvent> eventsOfHub = eventsOf(hub);
    List<TransportEvent> eventsOfB = eventsOf(b);

    exchange(hub, b);
    exchange(hub, c);
    exchange(hub, d);
    exchange(hub, b);

    assertThat(eventsOfHub)
        .containsExactly(
            new Identified(info(b), SERVER),
            new Identified(info(c), SERVER),
            new Disconnected(b.localPeer()),
            new Identified(info(d), SERVER),
            new Disconnected(c.localPeer()),
            new Identified(info(b), SERVER));
    assertThat(eventsOfB)
        .containsExactly(
            new Identified(info(hub), CLIENT),
            new Disconnected(hub.localPeer()),
            new Identified(info(hub), CLIENT));
  }

  @Test
  void eventsWaitForTheFirstSubscriberUpToTheBufferAndTheRestAreDroppedAndCounted() {
    InMemoryNetwork big = network(NetworkConditions.ideal().withConnectionLimit(1000));
    SimulatedTransport hub = server(big, 0);
    List<SimulatedTransport> clients = new ArrayList<>();
    for (int i = 1; i <= 300; i++) {
      clients.add(big.join(peer(i)));
    }
    clients.forEach(client -> Recorded.subscribe(client.send(info(hub), FIND_NODE), clock));
    clock.advanceTimeBy(Duration.ofSeconds(1));

    assertThat(big.stats().eventsDropped()).isEqualTo(300 - Node.EVENT_BUFFER);
    List<TransportEvent> kept = eventsOf(hub);
    assertThat(kept).hasSize(Node.EVENT_BUFFER);
    assertThat(kept.get(0)).isEqualTo(new Identified(info(clients.get(0)), CLIENT));
    assertThat(kept.get(Node.EVENT_BUFFER - 1))
        .isEqualTo(new Identified(info(clients.get(Node.EVENT_BUFFER - 1)), CLIENT));
  }

  @Test
  void aSubscriberThatStopsAskingLagsAtMostTheBuffer() {
    InMemoryNetwork big = network(NetworkConditions.ideal().withConnectionLimit(1000));
    SimulatedTransport hub = server(big, 0);
    List<TransportEvent> received = new ArrayList<>();
    hub.events()
        .subscribe(
            new BaseSubscriber<TransportEvent>() {
              @Override
              protected void hookOnSubscribe(Subscription subscription) {
                subscription.request(1);
              }

              @Override
              protected void hookOnNext(TransportEvent event) {
                received.add(event);
              }
            });
    for (int i = 1; i <= 300; i++) {
      Recorded.subscribe(big.join(peer(i)).send(info(hub), FIND_NODE), clock);
    }
    clock.advanceTimeBy(Duration.ofSeconds(1));

    assertThat(received).hasSize(1);
    assertThat(big.stats().eventsDropped()).isEqualTo(300 - 1 - Node.EVENT_BUFFER);
  }

  @Test
  void reachabilityIsAnEventOfTheNodeAlone() {
    SimulatedTransport a = network.join(peer(1));
    SimulatedTransport b = network.join(peer(2));
    List<TransportEvent> eventsOfA = eventsOf(a);
    List<TransportEvent> eventsOfB = eventsOf(b);

    network.setPubliclyReachable(a.localPeer(), true);
    network.setPubliclyReachable(a.localPeer(), false);

    assertThat(eventsOfA)
        .containsExactly(
            new TransportEvent.ReachabilityChanged(true),
            new TransportEvent.ReachabilityChanged(false));
    assertThat(eventsOfB).isEmpty();
  }

  @Test
  void aSubscriberMayCallBackIntoTheNetwork() {
    InMemoryNetwork instant = network(NetworkConditions.ideal());
    SimulatedTransport a = instant.join(peer(1));
    SimulatedTransport b = server(instant, 2);
    List<Recorded<DhtResponse>> followUps = new ArrayList<>();
    a.events()
        .ofType(Identified.class)
        .subscribe(
            identified -> {
              a.serve(TestServer.honest(clock));
              followUps.add(Recorded.subscribe(a.send(identified.peer(), FIND_NODE), clock));
            });

    Recorded<DhtResponse> first = Recorded.subscribe(a.send(info(b), FIND_NODE), clock);

    assertThat(first.value()).isEqualTo(TestServer.answer(FIND_NODE));
    assertThat(followUps)
        .singleElement()
        .satisfies(
            followUp -> assertThat(followUp.value()).isEqualTo(TestServer.answer(FIND_NODE)));
  }
}

package io.reactivedht.reactor.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.config.Mode;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.spi.PeerUnreachableException;
import io.reactivedht.reactor.spi.RequestHandler;
import io.reactivedht.reactor.spi.TransportEvent;
import io.reactivedht.reactor.testing.ScriptedTransport;
import io.reactivedht.reactor.testing.TestPeers;
import io.reactivedht.testkit.sim.InMemoryNetwork;
import io.reactivedht.testkit.sim.NetworkConditions;
import io.reactivedht.testkit.sim.SimulatedTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Server, client and auto mode: what the transport serves, and the events. */
class ModeSwitchTest {
  private static final RequestHandler HANDLER =
      (from, request) -> Mono.just(new DhtResponse.PingResponse());

  private final List<DhtEvent> events = new ArrayList<>();
  private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

  @AfterEach
  void stopClock() {
    clock.dispose();
  }

  @Test
  void serverServesTheHandlerAndClientStops() {
    ScriptedTransport transport = new ScriptedTransport(TestPeers.peer(1).id());
    ModeSwitch modes = new ModeSwitch(transport, HANDLER, events::add);
    assertThat(modes.effectiveMode()).isEqualTo(Mode.CLIENT);

    modes.setMode(Mode.SERVER);
    assertThat(transport.served()).isSameAs(HANDLER);
    assertThat(modes.mode()).isEqualTo(Mode.SERVER);
    assertThat(modes.effectiveMode()).isEqualTo(Mode.SERVER);

    modes.setMode(Mode.CLIENT);
    assertThat(transport.served()).isNull();
    assertThat(modes.effectiveMode()).isEqualTo(Mode.CLIENT);

    modes.setMode(Mode.CLIENT);
    assertThat(events)
        .containsExactly(
            new DhtEvent.ModeChanged(Mode.SERVER), new DhtEvent.ModeChanged(Mode.CLIENT));
  }

  @Test
  void theFirstModeSetIsAppliedToTheTransportEvenWithoutAChange() {
    ScriptedTransport transport = new ScriptedTransport(TestPeers.peer(1).id());
    transport.serve(HANDLER); // left serving by someone else
    ModeSwitch modes = new ModeSwitch(transport, HANDLER, events::add);

    modes.setMode(Mode.CLIENT);

    assertThat(transport.served()).isNull();
    assertThat(events).isEmpty(); // the switch was a client already
  }

  @Test
  void autoIsAClientUntilPubliclyReachableThenFollowsReachability() {
    InMemoryNetwork network =
        new InMemoryNetwork(clock, new SplittableRandom(1), NetworkConditions.ideal());
    SimulatedTransport local = network.join(SimulatedDht.peer(1));
    SimulatedTransport remote = network.join(SimulatedDht.peer(2));
    PeerInfo localInfo = new PeerInfo(local.localPeer(), local.listenAddresses());
    ModeSwitch modes = new ModeSwitch(local, HANDLER, events::add);

    modes.setMode(Mode.AUTO);
    assertRefused(remote, localInfo);

    network.setPubliclyReachable(local.localPeer(), true);
    clock.advanceTime();
    assertThat(modes.effectiveMode()).isEqualTo(Mode.SERVER);
    StepVerifier.create(remote.send(localInfo, new DhtRequest.Ping()))
        .then(clock::advanceTime)
        .expectNext(new DhtResponse.PingResponse())
        .verifyComplete();

    network.setPubliclyReachable(local.localPeer(), false);
    clock.advanceTime();
    assertRefused(remote, localInfo);

    assertThat(modes.mode()).isEqualTo(Mode.AUTO);
    assertThat(modes.effectiveMode()).isEqualTo(Mode.CLIENT);
    assertThat(events)
        .containsExactly(
            new DhtEvent.ModeChanged(Mode.SERVER), new DhtEvent.ModeChanged(Mode.CLIENT));
  }

  @Test
  void autoStartsAsAClientWhateverItWasBefore() {
    ScriptedTransport transport = new ScriptedTransport(TestPeers.peer(1).id());
    ModeSwitch modes = new ModeSwitch(transport, HANDLER, events::add);
    modes.setMode(Mode.SERVER);

    modes.setMode(Mode.AUTO);

    assertThat(transport.served()).isNull();
    assertThat(events)
        .containsExactly(
            new DhtEvent.ModeChanged(Mode.SERVER), new DhtEvent.ModeChanged(Mode.CLIENT));
  }

  @Test
  void leavingAutoStopsFollowingReachability() {
    ScriptedTransport transport = new ScriptedTransport(TestPeers.peer(1).id());
    ModeSwitch modes = new ModeSwitch(transport, HANDLER, events::add);
    modes.setMode(Mode.AUTO);
    modes.setMode(Mode.CLIENT);

    transport.emit(new TransportEvent.ReachabilityChanged(true));

    assertThat(transport.served()).isNull();
    assertThat(events).isEmpty();
  }

  @Test
  void otherTransportEventsDoNotChangeTheMode() {
    ScriptedTransport transport = new ScriptedTransport(TestPeers.peer(1).id());
    ModeSwitch modes = new ModeSwitch(transport, HANDLER, events::add);
    modes.setMode(Mode.AUTO);

    transport.emit(new TransportEvent.Identified(TestPeers.peer(2), Set.of("/ipfs/kad/1.0.0")));
    transport.emit(new TransportEvent.Disconnected(TestPeers.peer(2).id()));

    assertThat(modes.effectiveMode()).isEqualTo(Mode.CLIENT);
    assertThat(events).isEmpty();
  }

  @Test
  void disposingStopsFollowingReachabilityAndRefusesNewModes() {
    ScriptedTransport transport = new ScriptedTransport(TestPeers.peer(1).id());
    ModeSwitch modes = new ModeSwitch(transport, HANDLER, events::add);
    modes.setMode(Mode.AUTO);

    modes.dispose();
    transport.emit(new TransportEvent.ReachabilityChanged(true));

    assertThat(modes.isDisposed()).isTrue();
    assertThat(transport.served()).isNull();
    assertThatThrownBy(() -> modes.setMode(Mode.SERVER)).isInstanceOf(IllegalStateException.class);
  }

  private void assertRefused(SimulatedTransport from, PeerInfo to) {
    StepVerifier.create(from.send(to, new DhtRequest.Ping()))
        .then(clock::advanceTime)
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(PeerUnreachableException.class)
                    .hasMessageEndingWith("protocol not supported"))
        .verify(Duration.ofSeconds(5));
  }
}

package io.reactivedht.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.Mode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class TestSwarmTest {
  private static final Cid CID =
      Cid.v1(Cid.RAW, Multihash.sha256("some content".getBytes(StandardCharsets.UTF_8)));

  @Test
  void everyNodeOfAVirtualTimeSwarmKnowsEveryOther() {
    try (TestSwarm swarm = TestSwarm.virtualTime(30)) {
      assertThat(swarm.nodes()).hasSize(30);
      assertThat(swarm.nodes())
          .allSatisfy(node -> assertThat(node.routingTablePeers()).hasSize(29));
    }
  }

  @Test
  void aProviderIsFoundFromTheFarEndOfTheSwarm() {
    try (TestSwarm swarm = TestSwarm.virtualTime(50)) {
      swarm.await(swarm.node(0).provide(CID));

      List<PeerInfo> providers =
          swarm.await(swarm.node(49).findProviders(CID).collectList()).orElseThrow();

      assertThat(providers).extracting(PeerInfo::id).containsExactly(swarm.node(0).localPeer());
    }
  }

  @Test
  void oneSeedGivesOneSwarm() {
    assertThat(peersOf(TestSwarm.builder(5).seed(7).virtualTime()))
        .isEqualTo(peersOf(TestSwarm.builder(5).seed(7).virtualTime()))
        .doesNotContainAnyElementsOf(peersOf(TestSwarm.builder(5).seed(8).virtualTime()));
  }

  private static List<PeerId> peersOf(TestSwarm swarm) {
    try (swarm) {
      return swarm.nodes().stream().map(Dht::localPeer).toList();
    }
  }

  @Test
  void awaitRethrowsTheOperationsError() {
    try (TestSwarm swarm = TestSwarm.virtualTime(1)) {
      assertThatThrownBy(() -> swarm.await(Mono.error(new IllegalArgumentException("bad key"))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("bad key");
      assertThat(swarm.await(Mono.empty())).isEmpty();
    }
  }

  @Test
  void awaitGivesUpAfterFiveMinutesOfVirtualTime() {
    try (TestSwarm swarm = TestSwarm.virtualTime(1)) {
      long start = swarm.scheduler().now(TimeUnit.SECONDS);

      assertThatThrownBy(() -> swarm.await(Mono.never())).isInstanceOf(IllegalStateException.class);

      assertThat(swarm.scheduler().now(TimeUnit.SECONDS) - start).isEqualTo(300);
    }
  }

  @Test
  void advanceByRunsTheTimersOfTheCodeUnderTest() {
    try (TestSwarm swarm = TestSwarm.virtualTime(1)) {
      AtomicBoolean fired = new AtomicBoolean();
      Mono.delay(Duration.ofHours(48), swarm.scheduler()).subscribe(tick -> fired.set(true));

      swarm.advanceBy(Duration.ofHours(47));
      assertThat(fired).isFalse();
      swarm.advanceBy(Duration.ofHours(1));
      assertThat(fired).isTrue();
    }
  }

  @Test
  void anAddedClientUsesTheSwarmWithoutServingIt() {
    try (TestSwarm swarm = TestSwarm.virtualTime(20)) {
      Dht client = swarm.addNode(DhtOptions.defaults().withMode(Mode.CLIENT));
      swarm.await(swarm.node(3).provide(CID));

      assertThat(client.mode()).isEqualTo(Mode.CLIENT);
      assertThat(swarm.await(client.findProviders(CID).next()).orElseThrow().id())
          .isEqualTo(swarm.node(3).localPeer());
      assertThat(swarm.node(0).routingTablePeers()).doesNotContain(client.localPeer());
    }
  }

  @Test
  void aRealTimeSwarmServesABlockingCaller() {
    try (TestSwarm swarm = TestSwarm.realTime(10)) {
      swarm.await(swarm.node(0).provide(CID));

      assertThat(swarm.await(swarm.node(9).findProviders(CID).next()).orElseThrow().id())
          .isEqualTo(swarm.node(0).localPeer());
      assertThatThrownBy(() -> swarm.advanceBy(Duration.ofSeconds(1)))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void closeTakesEveryNodeOffTheNetwork() {
    TestSwarm swarm = TestSwarm.virtualTime(10);
    assertThat(swarm.network().size()).isEqualTo(10);

    swarm.close();

    assertThat(swarm.network().size()).isZero();
    assertThat(swarm.scheduler().isDisposed()).isTrue();
  }
}

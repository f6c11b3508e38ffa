package io.reactivedht.testkit.sim;

import static io.reactivedht.testkit.sim.SimFixtures.bytes;
import static io.reactivedht.testkit.sim.SimFixtures.info;
import static io.reactivedht.testkit.sim.SimFixtures.ms;
import static io.reactivedht.testkit.sim.SimFixtures.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.spi.RequestHandler;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Thousands of nodes on one thread, and the same run for the same seed. */
class InMemoryNetworkScaleTest {
  private static final int NODES = 2_000;
  private static final int REQUESTS_PER_NODE = 20;

  @Test
  void twoThousandNodesTakeAFewKilobytesEach() {
    VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    InMemoryNetwork network =
        new InMemoryNetwork(
            clock,
            new SplittableRandom(11),
            NetworkConditions.ideal().withLatency(LatencyModel.logNormal(ms(100), 0.5)));
    List<PeerInfo> twenty = new ArrayList<>();
    RequestHandler handler = (from, request) -> Mono.just(new DhtResponse.FindNodeResponse(twenty));
    long start = usedHeap();

    List<SimulatedTransport> nodes = new ArrayList<>(NODES);
    for (int i = 0; i < NODES; i++) {
      SimulatedTransport node = network.join(peer(i));
      node.serve(handler);
      nodes.add(node);
    }
    nodes.subList(0, 20).forEach(node -> twenty.add(info(node)));
    long joined = usedHeap();

    SplittableRandom choice = new SplittableRandom(12);
    List<Recorded<DhtResponse>> exchanges = new ArrayList<>(NODES * REQUESTS_PER_NODE);
    for (SimulatedTransport node : nodes) {
      for (int r = 0; r < REQUESTS_PER_NODE; r++) {
        SimulatedTransport target = nodes.get(choice.nextInt(NODES));
        if (target != node) {
          exchanges.add(
              Recorded.subscribe(
                  node.send(info(target), new DhtRequest.FindNode(bytes("k" + r))), clock));
        }
      }
    }
    clock.advanceTimeBy(Duration.ofMinutes(1));
    exchanges.clear();
    long connected = usedHeap();

    System.out.printf(
        "simulated network: %d nodes joined: %,d bytes/node; after %,d requests (~%d connections and"
            + " events buffered per node, no subscribers): %,d bytes/node%n",
        NODES,
        (joined - start) / NODES,
        network.stats().requestsSent(),
        2 * REQUESTS_PER_NODE,
        (connected - start) / NODES);
    NetworkStats stats = network.stats();
    assertThat(stats.exchangesCompleted()).isEqualTo(stats.requestsSent());
    assertThat(stats.requestsSent()).isGreaterThan(NODES * (REQUESTS_PER_NODE - 1));
    assertThat(network.size()).isEqualTo(NODES);
    Reference.reachabilityFence(nodes);
  }

  @Test
  void theSameSeedGivesTheSameRunAndAnotherSeedAnother() {
    List<String> first = run(7);
    List<String> again = run(7);
    List<String> other = run(8);

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(String.join("\n", first))
        .contains(
            "FindNodeResponse",
            "TimeoutException",
            "PeerUnreachableException",
            "Identified",
            "Disconnected",
            "203.0.113.");
  }

  /**
   * A run with every kind of randomness and fault: log-normal latency, loss, unresponsive and lying
   * nodes, clients, a connection limit and churn. Returns the log of every event and every outcome,
   * with virtual times.
   */
  private static List<String> run(long seed) {
    VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    InMemoryNetwork network =
        new InMemoryNetwork(
            clock,
            new SplittableRandom(seed),
            NetworkConditions.ideal()
                .withLatency(LatencyModel.logNormal(ms(100), 0.5))
                .withLossProbability(0.05)
                .withDialTimeout(Duration.ofSeconds(1))
                .withConnectionLimit(8));
    List<String> log = new ArrayList<>();
    List<SimulatedTransport> nodes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      SimulatedTransport node = network.join(peer(i));
      int index = i;
      node.events().subscribe(event -> log.add(time(clock) + " node " + index + ": " + event));
      if (i < 40) {
        node.serve(TestServer.honest(clock));
      }
      nodes.add(node);
    }
    for (int i = 0; i < 3; i++) {
      network.setUnresponsive(nodes.get(i).localPeer(), true);
      network.setAdversary(nodes.get(10 + i).localPeer(), Adversary.fabricatedCloserPeers(3));
    }
    SplittableRandom driver = new SplittableRandom(seed * 31 + 1);
    for (int i = 0; i < 300; i++) {
      clock.advanceTimeBy(ms(10));
      if (i == 100) {
        for (int j = 45; j < 50; j++) {
          network.leave(nodes.get(j).localPeer());
        }
      }
      int from = driver.nextInt(45);
      int to = driver.nextInt(50);
      if (from == to) {
        continue;
      }
      String exchange = "exchange " + i + " " + from + "->" + to + ": ";
      nodes
          .get(from)
          .send(info(nodes.get(to)), new DhtRequest.FindNode(bytes("key" + i)))
          .timeout(Duration.ofSeconds(2), clock)
          .subscribe(
              response -> log.add(time(clock) + " " + exchange + response),
              error -> log.add(time(clock) + " " + exchange + error.getClass().getSimpleName()));
    }
    clock.advanceTimeBy(Duration.ofSeconds(10));
    log.add("stats " + network.stats());
    return log;
  }

  private static String time(VirtualTimeScheduler clock) {
    return clock.now(TimeUnit.NANOSECONDS) + "ns";
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}

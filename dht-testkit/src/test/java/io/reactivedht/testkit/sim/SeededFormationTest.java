package io.reactivedht.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.reactor.Dht;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seeded formation: tables from global knowledge, then the normal maintenance, on 500 nodes.
 */
class SeededFormationTest {
  private static final int NODES = 500;
  private static final int K = 20;

  @Test
  void aSeededNetworkAnswersLookupsGetsAndProviderSearches() {
    Simulation simulation =
        new Simulation(
            SimulationOptions.defaults()
                .withNodes(NODES)
                .withLookups(100)
                .withOperations(10, 10)
                .withSeed(3)
                .withFormation(Formation.SEEDED),
            line -> {});

    SimulationReport report = simulation.run();

    assertThat(report.formation()).isEqualTo(Formation.SEEDED);
    assertThat(report.recallMean()).isGreaterThanOrEqualTo(0.99);
    assertThat(report.getSuccessRate()).isEqualTo(1.0);
    assertThat(report.findProvidersSuccessRate()).isEqualTo(1.0);
  }

  @Test
  void everyTableHoldsItsClosestPeersAndUpToKOfEachBucket() {
    Simulation simulation =
        new Simulation(
            SimulationOptions.defaults()
                .withNodes(NODES)
                .withLookups(0)
                .withOperations(0, 0)
                .withSeed(4)
                .withFormation(Formation.SEEDED),
            line -> {});
    simulation.run();

    List<PeerId> all = simulation.nodes().stream().map(Dht::localPeer).toList();
    for (Dht node : simulation.nodes()) {
      PeerId self = node.localPeer();
      List<PeerId> table = node.routingTablePeers();
      int[] perBucket = new int[257];
      table.forEach(p -> perBucket[self.key().commonPrefixLength(p.key())]++);
      for (int cpl = 0; cpl < perBucket.length; cpl++) {
        int bucket = cpl;
        long inRange =
            all.stream()
                .filter(p -> !p.equals(self) && self.key().commonPrefixLength(p.key()) == bucket)
                .count();
        assertThat(perBucket[cpl]).as("bucket %d of %s", cpl, self).isEqualTo(Math.min(K, inRange));
      }
      List<PeerId> closest = new ArrayList<>(all);
      closest.remove(self);
      closest.sort(Comparator.comparing(PeerId::key, self.key().byDistance()));
      assertThat(table).containsAll(closest.subList(0, 3));
    }
  }
}

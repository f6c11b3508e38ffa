package io.reactivedht.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.query.SimulatedNetwork.Behaviour;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Lookups run to completion on synthetic networks of hundreds to a few thousand peers. Every run
 * also checks, after each step, that the requests in flight match an independent count and never
 * exceed α, and that no peer is queried twice (see {@link LookupSimulation}).
 */
class LookupPropertiesTest {
  /**
   * A network, a random responsive peer that looks up a random key, and its routing table's closest
   * peers.
   */
  private record Scenario(
      SimulatedNetwork network, PeerId self, Key target, List<PeerId> seeds, Random random) {
    static Scenario of(int size, long seed, double failing, double silent) {
      Random random = new Random(seed);
      SimulatedNetwork network = SimulatedNetwork.generate(size, random.nextLong());
      network.breakPeers(failing, silent, random);
      PeerId self;
      do {
        self = network.peer(random.nextInt(size));
      } while (network.behaviour(self) != Behaviour.RESPONSIVE);
      Key target = SimulatedNetwork.randomKey(random);
      return new Scenario(network, self, target, network.findNode(self, target), random);
    }

    /**
     * The {@code count} peers closest to the target, not counting the local peer and the broken
     * ones.
     */
    List<PeerId> closestResponsive(int count) {
      return network.closest(
          target, count, p -> !p.equals(self) && network.behaviour(p) == Behaviour.RESPONSIVE);
    }

    LookupSimulation run(Lookup lookup) {
      LookupSimulation simulation = new LookupSimulation(network, random);
      simulation.run(lookup);
      assertThat(lookup.isFinished()).isTrue();
      assertThat(simulation.queried()).doesNotContain(self).hasSize(lookup.stats().contacted());
      return simulation;
    }
  }

  @Property(tries = 40, seed = "20250101")
  void closestPeersLookupFindsTheTrueClosestPeers(
      @ForAll @IntRange(min = 100, max = 2000) int size,
      @ForAll @IntRange(min = 1, max = 20) int k,
      @ForAll @IntRange(min = 1, max = 10) int alpha,
      @ForAll long seed) {
    Scenario s = Scenario.of(size, seed, 0, 0);
    Lookup lookup =
        new ClosestPeersLookup(
            s.target, s.self, s.seeds, LookupConfig.DEFAULT.withAlpha(alpha).withNumResults(k));

    s.run(lookup);

    assertThat(lookup.result()).containsExactlyElementsOf(s.closestResponsive(k));
    assertThat(lookup.stats().failed()).isZero();
  }

  @Property(tries = 40, seed = "20250102")
  void closestPeersLookupFindsTheClosestResponsivePeers(
      @ForAll @IntRange(min = 100, max = 2000) int size,
      @ForAll @IntRange(min = 1, max = 10) int k,
      @ForAll @IntRange(min = 1, max = 10) int alpha,
      @ForAll @DoubleRange(min = 0, max = 0.1) double failing,
      @ForAll @DoubleRange(min = 0, max = 0.1) double silent,
      @ForAll long seed) {
    Scenario s = Scenario.of(size, seed, failing, silent);
    Lookup lookup =
        new ClosestPeersLookup(
            s.target, s.self, s.seeds, LookupConfig.DEFAULT.withAlpha(alpha).withNumResults(k));

    s.run(lookup);

    assertThat(lookup.result()).containsExactlyElementsOf(s.closestResponsive(k));
  }

  @Property(tries = 40, seed = "20250103")
  void disjointPathsLookupFindsTheTrueClosestPeers(
      @ForAll @IntRange(min = 100, max = 2000) int size,
      @ForAll @IntRange(min = 1, max = 20) int k,
      @ForAll @IntRange(min = 1, max = 10) int alpha,
      @ForAll @IntRange(min = 1, max = 10) int paths,
      @ForAll long seed) {
    Scenario s = Scenario.of(size, seed, 0, 0);
    LookupConfig config = LookupConfig.DEFAULT.withAlpha(alpha).withNumResults(k);
    Lookup lookup =
        new DisjointPathsLookup(s.target, s.self, s.seeds, config, Math.min(paths, alpha));

    s.run(lookup);

    assertThat(lookup.result()).containsExactlyElementsOf(s.closestResponsive(k));
  }

  @Property(tries = 40, seed = "20250104")
  void disjointPathsLookupFindsTheClosestResponsivePeers(
      @ForAll @IntRange(min = 100, max = 2000) int size,
      @ForAll @IntRange(min = 1, max = 10) int k,
      @ForAll @IntRange(min = 1, max = 10) int alpha,
      @ForAll @IntRange(min = 1, max = 10) int paths,
      @ForAll @DoubleRange(min = 0, max = 0.1) double failing,
      @ForAll @DoubleRange(min = 0, max = 0.1) double silent,
      @ForAll long seed) {
    Scenario s = Scenario.of(size, seed, failing, silent);
    LookupConfig config = LookupConfig.DEFAULT.withAlpha(alpha).withNumResults(k);
    Lookup lookup =
        new DisjointPathsLookup(s.target, s.self, s.seeds, config, Math.min(paths, alpha));

    s.run(lookup);

    assertThat(lookup.result()).containsExactlyElementsOf(s.closestResponsive(k));
  }

  @Property(tries = 30, seed = "20250105")
  void neverMoreThanAlphaRequestsInFlight(
      @ForAll @IntRange(min = 100, max = 1000) int size,
      @ForAll @IntRange(min = 1, max = 10) int alpha,
      @ForAll @IntRange(min = 1, max = 10) int paths,
      @ForAll boolean disjoint,
      @ForAll long seed) {
    // Many silent peers keep slots busy until their timeouts free them.
    Scenario s = Scenario.of(size, seed, 0.1, 0.3);
    LookupConfig config = LookupConfig.DEFAULT.withAlpha(alpha);
    Lookup lookup =
        disjoint
            ? new DisjointPathsLookup(s.target, s.self, s.seeds, config, Math.min(paths, alpha))
            : new ClosestPeersLookup(s.target, s.self, s.seeds, config);

    LookupSimulation simulation = s.run(lookup);

    assertThat(simulation.maxInFlight()).isEqualTo(Math.min(alpha, s.seeds.size()));
    assertThat(lookup.stats().timedOut()).isPositive();
  }

  @Property(tries = 40, seed = "20250106")
  void earlyTerminationFindsTheBetaClosestPeersWithFewerQueries(
      @ForAll @IntRange(min = 100, max = 2000) int size,
      @ForAll @IntRange(min = 1, max = 5) int beta,
      @ForAll long seed) {
    Scenario s = Scenario.of(size, seed, 0, 0);
    Lookup early =
        new ClosestPeersLookup(s.target, s.self, s.seeds, LookupConfig.DEFAULT.withBeta(beta));
    Lookup full = new ClosestPeersLookup(s.target, s.self, s.seeds, LookupConfig.DEFAULT);

    s.run(early);
    s.run(full);

    assertThat(early.result().subList(0, beta))
        .containsExactlyElementsOf(s.closestResponsive(beta));
    assertThat(early.stats().contacted()).isLessThanOrEqualTo(full.stats().contacted());
  }
}

package io.reactivedht.core.routing;

import static io.reactivedht.core.routing.RoutingFixtures.cpl;
import static io.reactivedht.core.routing.RoutingFixtures.distance;
import static io.reactivedht.core.routing.RoutingFixtures.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random sequences of inserts (servers, clients, the local peer), removals and liveness reports,
 * with time passing, against invariants checked with independent BigInteger arithmetic.
 */
class RoutingTablePropertiesTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final int PEERS = 60;

  enum Action {
    SERVER_SEEN,
    CLIENT_SEEN,
    REMOVED,
    DEAD,
    ALIVE
  }

  record Step(int peer, Action action, int advanceMillis) {}

  record Scenario(long seed, int k, int cacheSize, int staleAfterSeconds, List<Step> steps) {
    PeerId self() {
      return peer(seed);
    }

    /** Peer {@code PEERS} is the local peer itself. */
    PeerId peerAt(int index) {
      return index == PEERS ? self() : peer(seed + 1 + index);
    }

    RoutingTableConfig config() {
      return new RoutingTableConfig(
          k, cacheSize, Duration.ofSeconds(staleAfterSeconds), Duration.ofSeconds(10));
    }
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<Action> action =
        Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.just(Action.SERVER_SEEN)),
            Tuple.of(1, Arbitraries.just(Action.CLIENT_SEEN)),
            Tuple.of(1, Arbitraries.just(Action.REMOVED)),
            Tuple.of(2, Arbitraries.just(Action.DEAD)),
            Tuple.of(2, Arbitraries.just(Action.ALIVE)));
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, PEERS),
                action,
                Arbitraries.integers().between(0, 3000))
            .as(Step::new);
    return Combinators.combine(
            Arbitraries.longs(),
            Arbitraries.integers().between(1, 6),
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(0, 3),
            step.list().ofMaxSize(300))
        .as(Scenario::new);
  }

  @Property(seed = "42", tries = 300)
  void everyOperationKeepsTheTableConsistent(@ForAll("scenarios") Scenario s) {
    RoutingTable table = new RoutingTable(s.self().key(), s.config());
    Instant now = T0;
    Optional<PeerId> pendingCheck = Optional.empty();
    for (Step step : s.steps()) {
      now = now.plusMillis(step.advanceMillis());
      PeerId p = s.peerAt(step.peer());
      switch (step.action()) {
        case SERVER_SEEN -> {
          InsertResult r = table.insert(p, true, now);
          if (p.equals(s.self())) {
            assertThat(r).isEqualTo(new InsertResult.Rejected(InsertResult.Reason.SELF));
          } else if (r instanceof InsertResult.Inserted || r instanceof InsertResult.Updated) {
            assertThat(table.entry(p).orElseThrow().lastSeen()).isEqualTo(now);
            assertThat(last(table.bucket(table.bucketIndex(p)))).isEqualTo(p);
          } else {
            assertThat(r).isInstanceOfAny(InsertResult.Pending.class, InsertResult.Rejected.class);
            assertThat(table.contains(p)).isFalse();
            assertThat(last(table.replacementCandidates(table.bucketIndex(p)))).isEqualTo(p);
            assertThat(table.bucket(table.bucketIndex(p))).hasSize(s.k());
          }
          if (r instanceof InsertResult.Pending pending) {
            assertThat(table.bucket(table.bucketIndex(p)).get(0).peer())
                .isEqualTo(pending.oldest());
            pendingCheck = Optional.of(pending.oldest());
          }
        }
        case CLIENT_SEEN -> {
          table.insert(p, false, now);
          assertNowhere(table, p);
        }
        case REMOVED -> {
          table.remove(p, now);
          assertNowhere(table, p);
        }
        case DEAD -> {
          PeerId checked = pendingCheck.orElse(p);
          pendingCheck = Optional.empty();
          table.livenessChecked(checked, false, now);
          assertThat(table.contains(checked)).isFalse();
        }
        case ALIVE -> {
          PeerId checked = pendingCheck.orElse(p);
          pendingCheck = Optional.empty();
          boolean wasThere = table.contains(checked);
          table.livenessChecked(checked, true, now);
          assertThat(table.contains(checked)).isEqualTo(wasThere);
          if (wasThere) {
            assertThat(last(table.bucket(table.bucketIndex(checked)))).isEqualTo(checked);
          }
        }
      }
      assertInvariants(table, s, now);
    }
  }

  @Property(seed = "43", tries = 300)
  void closestIsTheBruteForceSortOfAllStoredPeers(
      @ForAll("scenarios") Scenario s,
      @ForAll @Size(32) byte[] targetDigest,
      @ForAll @IntRange(max = 45) int n) {
    RoutingTable table = new RoutingTable(s.self().key(), s.config());
    Instant now = T0;
    for (Step step : s.steps()) {
      now = now.plusMillis(step.advanceMillis());
      table.insert(s.peerAt(step.peer()), step.action() != Action.CLIENT_SEEN, now);
    }
    for (Key target : List.of(Key.fromDigest(targetDigest), s.self().key(), s.peerAt(0).key())) {
      List<PeerId> expected =
          table.peers().stream()
              .sorted(Comparator.comparing(peer -> distance(peer.key(), target)))
              .limit(n)
              .toList();
      assertThat(table.closest(target, n)).containsExactlyElementsOf(expected);
    }
  }

  @Property(seed = "44", tries = 20)
  void manyPeersWithTheDefaultConfig(
      @ForAll long seed, @ForAll @IntRange(min = 100, max = 2000) int count) {
    PeerId self = peer(seed);
    RoutingTable table = new RoutingTable(self.key());
    int[] perCpl = new int[Key.BITS];
    for (int i = 1; i <= count; i++) {
      PeerId p = peer(seed + i);
      InsertResult r = table.insert(p, true, T0.plusSeconds(i));
      perCpl[cpl(self.key(), p.key())]++;
      assertThat(r)
          .isInstanceOfAny(
              InsertResult.Inserted.class, InsertResult.Pending.class, InsertResult.Rejected.class);
    }
    int expectedSize = 0;
    for (int c = 0; c < Key.BITS; c++) {
      assertThat(table.bucket(c)).hasSize(Math.min(perCpl[c], 20));
      expectedSize += Math.min(perCpl[c], 20);
    }
    assertThat(table.size()).isEqualTo(expectedSize);
    List<PeerId> expected =
        table.peers().stream()
            .sorted(Comparator.comparing(p -> distance(p.key(), self.key())))
            .limit(20)
            .toList();
    assertThat(table.closest(self.key(), 20)).containsExactlyElementsOf(expected);
  }

  static void assertNowhere(RoutingTable table, PeerId p) {
    assertThat(table.contains(p)).isFalse();
    if (table.bucketIndex(p) < Key.BITS) {
      assertThat(table.replacementCandidates(table.bucketIndex(p)))
          .extracting(PeerEntry::peer)
          .doesNotContain(p);
    }
  }

  static void assertInvariants(RoutingTable table, Scenario s, Instant now) {
    Key local = s.self().key();
    List<PeerId> all = new ArrayList<>();
    for (int c = 0; c < Key.BITS; c++) {
      List<PeerEntry> entries = table.bucket(c);
      List<PeerEntry> candidates = table.replacementCandidates(c);
      assertThat(entries).hasSizeLessThanOrEqualTo(s.k());
      assertThat(candidates).hasSizeLessThanOrEqualTo(s.cacheSize());
      for (PeerEntry e : entries) {
        assertThat(cpl(local, e.peer().key())).isEqualTo(c);
        assertThat(e.addedAt()).isBeforeOrEqualTo(now);
        assertThat(e.lastSeen()).isBeforeOrEqualTo(now);
        all.add(e.peer());
      }
      for (int i = 1; i < entries.size(); i++) {
        assertThat(entries.get(i - 1).lastSeen()).isBeforeOrEqualTo(entries.get(i).lastSeen());
      }
      for (PeerEntry e : candidates) {
        assertThat(cpl(local, e.peer().key())).isEqualTo(c);
        assertThat(entries).extracting(PeerEntry::peer).doesNotContain(e.peer());
      }
      if (!candidates.isEmpty()) {
        assertThat(entries).hasSize(s.k());
      }
    }
    Set<PeerId> distinct = new HashSet<>(all);
    assertThat(distinct).hasSize(all.size()).doesNotContain(s.self());
    assertThat(table.size()).isEqualTo(all.size());
    assertThat(table.peers()).containsExactlyElementsOf(all);
  }

  static PeerId last(List<PeerEntry> entries) {
    return entries.get(entries.size() - 1).peer();
  }
}

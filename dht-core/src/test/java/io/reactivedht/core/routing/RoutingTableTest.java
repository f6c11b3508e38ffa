package io.reactivedht.core.routing;

import static io.reactivedht.core.routing.RoutingFixtures.flipBit;
import static io.reactivedht.core.routing.RoutingFixtures.peer;
import static io.reactivedht.core.routing.RoutingFixtures.peersWithCpl;
import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.routing.InsertResult.Inserted;
import io.reactivedht.core.routing.InsertResult.Pending;
import io.reactivedht.core.routing.InsertResult.Reason;
import io.reactivedht.core.routing.InsertResult.Rejected;
import io.reactivedht.core.routing.InsertResult.Removed;
import io.reactivedht.core.routing.InsertResult.Updated;
import io.reactivedht.core.testing.Vectors;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoutingTableTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final Key LOCAL = Key.of(hex("6c6f63616c")); // "local"
  static final InsertResult INSERTED = new Inserted();
  static final InsertResult UPDATED = new Updated();
  static final InsertResult FULL = new Rejected(Reason.FULL);

  /** k = 3, 2 candidates, checks on every newcomer, checks abandoned after 10 s. */
  static final RoutingTableConfig SMALL =
      new RoutingTableConfig(3, 2, Duration.ZERO, Duration.ofSeconds(10));

  static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  static List<PeerId> peersOf(List<PeerEntry> entries) {
    return entries.stream().map(PeerEntry::peer).toList();
  }

  @Nested
  class Placement {
    @ParameterizedTest(name = "bit {0} flipped -> bucket {0}")
    @ValueSource(ints = {0, 1, 7, 8, 9, 15, 16, 100, 254, 255})
    void aPeerGoesToTheBucketOfTheFirstBitItDiffersIn(int bit) {
      PeerId p = peer(1);
      RoutingTable table = new RoutingTable(flipBit(p.key(), bit));
      assertThat(table.bucketIndex(p)).isEqualTo(bit);
      assertThat(table.insert(p, true, T0)).isEqualTo(INSERTED);
      assertThat(peersOf(table.bucket(bit))).containsExactly(p);
      for (int other = 0; other < Key.BITS; other++) {
        if (other != bit) {
          assertThat(table.bucket(other)).isEmpty();
        }
      }
    }

    @Test
    void onlyTheFirstDifferingBitCounts() {
      PeerId p = peer(2);
      Key local = flipBit(flipBit(flipBit(p.key(), 12), 40), 255);
      assertThat(new RoutingTable(local).bucketIndex(p)).isEqualTo(12);
    }

    static Stream<Arguments> distanceVectors() {
      return Vectors.cases("distances.json", "cases").stream()
          .map(
              c ->
                  Arguments.of(
                      c.get("a").get("kind").asText()
                          + " "
                          + c.get("a").path("text").asText()
                          + " / "
                          + c.get("b").get("kind").asText()
                          + " "
                          + c.get("b").path("text").asText(),
                      c.get("a"),
                      c.get("b"),
                      c.get("commonPrefixLength").asInt()));
    }

    @ParameterizedTest(name = "{0} -> bucket {3}")
    @MethodSource("distanceVectors")
    void bucketIndexIsTheVectorCplEitherWayRound(
        String name, JsonNode a, JsonNode b, int expectedCpl) {
      Key keyA = Key.of(hex(a.get("bytes")));
      Key keyB = Key.of(hex(b.get("bytes")));
      assertThat(keyA.bytes()).isEqualTo(hex(a.get("kadId")));
      assertThat(keyB.bytes()).isEqualTo(hex(b.get("kadId")));
      assertThat(new RoutingTable(keyA).bucketIndex(keyB)).isEqualTo(expectedCpl);
      assertThat(new RoutingTable(keyB).bucketIndex(keyA)).isEqualTo(expectedCpl);
    }

    static Stream<Arguments> ed25519PeerVectors() {
      return Vectors.cases("distances.json", "cases").stream()
          .flatMap(
              c ->
                  Stream.of(
                      Arguments.of(c.get("a"), c.get("b"), c),
                      Arguments.of(c.get("b"), c.get("a"), c)))
          .filter(a -> ((JsonNode) a.get()[0]).path("text").asText().startsWith("12D3KooW"))
          .map(
              a -> {
                JsonNode peer = (JsonNode) a.get()[0];
                JsonNode local = (JsonNode) a.get()[1];
                return Arguments.of(
                    peer.path("text").asText()
                        + " around "
                        + local.get("kind").asText()
                        + " "
                        + local.path("text").asText(),
                    peer,
                    local,
                    ((JsonNode) a.get()[2]).get("commonPrefixLength").asInt());
              });
    }

    @ParameterizedTest(name = "{0} -> bucket {3}")
    @MethodSource("ed25519PeerVectors")
    void aVectorPeerIsStoredInTheBucketOfItsCpl(
        String name, JsonNode peerNode, JsonNode localNode, int expectedCpl) {
      PeerId peer = PeerId.fromBytes(hex(peerNode.get("bytes")));
      RoutingTable table = new RoutingTable(Key.of(hex(localNode.get("bytes"))));
      InsertResult result = table.insert(peer, true, T0);
      if (expectedCpl == Key.BITS) {
        assertThat(result).isEqualTo(new Rejected(Reason.SELF));
        assertThat(table.size()).isZero();
      } else {
        assertThat(result).isEqualTo(INSERTED);
        assertThat(table.bucketIndex(peer)).isEqualTo(expectedCpl);
        assertThat(peersOf(table.bucket(expectedCpl))).containsExactly(peer);
      }
    }

    @Test
    void theLocalPeerIsNeverStored() {
      PeerId self = peer(3);
      RoutingTable table = new RoutingTable(self.key());
      assertThat(table.bucketIndex(self)).isEqualTo(256);
      assertThat(table.insert(self, true, T0)).isEqualTo(new Rejected(Reason.SELF));
      assertThat(table.insert(self, false, T0)).isEqualTo(new Rejected(Reason.SELF));
      assertThat(table.contains(self)).isFalse();
      assertThat(table.remove(self, T0)).isEmpty();
      assertThat(table.livenessChecked(self, false, T0)).isEmpty();
      assertThat(table.size()).isZero();
    }

    @Test
    void bucketIndicesOutsideTheTableAreRejected() {
      RoutingTable table = new RoutingTable(LOCAL);
      assertThatThrownBy(() -> table.bucket(256)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> table.bucket(-1)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> table.replacementCandidates(256))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class LeastRecentlySeenOrder {
    final RoutingTable table = new RoutingTable(LOCAL, SMALL);
    final List<PeerId> p = peersWithCpl(LOCAL, 0, 3);

    @Test
    void entriesRunFromLeastToMostRecentlySeen() {
      assertThat(table.insert(p.get(0), true, at(1))).isEqualTo(INSERTED);
      assertThat(table.insert(p.get(1), true, at(2))).isEqualTo(INSERTED);
      assertThat(table.insert(p.get(2), true, at(3))).isEqualTo(INSERTED);
      assertThat(peersOf(table.bucket(0))).containsExactly(p.get(0), p.get(1), p.get(2));

      assertThat(table.insert(p.get(0), true, at(4))).isEqualTo(UPDATED);
      assertThat(peersOf(table.bucket(0))).containsExactly(p.get(1), p.get(2), p.get(0));
      assertThat(table.entry(p.get(0))).contains(new PeerEntry(p.get(0), at(1), at(4)));
      assertThat(table.size()).isEqualTo(3);
      assertThat(table.peers()).containsExactly(p.get(1), p.get(2), p.get(0));
    }

    @Test
    void anAliveReportAlsoMovesAnEntryToTheEnd() {
      p.forEach(peer -> table.insert(peer, true, at(1)));
      assertThat(table.livenessChecked(p.get(1), true, at(5))).isEmpty();
      assertThat(table.bucket(0))
          .containsExactly(
              new PeerEntry(p.get(0), at(1), at(1)),
              new PeerEntry(p.get(2), at(1), at(1)),
              new PeerEntry(p.get(1), at(1), at(5)));
    }
  }

  @Nested
  class FullBucket {
    final RoutingTable table = new RoutingTable(LOCAL, SMALL);
    final List<PeerId> members = peersWithCpl(LOCAL, 0, 6);
    final PeerId a = members.get(0);
    final PeerId b = members.get(1);
    final PeerId c = members.get(2);
    final PeerId x = members.get(3);
    final PeerId y = members.get(4);
    final PeerId z = members.get(5);

    void fill() {
      table.insert(a, true, at(1));
      table.insert(b, true, at(2));
      table.insert(c, true, at(3));
    }

    @Test
    void aNewcomerAsksForAPingOfTheOldestAndWaitsAsACandidate() {
      fill();
      assertThat(table.insert(x, true, at(10))).isEqualTo(new Pending(a));
      assertThat(table.contains(x)).isFalse();
      assertThat(table.replacementCandidates(0)).containsExactly(new PeerEntry(x, at(10), at(10)));
      assertThat(table.size()).isEqualTo(3);
    }

    @Test
    void whileACheckRunsFurtherNewcomersAreCachedWithoutAnotherPing() {
      fill();
      table.insert(x, true, at(10));
      assertThat(table.insert(y, true, at(11))).isEqualTo(FULL);
      assertThat(table.insert(x, true, at(12))).isEqualTo(FULL);
      assertThat(table.replacementCandidates(0))
          .containsExactly(new PeerEntry(y, at(11), at(11)), new PeerEntry(x, at(10), at(12)));
    }

    @Test
    void aDeadOldestIsEvictedAndTheMostRecentCandidateTakesItsPlace() {
      fill();
      table.insert(x, true, at(10));
      table.insert(y, true, at(11));
      assertThat(table.livenessChecked(a, false, at(12))).contains(new Removal(a, y));
      assertThat(table.bucket(0))
          .containsExactly(
              new PeerEntry(b, at(2), at(2)),
              new PeerEntry(c, at(3), at(3)),
              new PeerEntry(y, at(12), at(11)));
      assertThat(peersOf(table.replacementCandidates(0))).containsExactly(x);
      assertThat(table.contains(a)).isFalse();
      assertThat(table.size()).isEqualTo(3);
      // the check is over: the next newcomer asks about the new oldest
      assertThat(table.insert(z, true, at(13))).isEqualTo(new Pending(b));
    }

    @Test
    void anAliveOldestMovesToTheEndAndTheCandidateStaysCached() {
      fill();
      table.insert(x, true, at(10));
      assertThat(table.livenessChecked(a, true, at(11))).isEmpty();
      assertThat(peersOf(table.bucket(0))).containsExactly(b, c, a);
      assertThat(table.entry(a)).contains(new PeerEntry(a, at(1), at(11)));
      assertThat(peersOf(table.replacementCandidates(0))).containsExactly(x);
      assertThat(table.insert(y, true, at(12))).isEqualTo(new Pending(b));
    }

    @Test
    void hearingFromTheCheckedPeerEndsTheCheck() {
      fill();
      table.insert(x, true, at(10));
      assertThat(table.insert(a, true, at(11))).isEqualTo(UPDATED);
      assertThat(table.insert(y, true, at(12))).isEqualTo(new Pending(b));
    }

    @Test
    void anUnansweredCheckIsAbandonedAfterTheTimeout() {
      fill();
      assertThat(table.insert(x, true, at(10))).isEqualTo(new Pending(a));
      assertThat(table.insert(y, true, at(19))).isEqualTo(FULL);
      assertThat(table.insert(y, true, at(20))).isEqualTo(new Pending(a));
      assertThat(table.size()).isEqualTo(3);
      assertThat(table.contains(a)).isTrue();
    }

    @Test
    void aBucketWhoseOldestWasSeenRecentlyAsksForNoPing() {
      RoutingTable fresh = new RoutingTable(LOCAL, SMALL.withStaleAfter(Duration.ofSeconds(60)));
      fresh.insert(a, true, at(0));
      fresh.insert(b, true, at(30));
      fresh.insert(c, true, at(40));
      assertThat(fresh.insert(x, true, at(59))).isEqualTo(FULL);
      assertThat(peersOf(fresh.replacementCandidates(0))).containsExactly(x);
      assertThat(fresh.insert(y, true, at(60))).isEqualTo(new Pending(a));
    }

    @Test
    void theReplacementCacheKeepsTheMostRecentCandidates() {
      fill();
      table.insert(x, true, at(10));
      table.insert(y, true, at(11));
      table.insert(z, true, at(12));
      assertThat(peersOf(table.replacementCandidates(0))).containsExactly(y, z);
      table.insert(y, true, at(13));
      assertThat(peersOf(table.replacementCandidates(0))).containsExactly(z, y);
    }

    @Test
    void otherBucketsAreUnaffected() {
      fill();
      PeerId deeper = peersWithCpl(LOCAL, 1, 1).get(0);
      assertThat(table.insert(x, true, at(10))).isEqualTo(new Pending(a));
      assertThat(table.insert(deeper, true, at(11))).isEqualTo(INSERTED);
      assertThat(table.size()).isEqualTo(4);
    }
  }

  @Nested
  class Removing {
    final RoutingTable table = new RoutingTable(LOCAL, SMALL);
    final List<PeerId> p = peersWithCpl(LOCAL, 0, 5);

    @Test
    void removingPromotesTheMostRecentCandidate() {
      table.insert(p.get(0), true, at(1));
      table.insert(p.get(1), true, at(2));
      table.insert(p.get(2), true, at(3));
      table.insert(p.get(3), true, at(4));
      table.insert(p.get(4), true, at(5));
      assertThat(table.remove(p.get(1), at(6))).contains(new Removal(p.get(1), p.get(4)));
      assertThat(peersOf(table.bucket(0))).containsExactly(p.get(0), p.get(2), p.get(4));
      assertThat(peersOf(table.replacementCandidates(0))).containsExactly(p.get(3));
      assertThat(table.size()).isEqualTo(3);
    }

    @Test
    void aPromotedCandidateIsPlacedByWhenItWasLastSeen() {
      table.insert(p.get(0), true, at(1));
      table.insert(p.get(1), true, at(2));
      table.insert(p.get(2), true, at(3));
      table.insert(p.get(3), true, at(4)); // pending check of p0
      table.insert(p.get(1), true, at(5));
      table.insert(p.get(2), true, at(6));
      assertThat(table.remove(p.get(0), at(7))).contains(new Removal(p.get(0), p.get(3)));
      assertThat(table.bucket(0))
          .containsExactly(
              new PeerEntry(p.get(3), at(7), at(4)),
              new PeerEntry(p.get(1), at(2), at(5)),
              new PeerEntry(p.get(2), at(3), at(6)));
    }

    @Test
    void removingWithAnEmptyCacheShrinksTheTable() {
      table.insert(p.get(0), true, at(1));
      table.insert(p.get(1), true, at(2));
      assertThat(table.remove(p.get(0), at(3))).contains(new Removal(p.get(0), null));
      assertThat(table.size()).isEqualTo(1);
      assertThat(table.contains(p.get(0))).isFalse();
      assertThat(table.remove(p.get(0), at(4))).isEmpty();
      assertThat(table.livenessChecked(p.get(0), true, at(4))).isEmpty();
      assertThat(table.contains(p.get(0))).isFalse();
    }

    @Test
    void removingACandidateOnlyForgetsIt() {
      for (int i = 0; i < 5; i++) {
        table.insert(p.get(i), true, at(i));
      }
      assertThat(table.remove(p.get(3), at(9))).isEmpty();
      assertThat(peersOf(table.replacementCandidates(0))).containsExactly(p.get(4));
      assertThat(table.size()).isEqualTo(3);
    }

    @Test
    void anUnknownPeerIsNotRemoved() {
      assertThat(table.remove(p.get(0), at(1))).isEmpty();
      assertThat(table.size()).isZero();
    }
  }

  @Nested
  class ServerMode {
    final RoutingTable table = new RoutingTable(LOCAL, SMALL);
    final List<PeerId> p = peersWithCpl(LOCAL, 0, 4);

    @Test
    void aClientIsNotAdmitted() {
      assertThat(table.insert(p.get(0), false, at(1))).isEqualTo(new Rejected(Reason.NOT_A_SERVER));
      assertThat(table.contains(p.get(0))).isFalse();
      assertThat(table.size()).isZero();
    }

    @Test
    void aPeerThatSwitchesToClientModeLeavesAndACandidateTakesItsPlace() {
      for (int i = 0; i < 4; i++) {
        table.insert(p.get(i), true, at(i));
      }
      assertThat(table.insert(p.get(1), false, at(5)))
          .isEqualTo(new Removed(new Removal(p.get(1), p.get(3))));
      assertThat(peersOf(table.bucket(0))).containsExactly(p.get(0), p.get(2), p.get(3));
      assertThat(table.size()).isEqualTo(3);
    }

    @Test
    void aPeerThatSwitchesToClientModeWithNoCandidatesShrinksTheTable() {
      table.insert(p.get(0), true, at(1));
      assertThat(table.insert(p.get(0), false, at(2)))
          .isEqualTo(new Removed(new Removal(p.get(0), null)));
      assertThat(table.size()).isZero();
    }

    @Test
    void aCandidateThatSwitchesToClientModeIsForgotten() {
      for (int i = 0; i < 4; i++) {
        table.insert(p.get(i), true, at(i));
      }
      assertThat(table.insert(p.get(3), false, at(5))).isEqualTo(new Rejected(Reason.NOT_A_SERVER));
      assertThat(table.replacementCandidates(0)).isEmpty();
    }
  }
}

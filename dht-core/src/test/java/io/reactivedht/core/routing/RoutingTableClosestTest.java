package io.reactivedht.core.routing;

import static io.reactivedht.core.routing.RoutingFixtures.flipBit;
import static io.reactivedht.core.routing.RoutingFixtures.peer;
import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.testing.Vectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoutingTableClosestTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  static Stream<Arguments> sortingVectors() {
    return Vectors.cases("distances.json", "sorting").stream()
        .map(c -> Arguments.of(c.get("name").asText(), c));
  }

  static List<PeerId> peerIds(JsonNode textArray) {
    List<PeerId> out = new ArrayList<>();
    textArray.forEach(t -> out.add(PeerId.parse(t.asText())));
    return out;
  }

  /**
   * The js order of the vector peers, whatever the local key: the table's buckets must not change
   * it.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("sortingVectors")
  void closestFollowsTheJsOrder(String name, JsonNode c) {
    Key target = Key.of(hex(c.get("target").get("bytes")));
    assertThat(target.bytes()).isEqualTo(hex(c.get("target").get("kadId")));
    for (Key local :
        List.of(Key.of(hex("6c6f63616c")), target, flipBit(target, 0), flipBit(target, 3))) {
      RoutingTable table = new RoutingTable(local);
      c.get("peers").forEach(p -> table.insert(PeerId.fromBytes(hex(p.get("bytes"))), true, T0));
      assertThat(table.size()).isEqualTo(10);
      assertThat(table.closest(target, 5)).containsExactlyElementsOf(peerIds(c.get("closest5")));
      assertThat(table.closest(target, 10))
          .containsExactlyElementsOf(peerIds(c.get("expectedOrder")));
      assertThat(table.closest(target, 50))
          .containsExactlyElementsOf(peerIds(c.get("expectedOrder")));
    }
  }

  /**
   * Local key L = 0...0 and one peer in each of buckets 0, 1, 2, 3, 4, 5 and 7; the target t =
   * 00101000... (bits 2 and 4 set). A peer in bucket i is i zeros, a one, then random bits; XORed
   * with t, the first bits of its distance are: bucket 2 -> 000, bucket 4 -> 00100, bucket 7 ->
   * 00101001, bucket 5 -> 001011, bucket 3 -> 0011, bucket 1 -> 01, bucket 0 -> 1. So bucket 7
   * comes before bucket 5.
   */
  @Test
  void bucketsAreVisitedInDistanceOrder() {
    Key local = Key.fromDigest(new byte[32]);
    Key target = flipBit(flipBit(local, 2), 4);
    List<PeerId> byBucket = new ArrayList<>();
    RoutingTable table = new RoutingTable(local);
    for (int bucket : new int[] {0, 1, 2, 3, 4, 5, 7}) {
      PeerId p = RoutingFixtures.peersWithCpl(local, bucket, 1).get(0);
      table.insert(p, true, T0);
      byBucket.add(p);
    }
    List<PeerId> expected =
        List.of(
            byBucket.get(2),
            byBucket.get(4),
            byBucket.get(6),
            byBucket.get(5),
            byBucket.get(3),
            byBucket.get(1),
            byBucket.get(0));
    assertThat(table.closest(target, 7)).containsExactlyElementsOf(expected);
    assertThat(table.closest(target, 3)).containsExactlyElementsOf(expected.subList(0, 3));
  }

  @Test
  void closestToTheLocalKeyStartsFromTheDeepestBucket() {
    PeerId p = peer(7);
    Key local = flipBit(p.key(), 9);
    RoutingTable table = new RoutingTable(local);
    PeerId shallow = RoutingFixtures.peersWithCpl(local, 0, 1).get(0);
    table.insert(shallow, true, T0);
    table.insert(p, true, T0);
    assertThat(table.closest(local, 2)).containsExactly(p, shallow);
  }

  @Test
  void edgeCounts() {
    RoutingTable table = new RoutingTable(Key.of(new byte[] {1}));
    Key target = Key.of(new byte[] {2});
    assertThat(table.closest(target, 20)).isEmpty();
    table.insert(peer(1), true, T0);
    assertThat(table.closest(target, 0)).isEmpty();
    assertThat(table.closest(target, 20)).containsExactly(peer(1));
    assertThatThrownBy(() -> table.closest(target, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

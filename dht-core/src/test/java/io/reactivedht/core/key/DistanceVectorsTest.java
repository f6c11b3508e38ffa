package io.reactivedht.core.key;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactivedht.core.testing.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case and sorting case of vectors/distances.json (computed with @libp2p/kad-dht). */
class DistanceVectorsTest {
  static Stream<Arguments> cases() {
    return Vectors.cases("distances.json", "cases").stream().map(c -> Arguments.of(name(c), c));
  }

  static Stream<Arguments> sorting() {
    return Vectors.cases("distances.json", "sorting").stream()
        .map(c -> Arguments.of(c.get("name").asText(), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hashesKeysWithSha256(String name, JsonNode c) {
    for (JsonNode side : List.of(c.get("a"), c.get("b"))) {
      Key key = Key.of(hex(side.get("bytes").asText()));
      assertThat(key.toString()).isEqualTo(side.get("kadId").asText());
      assertThat(hex(key.bytes())).isEqualTo(side.get("kadId").asText());
      assertThat(Key.fromDigest(hex(side.get("kadId").asText()))).isEqualTo(key);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void computesTheXorDistanceBothWays(String name, JsonNode c) {
    Key a = Key.of(hex(c.get("a").get("bytes").asText()));
    Key b = Key.of(hex(c.get("b").get("bytes").asText()));
    assertThat(a.distanceTo(b).toString()).isEqualTo(c.get("distance").asText());
    assertThat(hex(b.distanceTo(a).bytes())).isEqualTo(c.get("distance").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void computesTheCommonPrefixLength(String name, JsonNode c) {
    Key a = Key.of(hex(c.get("a").get("bytes").asText()));
    Key b = Key.of(hex(c.get("b").get("bytes").asText()));
    int expected = c.get("commonPrefixLength").asInt();
    assertThat(a.commonPrefixLength(b)).isEqualTo(expected);
    assertThat(b.commonPrefixLength(a)).isEqualTo(expected);
    assertThat(a.distanceTo(b).commonPrefixLength()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sorting")
  void ordersPeersByDistanceToTheTarget(String name, JsonNode c) {
    Key target = Key.of(hex(c.get("target").get("bytes").asText()));
    assertThat(target.toString()).isEqualTo(c.get("target").get("kadId").asText());
    List<Key> keys = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (JsonNode peer : c.get("peers")) {
      Key key = Key.of(hex(peer.get("bytes").asText()));
      assertThat(key.toString()).isEqualTo(peer.get("kadId").asText());
      assertThat(target.distanceTo(key).toString()).isEqualTo(peer.get("distance").asText());
      keys.add(key);
      ids.add(peer.get("peerId").asText());
    }

    List<Integer> byComparator = sortedIndices(keys, target.byDistance());
    List<Integer> byDistance = sortedIndices(keys, Comparator.comparing(target::distanceTo));

    List<Integer> expectedIndices = new ArrayList<>();
    c.get("expectedOrderIndices").forEach(i -> expectedIndices.add(i.asInt()));
    assertThat(byComparator).isEqualTo(expectedIndices);
    assertThat(byDistance).isEqualTo(expectedIndices);
    assertThat(byComparator.stream().map(ids::get).toList())
        .isEqualTo(texts(c.get("expectedOrder")));
    assertThat(byComparator.subList(0, 5).stream().map(ids::get).toList())
        .isEqualTo(texts(c.get("closest5")));
  }

  private static List<Integer> sortedIndices(List<Key> keys, Comparator<Key> order) {
    return IntStream.range(0, keys.size())
        .boxed()
        .sorted(Comparator.comparing(keys::get, order))
        .toList();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String name(JsonNode c) {
    String pair = c.get("a").get("kind").asText() + " / " + c.get("b").get("kind").asText();
    return c.has("note") ? pair + ": " + c.get("note").asText() : pair;
  }
}

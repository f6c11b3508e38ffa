package io.reactivedht.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KeyIndexTest {
  private final SplittableRandom random = new SplittableRandom(5);

  @Test
  void aSeededTableHoldsMinOfKAndTheBucketsSizeFromEveryBucketAsBruteForceFindsThem() {
    List<PeerId> all = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      all.add(PeerId.fromBytes(Multihash.sha256(seed).bytes()));
    }
    KeyIndex index = new KeyIndex(all);
    int k = 5;

    for (PeerId node : all.subList(0, 50)) {
      Map<Integer, Long> buckets =
          bucketsOf(node, all.stream().filter(p -> !p.equals(node)).toList());

      List<PeerId> table = index.tableOf(node, k, random);

      assertThat(table).doesNotHaveDuplicates().doesNotContain(node);
      Map<Integer, Long> seeded = bucketsOf(node, table);
      buckets.forEach(
          (bucket, size) ->
              assertThat(seeded.getOrDefault(bucket, 0L))
                  .as("bucket %d of %s", bucket, node)
                  .isEqualTo(Math.min(k, size)));
      assertThat(seeded.keySet()).isEqualTo(buckets.keySet());
    }
  }

  /** Peers per common prefix length with {@code node}. */
  private static Map<Integer, Long> bucketsOf(PeerId node, List<PeerId> peers) {
    return peers.stream()
        .collect(
            Collectors.groupingBy(
                p -> node.key().commonPrefixLength(p.key()), TreeMap::new, Collectors.counting()));
  }
}

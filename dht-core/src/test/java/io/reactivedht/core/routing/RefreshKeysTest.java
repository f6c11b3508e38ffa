package io.reactivedht.core.routing;

import static io.reactivedht.core.routing.RoutingFixtures.cpl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefreshKeysTest {
  static final Key LOCAL = Key.of("local".getBytes(StandardCharsets.UTF_8));

  @ParameterizedTest(name = "cpl {0}")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
  void theHashOfTheKeyHasExactlyTheRequestedCpl(int cpl) {
    SplittableRandom random = new SplittableRandom(cpl);
    for (int i = 0; i < 3; i++) {
      byte[] raw = RefreshKeys.forCpl(LOCAL, cpl, random);
      assertThat(cpl(LOCAL, Key.of(raw))).isEqualTo(cpl);
      assertThat(new RoutingTable(LOCAL).bucketIndex(Key.of(raw))).isEqualTo(cpl);
      assertThat(raw).hasSize(RefreshKeys.LENGTH);
      assertThat(Arrays.copyOf(raw, 2)).containsExactly(0x12, 0x20);
      assertThat(PeerId.fromBytes(raw).multihash().code()).isEqualTo(Multihash.SHA2_256);
    }
  }

  @Test
  void theSameSeedGivesTheSameKeys() {
    assertThat(RefreshKeys.forCpl(LOCAL, 9, new SplittableRandom(7)))
        .isEqualTo(RefreshKeys.forCpl(LOCAL, 9, new SplittableRandom(7)))
        .isNotEqualTo(RefreshKeys.forCpl(LOCAL, 9, new SplittableRandom(8)));
  }

  @Test
  void cplsOutsideTheRefreshRangeAreRejected() {
    SplittableRandom random = new SplittableRandom(1);
    assertThatThrownBy(() -> RefreshKeys.forCpl(LOCAL, 16, random))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RefreshKeys.forCpl(LOCAL, -1, random))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theShippedSeedTableIsTheOneComputed() throws IOException {
    int[] computed = RefreshKeys.computeSeeds();
    ByteBuffer expected = ByteBuffer.allocate(computed.length * 4);
    expected.asIntBuffer().put(computed);
    try (InputStream shipped = RefreshKeys.class.getResourceAsStream(RefreshKeys.SEEDS_RESOURCE)) {
      assertThat(shipped).isNotNull();
      assertThat(shipped.readAllBytes()).isEqualTo(expected.array());
    }
  }

  /**
   * Writes the seed table (run once, from the module directory, if the key derivation changes).
   *
   * @param args unused
   */
  public static void main(String[] args) throws IOException {
    int[] seeds = RefreshKeys.computeSeeds();
    ByteBuffer bytes = ByteBuffer.allocate(seeds.length * 4);
    bytes.asIntBuffer().put(seeds);
    Path file =
        Path.of("src/main/resources/io/reactivedht/core/routing", RefreshKeys.SEEDS_RESOURCE);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes.array());
  }
}

package io.reactivedht.core.routing;

import static io.reactivedht.core.routing.RoutingFixtures.cpl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
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
  void aGeneratorThatNeverHitsIsNotTriedForever() {
    RandomGenerator zeros = () -> 0L;
    byte[] zeroKey = new byte[RefreshKeys.LENGTH];
    zeroKey[0] = 0x12;
    zeroKey[1] = 0x20;
    Key local = Key.of(zeroKey); // every attempt hashes to the local key itself: CPL 256
    assertThatThrownBy(() -> RefreshKeys.forCpl(local, 0, zeros))
        .isInstanceOf(IllegalStateException.class);
  }
}

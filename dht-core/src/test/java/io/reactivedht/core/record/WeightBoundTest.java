package io.reactivedht.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class WeightBoundTest {
  @Test
  void theFloorIsTheByteBoundSharedOutRoundedUp() {
    assertThat(WeightBound.of(10, 100).floor()).isEqualTo(10);
    assertThat(WeightBound.of(3, 10).floor()).isEqualTo(4);
    assertThat(WeightBound.of(10, 5).floor()).isEqualTo(1);
    assertThat(WeightBound.of(16_384, 64L << 20).floor()).isEqualTo(4_096);
  }

  @Test
  void anEntryWeighsItsBytesButNoLessThanTheFloor() {
    WeightBound bound = WeightBound.of(10, 1_000);
    assertThat(bound.weigh(0)).isEqualTo(100);
    assertThat(bound.weigh(99)).isEqualTo(100);
    assertThat(bound.weigh(101)).isEqualTo(101);
    assertThat(bound.weigh(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void boundsMustBePositiveAndTheFloorMustFitAnInt() {
    assertThatThrownBy(() -> WeightBound.of(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WeightBound.of(10, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WeightBound.of(1, 1L << 40))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The two facts the design note rests on: bytes never exceed the weight, and maxCount + 1 floors
   * overflow it.
   */
  @Property(seed = "42")
  void fullWeightImpliesBothBounds(
      @ForAll @IntRange(min = 1, max = 1_000_000) int maxCount,
      @ForAll @LongRange(min = 1, max = 1L << 40) long maxBytes,
      @ForAll @LongRange(min = 0, max = 1L << 20) long bytes) {
    if (maxBytes / maxCount >= Integer.MAX_VALUE) {
      return;
    }
    WeightBound bound = WeightBound.of(maxCount, maxBytes);
    assertThat((long) bound.weigh(bytes)).isGreaterThanOrEqualTo(bytes);
    assertThat((long) (maxCount + 1) * bound.floor()).isGreaterThan(maxBytes);
    assertThat((long) maxCount * (bound.floor() - 1))
        .isLessThan(maxBytes); // the floor is no larger than needed
  }
}

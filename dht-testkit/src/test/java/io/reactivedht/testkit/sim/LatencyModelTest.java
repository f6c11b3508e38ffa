package io.reactivedht.testkit.sim;

import static io.reactivedht.testkit.sim.SimFixtures.ms;
import static io.reactivedht.testkit.sim.SimFixtures.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.reactivedht.core.peer.PeerId;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class LatencyModelTest {
  private static final PeerId A = peer(1);
  private static final PeerId B = peer(2);

  @Test
  void constantGivesTheSameDelayWithoutDrawing() {
    RandomGenerator untouchable =
        () -> {
          throw new AssertionError("drew a random number");
        };
    assertThat(LatencyModel.constant(ms(40)).sample(A, B, untouchable)).isEqualTo(ms(40));
    assertThat(LatencyModel.constant(Duration.ZERO).sample(A, B, untouchable)).isZero();
  }

  @Test
  void constantRejectsANegativeDelay() {
    assertThatThrownBy(() -> LatencyModel.constant(ms(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void logNormalOneWayDelaysHaveHalfTheRttAsMedianAndOneSigmaSpread() {
    LatencyModel model = LatencyModel.logNormal(ms(100), 0.5);
    SplittableRandom random = new SplittableRandom(42);
    long[] nanos = new long[20_001];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = model.sample(A, B, random).toNanos();
    }
    Arrays.sort(nanos);
    assertThat((double) nanos[nanos.length / 2]).isCloseTo(50e6, within(2.5e6));
    // A normal variable lies within one sigma of its median 68.3% of the time.
    double low = 50e6 * Math.exp(-0.5);
    double high = 50e6 * Math.exp(0.5);
    long inside = Arrays.stream(nanos).filter(n -> n >= low && n <= high).count();
    assertThat(inside / (double) nanos.length).isCloseTo(0.683, within(0.015));
  }

  @Test
  void logNormalClampsTheNormalDrawAtFourSigma() {
    LatencyModel model = LatencyModel.logNormal(ms(100), 0.5);
    assertThat(model.sample(A, B, gaussian(10)).toNanos())
        .isCloseTo(Math.round(50e6 * Math.exp(2)), within(1L));
    assertThat(model.sample(A, B, gaussian(-10)).toNanos())
        .isCloseTo(Math.round(50e6 * Math.exp(-2)), within(1L));
  }

  @Test
  void logNormalWithoutSpreadIsHalfTheRtt() {
    assertThat(LatencyModel.logNormal(ms(80), 0).sample(A, B, new SplittableRandom(1)))
        .isEqualTo(ms(40));
  }

  @Test
  void logNormalRepeatsForTheSameSeed() {
    LatencyModel model = LatencyModel.logNormal(ms(100), 1);
    SplittableRandom first = new SplittableRandom(7);
    SplittableRandom second = new SplittableRandom(7);
    for (int i = 0; i < 100; i++) {
      assertThat(model.sample(A, B, first)).isEqualTo(model.sample(A, B, second));
    }
  }

  @Test
  void logNormalRejectsBadParameters() {
    assertThatThrownBy(() -> LatencyModel.logNormal(Duration.ZERO, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LatencyModel.logNormal(ms(100), -0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LatencyModel.logNormal(ms(100), 3.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LatencyModel.logNormal(ms(100), Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A generator whose every normal draw is {@code z}. */
  private static RandomGenerator gaussian(double z) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new AssertionError("only nextGaussian is expected");
      }

      @Override
      public double nextGaussian() {
        return z;
      }
    };
  }
}

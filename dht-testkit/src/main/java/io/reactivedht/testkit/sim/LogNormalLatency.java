package io.reactivedht.testkit.sim;

import io.reactivedht.core.peer.PeerId;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * One-way delays {@code medianRtt / 2 * exp(sigma * z)}, z standard normal clamped to [-4, 4].
 *
 * @param medianRtt the median round trip, positive
 * @param sigma the spread of the log of a one-way delay, 0 to 3
 */
record LogNormalLatency(Duration medianRtt, double sigma) implements LatencyModel {
  private static final double MAX_Z = 4;

  LogNormalLatency {
    if (medianRtt.isNegative() || medianRtt.isZero()) {
      throw new IllegalArgumentException("median RTT must be positive, got " + medianRtt);
    }
    if (!(sigma >= 0 && sigma <= 3)) {
      throw new IllegalArgumentException("sigma must be between 0 and 3, got " + sigma);
    }
  }

  @Override
  public Duration sample(PeerId from, PeerId to, RandomGenerator random) {
    double z = Math.max(-MAX_Z, Math.min(MAX_Z, random.nextGaussian()));
    return Duration.ofNanos(Math.round(medianRtt.toNanos() / 2.0 * Math.exp(sigma * z)));
  }
}

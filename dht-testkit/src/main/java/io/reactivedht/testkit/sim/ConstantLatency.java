package io.reactivedht.testkit.sim;

import io.reactivedht.core.peer.PeerId;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * @param oneWay the delay of every message, zero or positive
 */
record ConstantLatency(Duration oneWay) implements LatencyModel {
  ConstantLatency {
    if (oneWay.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative, got " + oneWay);
    }
  }

  @Override
  public Duration sample(PeerId from, PeerId to, RandomGenerator random) {
    return oneWay;
  }
}

package io.reactivedht.testkit.sim;

import io.reactivedht.core.peer.PeerId;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long one message takes from one node to another. Sampled once per message, with the network's
 * lock held: an implementation must be quick, must not call back into the network, and must draw
 * its randomness only from {@code random} (the network's seeded generator) so that runs repeat.
 */
@FunctionalInterface
public interface LatencyModel {
  /**
   * The one-way delay of one message.
   *
   * @param from the sender
   * @param to the receiver
   * @param random the network's generator
   * @return a delay, zero or positive
   */
  Duration sample(PeerId from, PeerId to, RandomGenerator random);

  /**
   * The same one-way delay for every message; {@link Duration#ZERO} delivers on the next scheduler
   * turn.
   *
   * @param oneWay the delay of every message; zero or positive
   * @return the model
   */
  static LatencyModel constant(Duration oneWay) {
    return new ConstantLatency(oneWay);
  }

  /**
   * One-way delays spread log-normally around half of {@code medianRtt}: {@code medianRtt / 2 *
   * exp(sigma * z)} with z standard normal, clamped to [-4, 4] so that no sample is absurd. A round
   * trip, two independent samples, has a median a little above {@code medianRtt} (6% above for
   * sigma 0.5, 22% for 1). With sigma 0.5, 68% of one-way delays lie within 0.6x to 1.65x of their
   * median, 95% within 0.37x to 2.7x; 0 makes the model constant.
   *
   * @param medianRtt the median round-trip time, positive
   * @param sigma the spread, 0 to 3
   * @return the model; each message gets its own sample
   */
  static LatencyModel logNormal(Duration medianRtt, double sigma) {
    return new LogNormalLatency(medianRtt, sigma);
  }
}

package io.reactivedht.testkit.sim;

import java.util.List;

/**
 * One value per measured lookup, in the order the lookups ran: what a report's percentiles and
 * means summarize, kept for plots.
 *
 * @param latencyMs each lookup's duration in simulated milliseconds
 * @param hops each lookup's longest referral chain
 * @param requests the requests each lookup sent
 */
public record LookupSamples(List<Double> latencyMs, List<Double> hops, List<Double> requests) {
  /**
   * Copies the lists.
   *
   * @param latencyMs durations in simulated milliseconds
   * @param hops referral chain lengths
   * @param requests requests sent
   */
  public LookupSamples {
    latencyMs = List.copyOf(latencyMs);
    hops = List.copyOf(hops);
    requests = List.copyOf(requests);
  }

  /** No lookups. */
  public static final LookupSamples NONE = new LookupSamples(List.of(), List.of(), List.of());
}

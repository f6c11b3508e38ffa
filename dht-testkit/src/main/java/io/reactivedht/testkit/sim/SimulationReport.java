package io.reactivedht.testkit.sim;

import java.util.Locale;

/**
 * What a {@link Simulation} measured. Latencies are simulated (virtual) time; {@code wallSeconds}
 * is real time.
 *
 * @param nodes DHT servers in the network that answer (unresponsive ones not counted)
 * @param lookups closest-peer lookups measured
 * @param recallMean mean share of the true k closest (from global knowledge) that a lookup returned
 * @param successRate share of lookups that returned all of the true k closest
 * @param honestClosestRate share of lookups whose result holds the honest node closest to the key
 *     (with Sybils, the victim whose id was looked up)
 * @param hopsP50 median of the longest referral chain per lookup
 * @param hopsP90 90th percentile of the same
 * @param rpcsMean requests sent per lookup
 * @param latencyMsP50 median lookup duration in simulated milliseconds
 * @param latencyMsP90 90th percentile of the same
 * @param latencyMsP99 99th percentile of the same
 * @param getSuccessRate share of gets (with quorum, from a random honest node) that returned the
 *     value put
 * @param getQuorumRate share of gets that received their quorum of valid records
 * @param correctionsMean correction PUTs per get
 * @param findProvidersSuccessRate share of provider searches (from a random honest node) that found
 *     the provider
 * @param heapBytesPerNode heap used by the network divided by its node count
 * @param wallSeconds real time the whole run took
 * @param formation how the network was formed
 * @param samples the per-lookup values the percentiles and means come from, for plots
 */
public record SimulationReport(
    int nodes,
    int lookups,
    double recallMean,
    double successRate,
    double honestClosestRate,
    double hopsP50,
    double hopsP90,
    double rpcsMean,
    double latencyMsP50,
    double latencyMsP90,
    double latencyMsP99,
    double getSuccessRate,
    double getQuorumRate,
    double correctionsMean,
    double findProvidersSuccessRate,
    long heapBytesPerNode,
    double wallSeconds,
    Formation formation,
    LookupSamples samples) {

  /**
   * One JSON object with snake_case names.
   *
   * @return every component on one line, under its snake_case name (e.g. {@code recall_mean}),
   *     rates with 4 decimals
   */
  public String toJson() {
    return String.format(
        Locale.ROOT,
        "{\"nodes\":%d,\"lookups\":%d,\"recall_mean\":%.4f,\"success_rate\":%.4f,\"honest_closest_rate\":%.4f,"
            + "\"hops_p50\":%.1f,\"hops_p90\":%.1f,\"rpcs_mean\":%.2f,\"latency_ms_p50\":%.1f,\"latency_ms_p90\":%.1f,"
            + "\"latency_ms_p99\":%.1f,\"get_success_rate\":%.4f,\"get_quorum_rate\":%.4f,\"corrections_mean\":%.2f,"
            + "\"find_providers_success_rate\":%.4f,\"heap_bytes_per_node\":%d,\"wall_seconds\":%.1f,"
            + "\"formation\":\"%s\"}",
        nodes,
        lookups,
        recallMean,
        successRate,
        honestClosestRate,
        hopsP50,
        hopsP90,
        rpcsMean,
        latencyMsP50,
        latencyMsP90,
        latencyMsP99,
        getSuccessRate,
        getQuorumRate,
        correctionsMean,
        findProvidersSuccessRate,
        heapBytesPerNode,
        wallSeconds,
        formation.name().toLowerCase(Locale.ROOT));
  }

  /**
   * A readable table, one metric a line.
   *
   * @return a label and a right-aligned value per line, fractional values with 4 decimals
   */
  public String toTable() {
    Object[][] rows = {
      {"nodes", nodes},
      {"lookups", lookups},
      {"recall (mean)", recallMean},
      {"success rate", successRate},
      {"honest closest found", honestClosestRate},
      {"hops p50", hopsP50},
      {"hops p90", hopsP90},
      {"requests per lookup (mean)", rpcsMean},
      {"latency ms p50 (simulated)", latencyMsP50},
      {"latency ms p90 (simulated)", latencyMsP90},
      {"latency ms p99 (simulated)", latencyMsP99},
      {"get success rate", getSuccessRate},
      {"get quorum rate", getQuorumRate},
      {"corrections per get (mean)", correctionsMean},
      {"find-providers success rate", findProvidersSuccessRate},
      {"heap bytes per node", heapBytesPerNode},
      {"wall seconds", wallSeconds},
      {"formation", formation.name().toLowerCase(Locale.ROOT)},
    };
    StringBuilder out = new StringBuilder();
    for (Object[] row : rows) {
      String value =
          row[1] instanceof Double d
              ? String.format(Locale.ROOT, "%.4f", d)
              : String.valueOf(row[1]);
      out.append(String.format(Locale.ROOT, "%-30s %12s%n", row[0], value));
    }
    return out.toString();
  }
}

package io.reactivedht.transport.bench;

/**
 * Latencies counted in 10-microsecond bins up to 10 s (longer ones in the last bin): recording
 * allocates nothing, so the load generator's own garbage does not show up in the tail it measures
 * (a list of boxed samples used to, through its young pauses). Thread-safe.
 */
final class LatencyHistogram {
  private static final long BIN_NANOS = 10_000;
  private static final int BINS = 1_000_000;

  private final long[] counts = new long[BINS];
  private long total;

  synchronized void record(long nanos) {
    counts[(int) Math.min(BINS - 1, Math.max(0, nanos) / BIN_NANOS)]++;
    total++;
  }

  /** The latency below which {@code percentile} percent of the samples fall; NaN without any. */
  synchronized double percentileMillis(int percentile) {
    if (total == 0) {
      return Double.NaN;
    }
    long rank = Math.min(total - 1, total * percentile / 100);
    long seen = 0;
    for (int bin = 0; bin < BINS; bin++) {
      seen += counts[bin];
      if (seen > rank) {
        return (bin + 1) * BIN_NANOS / 1e6; // the bin's upper edge
      }
    }
    throw new AssertionError("rank " + rank + " beyond " + total + " samples");
  }
}

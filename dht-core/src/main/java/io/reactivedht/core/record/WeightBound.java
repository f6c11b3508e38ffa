package io.reactivedht.core.record;

/**
 * A count bound and a byte bound enforced together through Caffeine's single weight bound.
 *
 * <p>Design note. Caffeine bounds a cache either by entry count ({@code maximumSize}) or by total
 * weight ({@code maximumWeight}), never both. Both matter here: bytes bound the memory, and the
 * count bounds the per-entry overhead that bytes do not see. So the cache is bounded by weight,
 * {@code maximumWeight = maxBytes}, where an entry weighs {@code max(bytes, floor)} with {@code
 * floor = ceil(maxBytes / maxCount)}. Then the total bytes are at most the total weight, hence at
 * most {@code maxBytes}; and {@code count * floor <= maxBytes} gives {@code count <= maxCount}. The
 * price: a small entry is charged {@code floor}, so a mix of small and large entries may hold fewer
 * entries than either bound alone would allow, never more.
 *
 * @param maxBytes the maximum total weight, the byte bound
 * @param floor the least weight of an entry
 */
record WeightBound(long maxBytes, int floor) {
  /** The bound for at most {@code maxCount} entries and {@code maxBytes} bytes, both positive. */
  static WeightBound of(long maxCount, long maxBytes) {
    if (maxCount <= 0 || maxBytes <= 0) {
      throw new IllegalArgumentException(
          "bounds must be positive: " + maxCount + " entries, " + maxBytes + " bytes");
    }
    long floor = (maxBytes - 1) / maxCount + 1;
    if (floor > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "maxBytes / maxCount must fit an int: " + maxBytes + " / " + maxCount);
    }
    return new WeightBound(maxBytes, (int) floor);
  }

  /** The weight of an entry of {@code bytes} bytes. */
  int weigh(long bytes) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(bytes, floor));
  }
}

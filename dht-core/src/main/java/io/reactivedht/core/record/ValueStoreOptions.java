package io.reactivedht.core.record;

import java.time.Duration;

/**
 * The limits of a {@link ValueStore}. Immutable; start from {@link #DEFAULTS} and change what you
 * need with the {@code with...} methods.
 *
 * @param maxAge how long a record is served after it was received: 48 h in the spec (go {@code
 *     MaxRecordAge})
 * @param maxRecords the most records held: 16 384 by default. go has no bound (its datastore grows)
 *     and rust keeps 1 024; a bound must exist since keys come from the network, and 16 384 is far
 *     more than a node's share of the Amino DHT's records while costing little memory
 * @param maxBytes the most bytes held, keys plus values: 64 MiB by default, so each record may
 *     average 4 KiB
 * @param maxRecordBytes the largest record accepted, key plus value: 64 KiB by default (rust: 65
 *     KiB); IPNS records are at most 10 KiB anyway, which their validator enforces. Records over
 *     {@code maxBytes} are refused too
 */
public record ValueStoreOptions(
    Duration maxAge, int maxRecords, long maxBytes, int maxRecordBytes) {
  /** The spec's max age (48 h, two days) and the bounds above. */
  public static final ValueStoreOptions DEFAULTS =
      new ValueStoreOptions(Duration.ofDays(2), 16_384, 64L << 20, 64 << 10);

  /**
   * Checks that every limit is positive (and {@code maxBytes / maxRecords} fits an int).
   *
   * @param maxAge positive, at most about 146 years (Caffeine's limit)
   * @param maxRecords positive
   * @param maxBytes positive
   * @param maxRecordBytes positive
   */
  public ValueStoreOptions {
    Lifetime.checkTtl("maxAge", maxAge);
    if (maxRecordBytes <= 0) {
      throw new IllegalArgumentException("maxRecordBytes must be positive: " + maxRecordBytes);
    }
    WeightBound.of(maxRecords, maxBytes);
  }

  /**
   * These options with another max age.
   *
   * @param maxAge how long a record is served after it was received; positive
   * @return new options; these are unchanged
   */
  public ValueStoreOptions withMaxAge(Duration maxAge) {
    return new ValueStoreOptions(maxAge, maxRecords, maxBytes, maxRecordBytes);
  }

  /**
   * These options with another record count bound.
   *
   * @param maxRecords the most records held; positive
   * @return new options; these are unchanged
   */
  public ValueStoreOptions withMaxRecords(int maxRecords) {
    return new ValueStoreOptions(maxAge, maxRecords, maxBytes, maxRecordBytes);
  }

  /**
   * These options with another byte bound.
   *
   * @param maxBytes the most bytes held, keys plus values; positive
   * @return new options; these are unchanged
   */
  public ValueStoreOptions withMaxBytes(long maxBytes) {
    return new ValueStoreOptions(maxAge, maxRecords, maxBytes, maxRecordBytes);
  }

  /**
   * These options with another per-record size bound.
   *
   * @param maxRecordBytes the largest record accepted in bytes, key plus value; positive
   * @return new options; these are unchanged
   */
  public ValueStoreOptions withMaxRecordBytes(int maxRecordBytes) {
    return new ValueStoreOptions(maxAge, maxRecords, maxBytes, maxRecordBytes);
  }
}

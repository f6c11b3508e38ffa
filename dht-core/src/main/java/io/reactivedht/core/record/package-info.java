/**
 * DHT records: value records and provider records, their RFC 3339 timestamps, the store SPIs and
 * the default in-memory stores with TTL and bounds. The stores expire records from the timestamps
 * they carry and read "now" from an injected Caffeine {@code Ticker} counting nanoseconds since the
 * Unix epoch, the time line of those timestamps.
 */
@NullMarked
package io.reactivedht.core.record;

import org.jspecify.annotations.NullMarked;

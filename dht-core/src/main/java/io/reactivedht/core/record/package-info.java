/**
 * DHT records: value records and provider records, their RFC 3339 timestamps, the store SPIs and the default
 * in-memory stores with TTL and bounds.
 */
@NullMarked
package io.reactivedht.core.record;

import org.jspecify.annotations.NullMarked;

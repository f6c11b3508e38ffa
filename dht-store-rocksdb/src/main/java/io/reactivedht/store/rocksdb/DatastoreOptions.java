package io.reactivedht.store.rocksdb;

import com.github.benmanes.caffeine.cache.Ticker;
import io.reactivedht.core.record.ProviderStoreOptions;
import io.reactivedht.core.record.ValueStoreOptions;
import java.time.Instant;
import java.util.Objects;

/**
 * How a {@link RocksDatastore} keeps its records. Immutable; start from {@link #DEFAULTS} and
 * change what you need with the {@code with...} methods. The bounds and time source are read on
 * every open, so a directory may be opened again with other options (a store over a lowered bound
 * evicts down to it on its next write).
 *
 * @param values the value store's max age and bounds, as for {@code CaffeineValueStore}
 * @param providers the provider store's TTLs and bounds, as for {@code CaffeineProviderStore}
 * @param ticker the time source, read as nanoseconds since the Unix epoch on the time line that
 *     records are stamped on (with Reactor: {@code () -> scheduler.now(TimeUnit.NANOSECONDS)}; not
 *     {@link Ticker#systemTicker()}, whose origin is arbitrary)
 * @param syncWrites false (the default): a write that returned survives a crash of the process,
 *     since it is in RocksDB's write-ahead log in the operating system's page cache; true: every
 *     write also waits for an fsync of the log, so it survives a power loss too, at the cost of a
 *     disk flush per write
 * @param maxDiskBytes the most bytes of table files the datastore may hold, past which writes fail
 *     with {@link DatastoreFullException} as on a full disk (RocksDB's {@code SstFileManager}
 *     limit; the write-ahead log and memtables come on top); 0 (the default) for no bound but the
 *     disk's
 */
public record DatastoreOptions(
    ValueStoreOptions values,
    ProviderStoreOptions providers,
    Ticker ticker,
    boolean syncWrites,
    long maxDiskBytes) {
  /** The wall clock, in nanoseconds since the Unix epoch. */
  private static final Ticker WALL_CLOCK =
      () -> {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      };

  /**
   * The stores' default bounds ({@link ValueStoreOptions#DEFAULTS}, {@link
   * ProviderStoreOptions#DEFAULTS}), the wall clock, writes that survive a process crash, and no
   * disk bound.
   */
  public static final DatastoreOptions DEFAULTS =
      new DatastoreOptions(
          ValueStoreOptions.DEFAULTS, ProviderStoreOptions.DEFAULTS, WALL_CLOCK, false, 0);

  /**
   * Checks the disk bound.
   *
   * @param values the value store's max age and bounds
   * @param providers the provider store's TTLs and bounds
   * @param ticker the time source, nanoseconds since the Unix epoch
   * @param syncWrites whether every write waits for an fsync
   * @param maxDiskBytes the most bytes of table files; positive, or 0 for no bound
   */
  public DatastoreOptions {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(providers, "providers");
    Objects.requireNonNull(ticker, "ticker");
    if (maxDiskBytes < 0) {
      throw new IllegalArgumentException("maxDiskBytes must be positive, or 0: " + maxDiskBytes);
    }
  }

  /**
   * These options with other value store bounds.
   *
   * @param values the value store's max age and bounds
   * @return new options; these are unchanged
   */
  public DatastoreOptions withValues(ValueStoreOptions values) {
    return new DatastoreOptions(values, providers, ticker, syncWrites, maxDiskBytes);
  }

  /**
   * These options with other provider store bounds.
   *
   * @param providers the provider store's TTLs and bounds
   * @return new options; these are unchanged
   */
  public DatastoreOptions withProviders(ProviderStoreOptions providers) {
    return new DatastoreOptions(values, providers, ticker, syncWrites, maxDiskBytes);
  }

  /**
   * These options with another time source.
   *
   * @param ticker the time source, nanoseconds since the Unix epoch
   * @return new options; these are unchanged
   */
  public DatastoreOptions withTicker(Ticker ticker) {
    return new DatastoreOptions(values, providers, ticker, syncWrites, maxDiskBytes);
  }

  /**
   * These options with writes that do, or do not, wait for an fsync.
   *
   * @param syncWrites true to survive a power loss, false to survive a process crash
   * @return new options; these are unchanged
   */
  public DatastoreOptions withSyncWrites(boolean syncWrites) {
    return new DatastoreOptions(values, providers, ticker, syncWrites, maxDiskBytes);
  }

  /**
   * These options with another disk bound.
   *
   * @param maxDiskBytes the most bytes of table files; positive, or 0 for no bound
   * @return new options; these are unchanged
   */
  public DatastoreOptions withMaxDiskBytes(long maxDiskBytes) {
    return new DatastoreOptions(values, providers, ticker, syncWrites, maxDiskBytes);
  }
}

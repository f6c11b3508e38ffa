package io.reactivedht.core.record;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The default {@link ValueStore}: records in memory, in a Caffeine cache bounded by count and bytes
 * together (see {@link WeightBound}) and expiring each record at {@code timeReceived + maxAge}.
 * When full, Caffeine's W-TinyLFU policy picks the record to evict, possibly the one just put: a
 * flood of fresh keys cannot push out records that are read often. Safe for concurrent use;
 * Caffeine's maintenance runs on the calling thread, so the store starts no threads and frees
 * expired memory on writes and on {@link #cleanUp()}, within about a second of the expiry (the
 * resolution of Caffeine's timer wheel); reads are exact. The cache is built on the first put: an
 * empty store costs a few dozen bytes, not the cache's kilobytes.
 */
public final class CaffeineValueStore implements ValueStore {
  private final ValueStoreOptions options;
  private final Ticker ticker;
  private final LazyCache<ByteKey, Record> records;

  /**
   * A store with the given limits.
   *
   * @param options the max age and the count and byte bounds
   * @param ticker the time source, read as nanoseconds since the Unix epoch on the time line that
   *     records are stamped on (with Reactor: {@code () -> scheduler.now(TimeUnit.NANOSECONDS)};
   *     not {@link Ticker#systemTicker()}, whose origin is arbitrary)
   */
  public CaffeineValueStore(ValueStoreOptions options, Ticker ticker) {
    this.options = options;
    this.ticker = ticker;
    WeightBound bound = WeightBound.of(options.maxRecords(), options.maxBytes());
    this.records =
        new LazyCache<>(
            () ->
                LazyCache.storeCache(ticker, bound)
                    .<ByteKey, Record>weigher((key, record) -> bound.weigh(byteSize(record)))
                    .expireAfter(
                        Lifetime.<ByteKey, Record>expiry(
                            CaffeineValueStore::timeReceived, options.maxAge()))
                    .build());
  }

  /**
   * A store with the {@link ValueStoreOptions#DEFAULTS}; see the other constructor for the ticker.
   *
   * @param ticker the time source, nanoseconds since the Unix epoch
   */
  public CaffeineValueStore(Ticker ticker) {
    this(ValueStoreOptions.DEFAULTS, ticker);
  }

  @Override
  public boolean put(Record record) {
    Instant received = record.timeReceived();
    if (received == null) {
      throw new IllegalArgumentException("a stored record needs its timeReceived: " + record);
    }
    if (byteSize(record) > Math.min(options.maxRecordBytes(), options.maxBytes())
        || !Lifetime.isLive(received, options.maxAge(), ticker.read())) {
      return false;
    }
    records.get().put(new ByteKey(record.key()), record);
    return true;
  }

  @Override
  public Optional<Record> get(byte[] key) {
    Cache<ByteKey, Record> built = records.ifBuilt();
    Record record = built == null ? null : built.getIfPresent(new ByteKey(key));
    return record != null && isLive(record, ticker.read()) ? Optional.of(record) : Optional.empty();
  }

  @Override
  public void remove(byte[] key) {
    Cache<ByteKey, Record> built = records.ifBuilt();
    if (built != null) {
      built.invalidate(new ByteKey(key));
    }
  }

  @Override
  public long count() {
    Cache<ByteKey, Record> built = records.ifBuilt();
    return built == null ? 0 : built.estimatedSize();
  }

  @Override
  public void forEach(Consumer<? super Record> action) {
    Cache<ByteKey, Record> built = records.ifBuilt();
    if (built == null) {
      return;
    }
    long now = ticker.read();
    for (Record record : built.asMap().values()) {
      if (isLive(record, now)) {
        action.accept(record);
      }
    }
  }

  @Override
  public void cleanUp() {
    Cache<ByteKey, Record> built = records.ifBuilt();
    if (built != null) {
      built.cleanUp();
    }
  }

  /** Whether a put has built the cache yet, for tests. */
  boolean isBuilt() {
    return records.ifBuilt() != null;
  }

  /** The total weight held, for tests: bytes, with small records counted at the weight floor. */
  long weightedSize() {
    Cache<ByteKey, Record> built = records.ifBuilt();
    return built == null ? 0 : built.policy().eviction().orElseThrow().weightedSize().orElseThrow();
  }

  private boolean isLive(Record record, long now) {
    return Lifetime.isLive(timeReceived(record), options.maxAge(), now);
  }

  private static Instant timeReceived(Record record) {
    return Objects.requireNonNull(record.timeReceived());
  }

  private static long byteSize(Record record) {
    return (long) record.key().length + record.value().length;
  }
}

package io.reactivedht.core.record;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A Caffeine cache built on its first write. An empty cache with expiry and a weight bound costs
 * about 5 KB (its timer wheel, buffers and table); a node that never stores a record, as most of a
 * large simulated network's nodes while it forms, should not pay that. Reads of a store whose cache
 * was never built find nothing without building it. Thread-safe.
 */
final class LazyCache<K, V> {
  private final Supplier<Cache<K, V>> build;
  private volatile @Nullable Cache<K, V> cache;

  /**
   * @param build makes the cache, once, on the first {@link #get()}
   */
  LazyCache(Supplier<Cache<K, V>> build) {
    this.build = build;
  }

  /**
   * The start of a store's cache: read time from {@code ticker}, run maintenance on the calling
   * thread (the store starts no threads), bound the weight by {@code bound}'s bytes.
   */
  static Caffeine<Object, Object> storeCache(Ticker ticker, WeightBound bound) {
    return Caffeine.newBuilder()
        .ticker(ticker)
        .executor(Runnable::run)
        .maximumWeight(bound.maxBytes());
  }

  /** The cache, built now if it was not yet: for writes. */
  Cache<K, V> get() {
    Cache<K, V> c = cache;
    if (c != null) {
      return c;
    }
    synchronized (this) {
      c = cache;
      if (c == null) {
        c = build.get();
        cache = c;
      }
      return c;
    }
  }

  /** The cache if a write built it, else null: for reads, which find nothing in an unbuilt one. */
  @Nullable Cache<K, V> ifBuilt() {
    return cache;
  }
}

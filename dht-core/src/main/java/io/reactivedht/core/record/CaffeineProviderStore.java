package io.reactivedht.core.record;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.reactivedht.core.peer.PeerId;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link ProviderStore}: per key, an immutable set of provider entries in a Caffeine
 * cache bounded by key count and bytes together (see {@link WeightBound}); a key expires a provider
 * TTL after its newest entry, older entries are dropped as they expire on every add and by {@link
 * #cleanUp()}, which also drops stale addresses. When the cache is full, Caffeine's W-TinyLFU
 * policy picks the key to evict, possibly the one just added. Safe for concurrent use: every change
 * is one atomic {@code compute} on the key; Caffeine's maintenance runs on the calling thread, so
 * the store starts no threads. Expired keys are freed within about a second of their expiry (the
 * resolution of Caffeine's timer wheel); reads are exact. The keys each provider holds are counted
 * (every change and eviction of a key adjusts its providers' counts), so that one provider cannot
 * fill more than {@link ProviderStoreOptions#maxKeysPerProvider()} keys. The cache is built on the
 * first add: an empty store costs a few dozen bytes, not the cache's kilobytes.
 */
public final class CaffeineProviderStore implements ProviderStore {
  private final ProviderStoreOptions options;
  private final Ticker ticker;
  private final LazyCache<ByteKey, ProviderSet> keys;
  private final KeysPerProvider keysPerProvider = new KeysPerProvider();

  /**
   * A store with the given limits.
   *
   * @param options the TTLs and the key, byte, provider and address bounds
   * @param ticker the time source, read as nanoseconds since the Unix epoch on the time line that
   *     records are stamped on (with Reactor: {@code () -> scheduler.now(TimeUnit.NANOSECONDS)};
   *     not {@link Ticker#systemTicker()}, whose origin is arbitrary)
   */
  public CaffeineProviderStore(ProviderStoreOptions options, Ticker ticker) {
    this.options = options;
    this.ticker = ticker;
    WeightBound bound = WeightBound.of(options.maxKeys(), options.maxBytes());
    this.keys =
        new LazyCache<>(
            () ->
                LazyCache.storeCache(ticker, bound)
                    .<ByteKey, ProviderSet>weigher(
                        (key, set) -> bound.weigh(key.length() + set.byteSize()))
                    .expireAfter(
                        Lifetime.<ByteKey, ProviderSet>expiry(
                            ProviderSet::newestReceived, options.providerTtl()))
                    .<ByteKey, ProviderSet>evictionListener(
                        (key, set, cause) -> keysPerProvider.account(set, null))
                    .build());
  }

  /**
   * A store with the {@link ProviderStoreOptions#DEFAULTS}; see the other constructor for the
   * ticker.
   *
   * @param ticker the time source, nanoseconds since the Unix epoch
   */
  public CaffeineProviderStore(Ticker ticker) {
    this(ProviderStoreOptions.DEFAULTS, ticker);
  }

  @Override
  public boolean add(ProviderRecord record) {
    long now = ticker.read();
    if (!Lifetime.isLive(record.received(), options.providerTtl(), now)) {
      return false;
    }
    ProviderRecord bounded = record.withAtMostAddresses(options.maxAddressesPerProvider());
    PeerId provider = record.provider();
    ProviderSet result =
        keys.get()
            .asMap()
            .compute(
                new ByteKey(record.key()),
                (key, current) -> {
                  ProviderSet live =
                      current == null
                          ? ProviderSet.EMPTY
                          : current.live(options.providerTtl(), now);
                  boolean admitted =
                      live.has(provider)
                          || !keysPerProvider.full(provider, options.maxKeysPerProvider());
                  return changed(
                      current, admitted ? live.with(bounded, options.maxProvidersPerKey()) : live);
                });
    return result != null && result.contains(bounded);
  }

  @Override
  public List<ProviderRecord> providers(byte[] key) {
    Cache<ByteKey, ProviderSet> built = keys.ifBuilt();
    ProviderSet set = built == null ? null : built.getIfPresent(new ByteKey(key));
    return set == null
        ? List.of()
        : set.served(options.providerTtl(), options.addressTtl(), ticker.read());
  }

  @Override
  public void remove(byte[] key, PeerId provider) {
    Cache<ByteKey, ProviderSet> built = keys.ifBuilt();
    if (built != null) {
      built
          .asMap()
          .computeIfPresent(new ByteKey(key), (k, set) -> changed(set, set.without(provider)));
    }
  }

  @Override
  public long keyCount() {
    Cache<ByteKey, ProviderSet> built = keys.ifBuilt();
    return built == null ? 0 : built.estimatedSize();
  }

  @Override
  public void cleanUp() {
    Cache<ByteKey, ProviderSet> built = keys.ifBuilt();
    if (built == null) {
      return;
    }
    long now = ticker.read();
    for (Map.Entry<ByteKey, ProviderSet> e : built.asMap().entrySet()) {
      if (compact(e.getValue(), now) != e.getValue()) {
        built.asMap().computeIfPresent(e.getKey(), (k, set) -> changed(set, compact(set, now)));
      }
    }
    built.cleanUp();
  }

  /** Whether an add has built the cache yet, for tests. */
  boolean isBuilt() {
    return keys.ifBuilt() != null;
  }

  /** The total weight held, for tests: bytes, with small keys counted at the weight floor. */
  long weightedSize() {
    Cache<ByteKey, ProviderSet> built = keys.ifBuilt();
    return built == null ? 0 : built.policy().eviction().orElseThrow().weightedSize().orElseThrow();
  }

  private ProviderSet compact(ProviderSet set, long now) {
    return set.compacted(options.providerTtl(), options.addressTtl(), now);
  }

  /** The keys {@code provider} holds entries for, for tests. */
  int keysOf(PeerId provider) {
    return keysPerProvider.count(provider);
  }

  /**
   * {@code next} as a key's new value (null, removing the key, when empty), counted against its
   * providers; runs inside the key's atomic change.
   */
  private @Nullable ProviderSet changed(@Nullable ProviderSet before, ProviderSet next) {
    ProviderSet after = next.isEmpty() ? null : next;
    keysPerProvider.account(before, after);
    return after;
  }
}

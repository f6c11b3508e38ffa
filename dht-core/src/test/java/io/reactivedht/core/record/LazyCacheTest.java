package io.reactivedht.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyCacheTest {
  @Test
  void buildsNothingUntilTheFirstWriteThenTheSameCacheEachTime() {
    AtomicInteger builds = new AtomicInteger();
    LazyCache<String, String> lazy =
        new LazyCache<>(
            () -> {
              builds.incrementAndGet();
              return Caffeine.newBuilder().build();
            });
    assertThat(lazy.ifBuilt()).isNull();
    assertThat(builds).hasValue(0);

    Cache<String, String> first = lazy.get();
    first.put("k", "v");

    assertThat(lazy.get()).isSameAs(first);
    assertThat(lazy.ifBuilt()).isSameAs(first);
    assertThat(builds).hasValue(1);
  }

  @Test
  void storesThatWereOnlyReadBuildNoCache() {
    CaffeineValueStore values = new CaffeineValueStore(() -> 0L);
    CaffeineProviderStore providers = new CaffeineProviderStore(() -> 0L);

    assertThat(values.get(new byte[] {1})).isEmpty();
    values.remove(new byte[] {1});
    values.cleanUp();
    values.forEach(record -> {});
    assertThat(values.count()).isZero();
    assertThat(providers.providers(new byte[] {1})).isEmpty();
    providers.cleanUp();
    assertThat(providers.keyCount()).isZero();

    assertThat(values.isBuilt()).isFalse();
    assertThat(providers.isBuilt()).isFalse();
    assertThat(values.put(new Record(new byte[] {1}, new byte[] {2}, Instant.EPOCH))).isTrue();
    assertThat(values.isBuilt()).isTrue();
  }
}

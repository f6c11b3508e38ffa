package io.reactivedht.core.record;

import static io.reactivedht.core.record.StoreFixtures.bytes;
import static io.reactivedht.core.record.StoreFixtures.recordKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * What the Caffeine value store does beyond the {@link ValueStoreContract}: exact bounds, weights,
 * memory.
 */
class CaffeineValueStoreTest {
  /**
   * Caffeine frees expired entries at the resolution of its timer wheel, 2^30 ns; reads are exact.
   */
  static final Duration TIMER_WHEEL_RESOLUTION = Duration.ofSeconds(2);

  final FakeTicker ticker = new FakeTicker();

  Record receivedNow(int key, int valueLength) {
    return Record.of(recordKey(key), bytes(valueLength, key)).receivedAt(ticker.now());
  }

  @Test
  void smallRecordsFillTheCountBoundExactly() {
    // floor = 10 240 / 10 = 1 024: every small record weighs 1 024
    CaffeineValueStore store =
        new CaffeineValueStore(
            ValueStoreOptions.DEFAULTS
                .withMaxRecords(10)
                .withMaxBytes(10_240)
                .withMaxRecordBytes(1_024),
            ticker);
    for (int i = 0; i < 100; i++) {
      store.put(receivedNow(i, 10));
    }
    store.cleanUp();
    assertThat(store.count()).isEqualTo(10);
    assertThat(store.weightedSize()).isEqualTo(10_240);
  }

  @Test
  void aRecordIsChargedItsBytesOrTheFloorWhicheverIsMore() {
    // floor = 1 000 / 10 = 100
    CaffeineValueStore store =
        new CaffeineValueStore(
            ValueStoreOptions.DEFAULTS.withMaxRecords(10).withMaxBytes(1_000), ticker);
    store.put(receivedNow(1, 195)); // "/pk/1" + 195 = 200 bytes
    assertThat(store.weightedSize()).isEqualTo(200);
    store.put(receivedNow(2, 1)); // 6 bytes, charged 100
    assertThat(store.weightedSize()).isEqualTo(300);
  }

  @Property(seed = "42", tries = 50)
  void bothBoundsHoldAfterEveryPut(
      @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 3_000) Integer> sizes) {
    CaffeineValueStore store =
        new CaffeineValueStore(
            ValueStoreOptions.DEFAULTS
                .withMaxRecords(20)
                .withMaxBytes(20_000)
                .withMaxRecordBytes(5_000),
            ticker);
    for (int i = 0; i < sizes.size(); i++) {
      assertThat(store.put(receivedNow(i % 60, sizes.get(i)))).isTrue();
      long[] held = {0, 0};
      store.forEach(
          r -> {
            held[0]++;
            held[1] += r.key().length + r.value().length;
          });
      assertThat(held[0]).isLessThanOrEqualTo(20);
      assertThat(held[1]).isLessThanOrEqualTo(20_000);
      assertThat(store.count()).isLessThanOrEqualTo(20);
      assertThat(store.weightedSize()).isLessThanOrEqualTo(20_000);
    }
  }

  @Test
  void cleanUpFreesExpiredRecords() {
    CaffeineValueStore store = new CaffeineValueStore(ticker);
    store.put(receivedNow(1, 10));
    ticker.advance(Duration.ofHours(24));
    store.put(receivedNow(2, 10));
    long twoRecords = store.weightedSize();
    ticker.advance(Duration.ofHours(24).plus(TIMER_WHEEL_RESOLUTION));
    store.cleanUp();
    assertThat(store.weightedSize()).isEqualTo(twoRecords / 2);
    assertThat(store.count()).isEqualTo(1);
    ticker.advance(Duration.ofHours(24));
    store.cleanUp();
    assertThat(store.weightedSize()).isZero();
    assertThat(store.count()).isZero();
  }

  @Test
  void theTickerOnlyConstructorUsesTheDefaults() {
    CaffeineValueStore store = new CaffeineValueStore(ticker);
    byte[] key = recordKey(1); // 5 bytes
    assertThat(store.put(Record.of(key, bytes(65_536 - 5, 1)).receivedAt(ticker.now()))).isTrue();
    assertThat(store.put(Record.of(key, bytes(65_536 - 4, 1)).receivedAt(ticker.now()))).isFalse();
    ticker.advance(Duration.ofHours(48));
    assertThat(store.get(key)).isEmpty();
  }
}

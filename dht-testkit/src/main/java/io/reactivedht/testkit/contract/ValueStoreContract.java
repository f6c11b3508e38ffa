package io.reactivedht.testkit.contract;

import static io.reactivedht.testkit.contract.StoreFixtures.bytes;
import static io.reactivedht.testkit.contract.StoreFixtures.recordKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.record.ValueStore;
import io.reactivedht.core.record.ValueStoreOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ValueStore} must have, as JUnit 5 tests: extend it once per
 * implementation and supply {@link #newStore}. The store must read time from the given ticker.
 */
public abstract class ValueStoreContract {
  /** The spec's max age of a value record (go {@code MaxRecordAge}). */
  @SuppressWarnings("CanonicalDuration") // the spec says 48 hours
  static final Duration SPEC_MAX_AGE = Duration.ofHours(48);

  static final Duration NANO = Duration.ofNanos(1);

  final FakeTicker ticker = new FakeTicker();

  /** For subclasses. */
  protected ValueStoreContract() {}

  /**
   * A new empty store with {@code options}, reading time from {@code ticker}.
   *
   * @param options the bounds the store must keep
   * @param ticker the time, in nanoseconds since the Unix epoch (as {@link
   *     io.reactivedht.core.record.CaffeineValueStore} reads it); the tests move it
   * @return the store under test
   */
  protected abstract ValueStore newStore(ValueStoreOptions options, Ticker ticker);

  ValueStore store() {
    return newStore(ValueStoreOptions.DEFAULTS, ticker);
  }

  Record receivedNow(byte[] key, byte[] value) {
    return Record.of(key, value).receivedAt(ticker.now());
  }

  @Test
  void getReturnsWhatWasPutWithItsTimeReceived() {
    ValueStore store = store();
    Record record = receivedNow(recordKey(1), bytes(10, 1));
    assertThat(store.put(record)).isTrue();
    assertThat(store.get(recordKey(1))).contains(record);
    assertThat(store.get(recordKey(1)).orElseThrow().timeReceived()).isEqualTo(FakeTicker.START);
  }

  @Test
  void getOfAnUnknownKeyIsEmpty() {
    assertThat(store().get(recordKey(1))).isEmpty();
  }

  @Test
  void putReplacesTheRecordUnderTheSameKey() {
    ValueStore store = store();
    store.put(receivedNow(recordKey(1), bytes(10, 1)));
    Record second = receivedNow(recordKey(1), bytes(20, 2));
    assertThat(store.put(second)).isTrue();
    assertThat(store.get(recordKey(1))).contains(second);
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void keysAreIndependent() {
    ValueStore store = store();
    Record a = receivedNow(recordKey(1), bytes(10, 1));
    Record b = receivedNow(recordKey(2), bytes(10, 2));
    store.put(a);
    store.put(b);
    assertThat(store.get(recordKey(1))).contains(a);
    assertThat(store.get(recordKey(2))).contains(b);
    assertThat(store.count()).isEqualTo(2);
  }

  @Test
  void removeDeletesOnlyThatKey() {
    ValueStore store = store();
    store.put(receivedNow(recordKey(1), bytes(10, 1)));
    Record kept = receivedNow(recordKey(2), bytes(10, 2));
    store.put(kept);
    store.remove(recordKey(1));
    store.remove(recordKey(3)); // unknown: no effect
    assertThat(store.get(recordKey(1))).isEmpty();
    assertThat(store.get(recordKey(2))).contains(kept);
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void aRecordIsServedUntilJustBeforeTheMaxAge() {
    ValueStore store = store();
    Record record = receivedNow(recordKey(1), bytes(10, 1));
    store.put(record);
    ticker.advance(SPEC_MAX_AGE.minus(NANO));
    assertThat(store.get(recordKey(1))).contains(record);
    ticker.advance(NANO);
    assertThat(store.get(recordKey(1))).isEmpty();
  }

  @Test
  void ageCountsFromTimeReceivedNotFromThePut() {
    ValueStore store = store();
    Record record =
        Record.of(recordKey(1), bytes(10, 1)).receivedAt(ticker.now().minus(Duration.ofHours(47)));
    assertThat(store.put(record)).isTrue();
    ticker.advance(Duration.ofHours(1).minus(NANO));
    assertThat(store.get(recordKey(1))).contains(record);
    ticker.advance(NANO);
    assertThat(store.get(recordKey(1))).isEmpty();
  }

  @Test
  void replacingARecordRestartsItsAge() {
    ValueStore store = store();
    store.put(receivedNow(recordKey(1), bytes(10, 1)));
    ticker.advance(Duration.ofHours(40));
    Record fresh = receivedNow(recordKey(1), bytes(10, 2));
    store.put(fresh);
    ticker.advance(SPEC_MAX_AGE.minus(NANO));
    assertThat(store.get(recordKey(1))).contains(fresh);
    ticker.advance(NANO);
    assertThat(store.get(recordKey(1))).isEmpty();
  }

  @Test
  void aRecordAlreadyAtTheMaxAgeIsRefusedAndChangesNothing() {
    ValueStore store = store();
    Record live = receivedNow(recordKey(1), bytes(10, 1));
    store.put(live);
    Record stale =
        Record.of(recordKey(1), bytes(10, 2)).receivedAt(ticker.now().minus(SPEC_MAX_AGE));
    assertThat(store.put(stale)).isFalse();
    assertThat(store.get(recordKey(1))).contains(live);
  }

  @Test
  void aRecordWithoutTimeReceivedIsAProgrammingError() {
    assertThatThrownBy(() -> store().put(Record.of(recordKey(1), bytes(10, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeReceived");
  }

  @Test
  void aRecordLargerThanMaxRecordBytesIsRefused() {
    ValueStore store = newStore(ValueStoreOptions.DEFAULTS.withMaxRecordBytes(100), ticker);
    byte[] key = recordKey(1); // "/pk/1": 5 bytes
    assertThat(store.put(receivedNow(key, bytes(95, 1)))).isTrue();
    assertThat(store.put(receivedNow(key, bytes(96, 2)))).isFalse();
    assertThat(store.get(key).orElseThrow().value()).isEqualTo(bytes(95, 1));
  }

  @Test
  void forEachVisitsTheLiveRecordsOnly() {
    ValueStore store = store();
    store.put(receivedNow(recordKey(1), bytes(10, 1)));
    ticker.advance(Duration.ofHours(24));
    Record young = receivedNow(recordKey(2), bytes(10, 2));
    store.put(young);
    ticker.advance(Duration.ofHours(24));
    List<Record> seen = new ArrayList<>();
    store.forEach(seen::add);
    assertThat(seen).containsExactly(young);
  }

  @Test
  void cleanUpForgetsExpiredRecords() {
    ValueStore store = store();
    store.put(receivedNow(recordKey(1), bytes(10, 1)));
    store.put(receivedNow(recordKey(2), bytes(10, 2)));
    ticker.advance(SPEC_MAX_AGE.plusMinutes(1));
    store.cleanUp();
    assertThat(store.count()).isZero();
  }

  @Test
  void theCountBoundEvictsRatherThanGrows() {
    ValueStore store =
        newStore(
            ValueStoreOptions.DEFAULTS
                .withMaxRecords(10)
                .withMaxBytes(10 * 1024)
                .withMaxRecordBytes(1024),
            ticker);
    for (int i = 0; i < 100; i++) {
      assertThat(store.put(receivedNow(recordKey(i), bytes(10, i)))).isTrue();
    }
    store.cleanUp();
    assertThat(store.count()).isBetween(1L, 10L);
  }

  @Test
  void theByteBoundEvictsRatherThanGrows() {
    ValueStore store =
        newStore(
            ValueStoreOptions.DEFAULTS
                .withMaxRecords(1000)
                .withMaxBytes(10_000)
                .withMaxRecordBytes(2_000),
            ticker);
    for (int i = 0; i < 50; i++) {
      assertThat(store.put(receivedNow(recordKey(i), bytes(1_000, i)))).isTrue();
    }
    store.cleanUp();
    long[] heldBytes = {0};
    store.forEach(r -> heldBytes[0] += r.key().length + r.value().length);
    assertThat(heldBytes[0]).isBetween(1L, 10_000L);
    assertThat(store.count()).isBetween(1L, 9L); // every record is over 1 000 bytes
  }

  @Test
  void theStoreKeepsItsOwnCopies() {
    ValueStore store = store();
    byte[] key = recordKey(1);
    byte[] value = bytes(10, 1);
    store.put(receivedNow(key, value));
    key[1] = 'x';
    value[0] = 9;
    Record stored = store.get(recordKey(1)).orElseThrow();
    stored.value()[0] = 9;
    assertThat(store.get(recordKey(1)).orElseThrow().value()).isEqualTo(bytes(10, 1));
    assertThat(store.get(key)).isEmpty();
  }

  @Test
  void concurrentPutsAreAllKept() throws Exception {
    ValueStore store = store();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 250; i++) {
                    store.put(receivedNow(recordKey(thread * 1000 + i), bytes(10, i)));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    store.cleanUp();
    assertThat(store.count()).isEqualTo(1000);
    assertThat(store.get(recordKey(3249)).orElseThrow().value()).isEqualTo(bytes(10, 249));
  }
}

package io.reactivedht.store.rocksdb;

import static io.reactivedht.store.rocksdb.Fixtures.peer;
import static io.reactivedht.store.rocksdb.Fixtures.provider;
import static io.reactivedht.store.rocksdb.Fixtures.providerKey;
import static io.reactivedht.store.rocksdb.Fixtures.rawCount;
import static io.reactivedht.store.rocksdb.Fixtures.record;
import static io.reactivedht.store.rocksdb.Fixtures.recordKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.record.ProviderRecord;
import io.reactivedht.core.record.ProviderStoreOptions;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.record.ValueStoreOptions;
import io.reactivedht.store.rocksdb.Fixtures.ManualTicker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksIterator;

/**
 * What the contracts do not cover: durability across a reopen, the counters and indexes staying
 * exact through every change (and concurrent ones), eviction over many writes, clean-up reaching
 * the index entries, and a closed datastore.
 */
class RocksDatastoreTest {
  @TempDir Path dir;

  private final ManualTicker ticker = new ManualTicker();
  private final List<RocksDatastore> opened = new ArrayList<>();

  private RocksDatastore open(DatastoreOptions options) {
    RocksDatastore store = RocksDatastore.open(dir.resolve("data"), options.withTicker(ticker));
    opened.add(store);
    return store;
  }

  private RocksDatastore open() {
    return open(DatastoreOptions.DEFAULTS);
  }

  @AfterEach
  void close() {
    opened.forEach(RocksDatastore::close);
  }

  @Test
  void everythingSurvivesAReopenAndArrivalOrderGoesOn() {
    RocksDatastore store = open();
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      records.add(record(i, 300, ticker.now()));
      store.values().put(records.get(i));
    }
    for (int p = 1; p <= 3; p++) {
      store.providers().add(provider(1, p, ticker.now()));
    }
    ticker.advance(Duration.ofMinutes(1));
    ProviderRecord refreshed = provider(1, 1, ticker.now());
    store.providers().add(refreshed);
    Cid cid = Cid.v1(Cid.RAW, Multihash.sha256(new byte[] {1}));
    store.nodeState().addProvided(cid);
    store.nodeState().putPublished(recordKey(7), new byte[] {7});
    store.close();

    RocksDatastore again = open();
    for (int i = 0; i < 3; i++) {
      assertThat(again.values().get(recordKey(i))).contains(records.get(i));
    }
    assertThat(again.values().count()).isEqualTo(3);
    assertThat(again.providers().keyCount()).isEqualTo(1);
    assertThat(again.providers().providers(providerKey(1)))
        .extracting(ProviderRecord::provider)
        .containsExactly(peer(1), peer(2), peer(3));
    assertThat(again.providers().providers(providerKey(1))).contains(refreshed);
    assertThat(again.nodeState().provided()).containsExactly(cid);
    assertThat(again.nodeState().published())
        .containsExactly(Record.of(recordKey(7), new byte[] {7}));

    again.providers().add(provider(1, 4, ticker.now()));
    assertThat(again.providers().providers(providerKey(1)))
        .extracting(ProviderRecord::provider)
        .as("a newcomer after the reopen arrives last")
        .containsExactly(peer(1), peer(2), peer(3), peer(4));
  }

  @Test
  void theCountersAndIndexesStayExactThroughEveryKindOfChange() {
    RocksDatastore store =
        open(
            DatastoreOptions.DEFAULTS
                .withValues(ValueStoreOptions.DEFAULTS.withMaxRecords(40).withMaxBytes(12_000))
                .withProviders(
                    ProviderStoreOptions.DEFAULTS
                        .withMaxKeys(30)
                        .withMaxProvidersPerKey(4)
                        .withMaxKeysPerProvider(12)));
    Random random = new Random(42);
    for (int step = 0; step < 3_000; step++) {
      int key = random.nextInt(80);
      switch (random.nextInt(6)) {
        case 0, 1 -> store.values().put(record(key, 50 + random.nextInt(400), ticker.now()));
        case 2 -> store.values().remove(recordKey(key));
        case 3, 4 -> store.providers().add(provider(key, random.nextInt(20), ticker.now()));
        default -> store.providers().remove(providerKey(key), peer(random.nextInt(20)));
      }
      if (random.nextInt(50) == 0) {
        ticker.advance(Duration.ofHours(1)); // some expire along the way
        store.values().cleanUp();
        store.providers().cleanUp();
      }
      ticker.advance(Duration.ofSeconds(1));
    }
    store.values().cleanUp();
    store.providers().cleanUp();
    assertConsistent(store);
    assertThat(store.values().count()).isBetween(1L, 40L);
    assertThat(store.providers().keyCount()).isBetween(1L, 30L);

    long values = store.values().count();
    long keys = store.providers().keyCount();
    store.close();
    RocksDatastore again = open();
    assertThat(again.values().count()).isEqualTo(values);
    assertThat(again.providers().keyCount()).isEqualTo(keys);
    assertConsistent(again);
  }

  @Test
  void evictionKeepsTheNewestAndHoldsTheBoundOverManyWrites() {
    RocksDatastore store =
        open(
            DatastoreOptions.DEFAULTS
                .withValues(ValueStoreOptions.DEFAULTS.withMaxRecords(100))
                .withProviders(ProviderStoreOptions.DEFAULTS.withMaxKeys(50)));
    for (int i = 0; i < 3_000; i++) {
      assertThat(store.values().put(record(i, 100, ticker.now()))).isTrue();
      assertThat(store.providers().add(provider(i, i % 7, ticker.now()))).isTrue();
      ticker.advance(Duration.ofSeconds(1));
    }
    assertThat(store.values().count()).isEqualTo(100);
    assertThat(store.values().get(recordKey(2_999))).isPresent();
    assertThat(store.values().get(recordKey(2_900))).isPresent();
    assertThat(store.values().get(recordKey(2_899))).isEmpty();
    assertThat(store.providers().keyCount()).isEqualTo(50);
    assertThat(store.providers().providers(providerKey(2_999))).hasSize(1);
    assertThat(store.providers().providers(providerKey(2_950))).hasSize(1);
    assertThat(store.providers().providers(providerKey(2_949))).isEmpty();
    assertConsistent(store);
  }

  @Test
  void cleanUpDeletesExpiredRecordsWithTheirIndexEntries() {
    RocksDatastore store = open();
    Rocks rocks = store.rocks();
    for (int i = 0; i < 100; i++) {
      store.values().put(record(i, 300, ticker.now()));
      store.providers().add(provider(i % 20, i, ticker.now()));
    }
    ticker.advance(Duration.ofHours(24));
    store.providers().cleanUp();
    assertThat(rawCount(store, rocks.providers, Layout.ADDRESSES_BY_TIME))
        .as("addresses past their TTL are dropped, with their index entries")
        .isZero();
    assertThat(rawCount(store, rocks.providers, Layout.PROVIDER)).as("keys").isEqualTo(20);
    assertThat(rawCount(store, rocks.providers, Layout.PROVIDER_BY_TIME))
        .as("entries")
        .isEqualTo(100);
    assertThat(store.providers().providers(providerKey(0)))
        .hasSize(5)
        .allSatisfy(r -> assertThat(r.addresses()).isEmpty());
    assertThat(((RocksProviderStore) store.providers()).bytesHeld()).isEqualTo(100L * (34 + 34));

    ticker.advance(Duration.ofHours(24));
    store.values().put(record(1_000, 300, ticker.now()));
    store.values().cleanUp();
    store.providers().cleanUp();
    assertThat(store.values().count()).isEqualTo(1);
    assertThat(rawCount(store, rocks.values, Layout.VALUE)).isEqualTo(1);
    assertThat(rawCount(store, rocks.values, Layout.VALUE_BY_TIME)).isEqualTo(1);
    assertThat(((RocksValueStore) store.values()).bytesHeld())
        .isEqualTo(recordKey(1_000).length + 300);
    assertThat(store.providers().keyCount()).isZero();
    assertThat(rocks.countKeys(rocks.providers))
        .as("no entry, provider count or index entry is left")
        .isZero();
    store.close();

    RocksDatastore again = open();
    assertThat(again.values().count()).isEqualTo(1);
    assertThat(again.providers().keyCount()).isZero();
  }

  @Test
  void concurrentMixedUseKeepsTheCountersExact() throws Exception {
    RocksDatastore store =
        open(
            DatastoreOptions.DEFAULTS
                .withValues(ValueStoreOptions.DEFAULTS.withMaxRecords(200))
                .withProviders(
                    ProviderStoreOptions.DEFAULTS.withMaxKeys(100).withMaxProvidersPerKey(5)));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Random random = new Random(t);
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 1_500; i++) {
                    int key = random.nextInt(300);
                    switch (random.nextInt(5)) {
                      case 0 -> store.values().put(record(key, 200, ticker.now()));
                      case 1 -> store.values().remove(recordKey(key));
                      case 2 ->
                          store.providers().add(provider(key, random.nextInt(10), ticker.now()));
                      case 3 ->
                          store.providers().remove(providerKey(key), peer(random.nextInt(10)));
                      default -> {
                        store.values().get(recordKey(key));
                        store.providers().providers(providerKey(key));
                      }
                    }
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(store.values().count()).isBetween(1L, 200L);
    assertThat(store.providers().keyCount()).isBetween(1L, 100L);
    assertConsistent(store);
  }

  @Test
  void syncedWritesAreStoredLikeTheOthers() {
    RocksDatastore store = open(DatastoreOptions.DEFAULTS.withSyncWrites(true));
    Record r = record(1, 300, ticker.now());
    store.values().put(r);
    store.close();
    assertThat(open().values().get(recordKey(1))).contains(r);
  }

  @Test
  void allThreeStoresSayTheyBlockOnIo() {
    RocksDatastore store = open();
    assertThat(store.values().blocksOnIo()).isTrue();
    assertThat(store.providers().blocksOnIo()).isTrue();
    assertThat(store.nodeState().blocksOnIo()).isTrue();
  }

  @Test
  void aClosedDatastoreRefusesCallsAndClosesOnce() {
    RocksDatastore store = open();
    store.close();
    store.close();
    assertThatThrownBy(() -> store.values().get(recordKey(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.providers().add(provider(1, 1, ticker.now())))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.nodeState().provided())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aDirectoryIsOpenByOneDatastoreAtATime() {
    RocksDatastore first = open();
    assertThatThrownBy(this::open)
        .isExactlyInstanceOf(DatastoreException.class)
        .hasMessageContaining("in use")
        .hasMessageContaining(dir.resolve("data").toString());
    first.close();
    assertThat(open().values().count()).isZero();
  }

  /**
   * The counters match what is stored, and every entry has its index entries: the invariants each
   * write batch keeps.
   */
  private void assertConsistent(RocksDatastore store) {
    Rocks rocks = store.rocks();
    // values: count, bytes, one index entry per record (nothing expired is left after clean-up)
    long[] held = {0, 0};
    rocks.run(
        "scan",
        () -> {
          try (RocksIterator it = rocks.iterator(rocks.values)) {
            for (it.seek(new byte[] {Layout.VALUE}); it.isValid(); it.next()) {
              if (it.key()[0] != Layout.VALUE) {
                break;
              }
              held[0]++;
              held[1] += it.key().length - 1 + it.value().length - Layout.INSTANT_BYTES;
            }
          }
        });
    assertThat(store.values().count()).isEqualTo(held[0]);
    assertThat(((RocksValueStore) store.values()).bytesHeld()).isEqualTo(held[1]);
    assertThat(rawCount(store, rocks.values, Layout.VALUE_BY_TIME)).isEqualTo(held[0]);

    // providers: keys, bytes, per-provider counts, one time index entry per entry
    Set<String> keys = new HashSet<>();
    long[] entries = {0, 0, 0, 0};
    rocks.run(
        "scan",
        () -> {
          try (RocksIterator it = rocks.iterator(rocks.providers)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
              byte[] k = it.key();
              if (k[0] == Layout.PROVIDER) {
                int keyLength = k.length - 1;
                List<Layout.ProviderEntry> set = Layout.readProviderSet(it.value());
                assertThat(set).as("an empty key is deleted").isNotEmpty();
                keys.add(new String(k, 1, keyLength, StandardCharsets.ISO_8859_1));
                long seq = Long.MIN_VALUE;
                for (Layout.ProviderEntry e : set) {
                  assertThat(e.seq).as("entries in arrival order").isGreaterThan(seq);
                  seq = e.seq;
                  entries[0]++;
                  entries[1] += keyLength + e.peer.length + e.addressBytes;
                  if (!e.addresses.isEmpty()) {
                    entries[3]++;
                  }
                }
              } else if (k[0] == Layout.KEYS_OF_PROVIDER) {
                entries[2] += Layout.readInt(it.value(), "count");
                PeerId.fromBytes(Arrays.copyOfRange(k, 1, k.length));
              }
            }
          }
        });
    assertThat(store.providers().keyCount()).isEqualTo(keys.size());
    assertThat(((RocksProviderStore) store.providers()).bytesHeld()).isEqualTo(entries[1]);
    assertThat(entries[2]).as("per-provider counts").isEqualTo(entries[0]);
    assertThat(rawCount(store, rocks.providers, Layout.PROVIDER_BY_TIME)).isEqualTo(entries[0]);
    assertThat(rawCount(store, rocks.providers, Layout.ADDRESSES_BY_TIME)).isEqualTo(entries[3]);
  }
}

package io.reactivedht.store.rocksdb;

import static io.reactivedht.store.rocksdb.Fixtures.provider;
import static io.reactivedht.store.rocksdb.Fixtures.record;
import static io.reactivedht.store.rocksdb.Fixtures.recordKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.record.ValueStoreOptions;
import io.reactivedht.store.rocksdb.Fixtures.ManualTicker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, simulated with a small {@link DatastoreOptions#maxDiskBytes()}: writes fail with a
 * {@link DatastoreFullException}, reads keep serving what is stored, and nothing that a write
 * returned for is lost.
 */
class DatastoreFullTest {
  private static final int MAX_WRITES = 20_000; // 20 MB of records: far past the bound

  @TempDir Path dir;

  private final ManualTicker ticker = new ManualTicker();

  @Test
  void writesPastTheBoundFailTypedWhileReadsGoOn() {
    Path data = dir.resolve("data");
    DatastoreOptions options =
        DatastoreOptions.DEFAULTS
            .withTicker(ticker)
            .withValues(ValueStoreOptions.DEFAULTS.withMaxRecords(1_000_000).withMaxBytes(1L << 30))
            .withMaxDiskBytes(256 << 10);
    List<Record> stored = new ArrayList<>();
    try (RocksDatastore store = RocksDatastore.open(data, options)) {
      DatastoreFullException full = null;
      for (int i = 0; i < MAX_WRITES && full == null; i++) {
        Record r = record(i, 1_000, ticker.now());
        try {
          assertThat(store.values().put(r)).isTrue();
          stored.add(r);
        } catch (DatastoreFullException e) {
          full = e;
        }
      }
      assertThat(full).as("a write failed before %d records", MAX_WRITES).isNotNull();
      assertThat(full)
          .isInstanceOf(DatastoreException.class)
          .hasMessageContaining(data.toAbsolutePath().toString())
          .hasMessageContaining("full");
      assertThat(full.directory()).isEqualTo(data.toAbsolutePath());
      assertThat(stored.size()).as("the bound lets some writes in").isGreaterThan(100);

      // reads serve what is stored
      assertThat(store.values().get(recordKey(0))).contains(stored.get(0));
      Record last = stored.get(stored.size() - 1);
      assertThat(store.values().get(last.key())).contains(last);
      assertThat(store.values().count()).isEqualTo(stored.size());

      // every store's writes fail the same way
      assertThatThrownBy(() -> store.values().put(record(-1, 1_000, ticker.now())))
          .isInstanceOf(DatastoreFullException.class);
      assertThatThrownBy(() -> store.providers().add(provider(1, 1, ticker.now())))
          .isInstanceOf(DatastoreFullException.class);
      assertThatThrownBy(
              () -> store.nodeState().addProvided(Cid.v1(Cid.RAW, Multihash.sha256(new byte[1]))))
          .isInstanceOf(DatastoreFullException.class);
      assertThat(store.values().count()).isEqualTo(stored.size());
    }

    // with room again, nothing that a write returned for is lost
    try (RocksDatastore store = RocksDatastore.open(data, options.withMaxDiskBytes(0))) {
      assertThat(store.values().count()).isEqualTo(stored.size());
      for (Record r : stored) {
        assertThat(store.values().get(r.key())).contains(r);
      }
      assertThat(store.values().put(record(-1, 1_000, ticker.now()))).isTrue();
    }
  }
}

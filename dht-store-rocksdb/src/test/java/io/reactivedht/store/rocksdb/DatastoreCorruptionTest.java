package io.reactivedht.store.rocksdb;

import static io.reactivedht.store.rocksdb.Fixtures.copyDirectory;
import static io.reactivedht.store.rocksdb.Fixtures.files;
import static io.reactivedht.store.rocksdb.Fixtures.garble;
import static io.reactivedht.store.rocksdb.Fixtures.provider;
import static io.reactivedht.store.rocksdb.Fixtures.providerKey;
import static io.reactivedht.store.rocksdb.Fixtures.record;
import static io.reactivedht.store.rocksdb.Fixtures.recordKey;
import static io.reactivedht.store.rocksdb.Fixtures.truncate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.record.Record;
import io.reactivedht.store.rocksdb.Fixtures.ManualTicker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad disks are input too: damaged files open (or read) with a {@link DatastoreCorruptedException}
 * naming the directory and RocksDB's reason, and a write-ahead log whose tail was half written
 * recovers the writes before it, each whole.
 */
class DatastoreCorruptionTest {
  private static final int RECORDS = 100;

  @TempDir Path dir;

  private final ManualTicker ticker = new ManualTicker();

  private DatastoreOptions options() {
    return DatastoreOptions.DEFAULTS.withTicker(ticker);
  }

  /** A datastore in {@code data} with {@link #RECORDS} records, closed (so flushed to tables). */
  private List<Record> filled(Path data) {
    List<Record> records = new ArrayList<>();
    try (RocksDatastore store = RocksDatastore.open(data, options())) {
      for (int i = 0; i < RECORDS; i++) {
        Record r = record(i, 300, ticker.now());
        records.add(r);
        store.values().put(r);
        if (i < 10) {
          store.providers().add(provider(i, i, ticker.now()));
        }
      }
    }
    return records;
  }

  @Test
  void aGarbledCurrentFileIsReportedAsCorruption() throws IOException {
    Path data = dir.resolve("data");
    filled(data);
    Files.writeString(data.resolve("CURRENT"), "garbage\n");

    assertThatThrownBy(() -> RocksDatastore.open(data, options()))
        .isInstanceOf(DatastoreCorruptedException.class)
        .hasMessageContaining(data.toString())
        .hasMessageContaining("corrupted")
        .hasMessageContaining("CURRENT");
  }

  @Test
  void aCurrentFileNamingAMissingManifestIsReportedAsCorruption() throws IOException {
    Path data = dir.resolve("data");
    filled(data);
    Files.writeString(data.resolve("CURRENT"), "MANIFEST-999999\n");

    assertThatThrownBy(() -> RocksDatastore.open(data, options()))
        .isInstanceOf(DatastoreCorruptedException.class)
        .hasMessageContaining(data.toString());
  }

  @Test
  void aGarbledManifestIsReportedAsCorruption() throws IOException {
    Path data = dir.resolve("data");
    filled(data);
    for (Path manifest : files(data, "")) {
      if (manifest.getFileName().toString().startsWith("MANIFEST")) {
        garble(manifest, -40, 40);
      }
    }

    assertThatThrownBy(() -> RocksDatastore.open(data, options()))
        .isInstanceOf(DatastoreCorruptedException.class)
        .hasMessageContaining(data.toString())
        .hasMessageContaining("MANIFEST");
  }

  @Test
  void aGarbledTableFooterIsReportedOnOpening() throws IOException {
    Path data = dir.resolve("data");
    filled(data);
    List<Path> tables = files(data, ".sst");
    assertThat(tables).isNotEmpty();
    garble(tables.get(0), -40, 40);

    assertThatThrownBy(() -> RocksDatastore.open(data, options()))
        .isInstanceOf(DatastoreCorruptedException.class)
        .hasMessageContaining(data.toString())
        .hasMessageContaining(".sst");
  }

  @Test
  void aGarbledTableBlockIsReportedByTheReadThatMeetsIt() throws IOException {
    Path data = dir.resolve("data");
    filled(data);
    // the largest table holds the value records; its first data block starts the file
    garble(files(data, ".sst").get(0), 100, 100);

    try (RocksDatastore store = RocksDatastore.open(data, options())) {
      assertThatThrownBy(() -> store.values().forEach(r -> {}))
          .isInstanceOf(DatastoreCorruptedException.class)
          .hasMessageContaining(data.toString())
          .hasMessageContaining("checksum");
      assertThat(store.providers().providers(providerKey(1))).hasSize(1);
    }
  }

  @Test
  void aTruncatedLogTailRecoversTheWholeWritesBeforeIt() throws IOException {
    Path copy = crashCopy();
    Path log = files(copy, ".log").get(0);
    truncate(log, 200);

    assertRecoveredPrefix(copy);
  }

  @Test
  void aGarbledLogTailRecoversTheWholeWritesBeforeIt() throws IOException {
    Path copy = crashCopy();
    Path log = files(copy, ".log").get(0);
    garble(log, -60, 60);

    assertRecoveredPrefix(copy);
  }

  @Test
  void aCopyTakenWhileTheWriterRunsHoldsEveryReturnedWrite() throws IOException {
    Path copy = crashCopy();
    try (RocksDatastore store = RocksDatastore.open(copy, options())) {
      assertThat(store.values().count()).isEqualTo(RECORDS);
      for (int i = 0; i < RECORDS; i++) {
        assertThat(store.values().get(recordKey(i))).contains(written.get(i));
      }
    }
  }

  private final List<Record> written = new ArrayList<>();

  /**
   * A copy of a datastore's directory taken while it is open with {@link #RECORDS} records in its
   * memtable and log only: what a crash leaves on disk.
   */
  private Path crashCopy() throws IOException {
    Path data = dir.resolve("live");
    Path copy = dir.resolve("copy");
    try (RocksDatastore store = RocksDatastore.open(data, options())) {
      for (int i = 0; i < RECORDS; i++) {
        Record r = record(i, 300, ticker.now());
        written.add(r);
        store.values().put(r);
      }
      assertThat(files(data, ".sst")).as("nothing flushed yet").isEmpty();
      copyDirectory(data, copy);
    }
    return copy;
  }

  /**
   * Opening recovers a prefix of the writes: the first ones, each whole, and the counters written
   * with them (so the count is exactly the records there).
   */
  private void assertRecoveredPrefix(Path copy) {
    try (RocksDatastore store = RocksDatastore.open(copy, options())) {
      int present = 0;
      while (present < RECORDS && store.values().get(recordKey(present)).isPresent()) {
        present++;
      }
      assertThat(present)
          .as("the writes before the damaged tail")
          .isBetween(RECORDS - 5, RECORDS - 1);
      for (int i = 0; i < RECORDS; i++) {
        Optional<Record> got = store.values().get(recordKey(i));
        if (i < present) {
          assertThat(got).contains(written.get(i));
        } else {
          assertThat(got).as("record " + i + " after the damage").isEmpty();
        }
      }
      assertThat(store.values().count()).isEqualTo(present);
      long bytes = 0;
      for (int i = 0; i < present; i++) {
        bytes += recordKey(i).length + 300;
      }
      assertThat(((RocksValueStore) store.values()).bytesHeld()).isEqualTo(bytes);
    }
  }
}

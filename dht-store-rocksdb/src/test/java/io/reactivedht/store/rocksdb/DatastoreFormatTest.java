package io.reactivedht.store.rocksdb;

import static io.reactivedht.store.rocksdb.Fixtures.record;
import static io.reactivedht.store.rocksdb.Fixtures.recordKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.record.Record;
import io.reactivedht.store.rocksdb.Fixtures.ManualTicker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * What a directory may hold: nothing (a datastore is created), a datastore of format 1 (opened), or
 * anything else, which is refused with a {@link DatastoreFormatException} that says what was found
 * and what this version reads, and is left as it was.
 */
class DatastoreFormatTest {
  @TempDir Path dir;

  private final ManualTicker ticker = new ManualTicker();

  private DatastoreOptions options() {
    return DatastoreOptions.DEFAULTS.withTicker(ticker);
  }

  @Test
  void aMissingDirectoryIsCreatedWithTheFormatMarker() throws Exception {
    Path data = dir.resolve("a/b/data");
    try (RocksDatastore store = RocksDatastore.open(data, options())) {
      assertThat(store.directory()).isEqualTo(data.toAbsolutePath());
      byte[] format =
          store
              .rocks()
              .call("read", () -> store.rocks().get(store.rocks().meta, Layout.FORMAT_KEY));
      assertThat(format).containsExactly(0, 0, 0, 1);
    }
    try (Options o = new Options()) {
      assertThat(RocksDB.listColumnFamilies(o, data.toString()))
          .extracting(b -> new String(b, StandardCharsets.UTF_8))
          .containsExactlyInAnyOrder("default", "values", "providers", "node_state", "meta");
    }
  }

  @Test
  void anEmptyDirectoryIsUsed() {
    Path data = dir.resolve("empty");
    assertThat(data.toFile().mkdir()).isTrue();
    Record r = record(1, 10, ticker.now());
    try (RocksDatastore store = RocksDatastore.open(data, options())) {
      store.values().put(r);
    }
    try (RocksDatastore store = RocksDatastore.open(data, options())) {
      assertThat(store.values().get(recordKey(1))).contains(r);
    }
  }

  @Test
  void aDirectoryOfOtherFilesIsRefusedAndLeftAlone() throws IOException {
    Path data = dir.resolve("photos");
    Files.createDirectories(data);
    Files.writeString(data.resolve("holiday.jpg"), "not a database");

    assertThatThrownBy(() -> RocksDatastore.open(data, options()))
        .isInstanceOf(DatastoreFormatException.class)
        .hasMessageContaining(data.toString())
        .hasMessageContaining("not a reactive-dht datastore")
        .hasMessageContaining("holiday.jpg")
        .hasMessageContaining("format 1");
    try (var files = Files.list(data)) {
      assertThat(files).containsExactly(data.resolve("holiday.jpg"));
    }
  }

  @Test
  void aFileIsRefused() throws IOException {
    Path file = dir.resolve("file");
    Files.writeString(file, "x");
    assertThatThrownBy(() -> RocksDatastore.open(file, options()))
        .isInstanceOf(DatastoreFormatException.class)
        .hasMessageContaining("not a directory");
  }

  @Test
  void anotherProgramsRocksDbIsRefusedAndLeftReadable() throws RocksDBException {
    Path data = dir.resolve("foreign");
    try (Options o = new Options().setCreateIfMissing(true);
        RocksDB db = RocksDB.open(o, data.toString())) {
      db.put("user:1".getBytes(StandardCharsets.UTF_8), "alice".getBytes(StandardCharsets.UTF_8));
    }

    assertThatThrownBy(() -> RocksDatastore.open(data, options()))
        .isInstanceOf(DatastoreFormatException.class)
        .hasMessageContaining(data.toString())
        .hasMessageContaining("not a reactive-dht datastore")
        .hasMessageContaining("[default]")
        .hasMessageContaining("format 1");

    try (Options o = new Options();
        RocksDB db = RocksDB.open(o, data.toString())) {
      assertThat(db.get("user:1".getBytes(StandardCharsets.UTF_8)))
          .isEqualTo("alice".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aRocksDbWithAMetaColumnFamilyButNoMarkerIsRefused() throws RocksDBException {
    Path data = dir.resolve("lookalike");
    withRawDatabase(
        data,
        List.of("default", "meta", "values"),
        (db, handles) -> db.put(handles.get(2), new byte[] {1, 2}, new byte[] {3}));

    assertThatThrownBy(() -> RocksDatastore.open(data, options()))
        .isInstanceOf(DatastoreFormatException.class)
        .hasMessageContaining("no format marker");
  }

  @Test
  void aNewerFormatIsRefusedNotMisread() throws RocksDBException {
    Path data = dir.resolve("newer");
    try (RocksDatastore store = RocksDatastore.open(data, options())) {
      store.values().put(record(1, 10, ticker.now()));
    }
    withRawDatabase(
        data,
        Layout.COLUMN_FAMILIES,
        (db, handles) -> db.put(handles.get(4), Layout.FORMAT_KEY, Layout.intBytes(2)));

    assertThatThrownBy(() -> RocksDatastore.open(data, options()))
        .isInstanceOf(DatastoreFormatException.class)
        .hasMessageContaining(data.toString())
        .hasMessageContaining("format 2")
        .hasMessageContaining("reads format 1 only");
  }

  @Test
  void anUnknownColumnFamilyIsRefused() throws RocksDBException {
    Path data = dir.resolve("extra");
    RocksDatastore.open(data, options()).close();
    List<String> more = new ArrayList<>(Layout.COLUMN_FAMILIES);
    more.add("values_v2");
    withRawDatabase(data, more, (db, handles) -> {});

    assertThatThrownBy(() -> RocksDatastore.open(data, options()))
        .isInstanceOf(DatastoreFormatException.class)
        .hasMessageContaining("values_v2");
  }

  @Test
  void aCreationStoppedBeforeTheMarkerIsFinished() throws RocksDBException {
    Path data = dir.resolve("unfinished");
    withRawDatabase(data, List.of("default", "values", "meta"), (db, handles) -> {});

    try (RocksDatastore store = RocksDatastore.open(data, options())) {
      Record r = record(1, 10, ticker.now());
      store.values().put(r);
      assertThat(store.values().get(recordKey(1))).contains(r);
    }
  }

  /** What to do with a database opened directly. */
  private interface RawUse {
    void use(RocksDB db, List<ColumnFamilyHandle> handles) throws RocksDBException;
  }

  /** Opens (or creates) {@code data} with RocksDB itself, with these column families. */
  private static void withRawDatabase(Path data, List<String> families, RawUse use)
      throws RocksDBException {
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (String name : families) {
      descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8)));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions o =
            new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        RocksDB db = RocksDB.open(o, data.toString(), descriptors, handles)) {
      try {
        use.use(db, handles);
      } finally {
        handles.forEach(ColumnFamilyHandle::close);
      }
    }
  }
}

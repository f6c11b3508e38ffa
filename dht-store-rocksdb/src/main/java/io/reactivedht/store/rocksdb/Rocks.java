package io.reactivedht.store.rocksdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.rocksdb.AbstractNativeReference;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Logger;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.SstFileManager;
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * One open RocksDB database in the datastore format ({@link Layout}): its column families, the
 * options it was opened with, and the one place that turns RocksDB's failures into the datastore's
 * exceptions. Every use goes through {@link #call}, which also refuses uses after {@link #close} (a
 * closed RocksDB handle would crash the process, not throw).
 */
final class Rocks implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Rocks.class.getName());

  /** The memtable size of each column family, unless a small disk bound asks for less. */
  private static final long WRITE_BUFFER_BYTES = 16L << 20;

  private final Path directory;
  private final RocksDB db;
  private final List<ColumnFamilyHandle> handles;
  private final WriteOptions writeOptions;
  private final @Nullable SstFileManager sstFileManager;

  /** Closed after the database, last made first. */
  private final Deque<AbstractNativeReference> owned;

  private final ReentrantReadWriteLock guard = new ReentrantReadWriteLock();
  private boolean closed; // written under the guard's write lock

  final ColumnFamilyHandle values;
  final ColumnFamilyHandle providers;
  final ColumnFamilyHandle nodeState;
  final ColumnFamilyHandle meta;

  private Rocks(
      Path directory,
      RocksDB db,
      List<ColumnFamilyHandle> handles,
      WriteOptions writeOptions,
      @Nullable SstFileManager sstFileManager,
      Deque<AbstractNativeReference> owned) {
    this.directory = directory;
    this.db = db;
    this.handles = handles;
    this.writeOptions = writeOptions;
    this.sstFileManager = sstFileManager;
    this.owned = owned;
    this.values = handles.get(Layout.COLUMN_FAMILIES.indexOf(Layout.VALUES));
    this.providers = handles.get(Layout.COLUMN_FAMILIES.indexOf(Layout.PROVIDERS));
    this.nodeState = handles.get(Layout.COLUMN_FAMILIES.indexOf(Layout.NODE_STATE));
    this.meta = handles.get(Layout.COLUMN_FAMILIES.indexOf(Layout.META));
  }

  /** A body run on the open database. */
  interface Call<T> {
    T call() throws RocksDBException;
  }

  /** A body without a result run on the open database. */
  interface Run {
    void run() throws RocksDBException;
  }

  // ---- opening ----

  /**
   * Opens or creates the datastore in {@code directory}: checks what is there first, read-only, so
   * that nothing but a datastore of this format is ever opened for writing.
   */
  static Rocks open(Path directory, DatastoreOptions options) {
    RocksDB.loadLibrary();
    Path dir = directory.toAbsolutePath().normalize();
    boolean create = isNew(dir) || isUnfinishedCreation(dir);
    Deque<AbstractNativeReference> owned = new ArrayDeque<>();
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    RocksDB db = null;
    try {
      Logger logger = push(owned, new ForwardingLogger());
      @Nullable SstFileManager sstFileManager = null;
      if (options.maxDiskBytes() > 0) {
        sstFileManager = push(owned, new SstFileManager(Env.getDefault()));
        sstFileManager.setMaxAllowedSpaceUsage(options.maxDiskBytes());
      }
      DBOptions dbOptions =
          push(owned, new DBOptions())
              .setCreateIfMissing(create)
              .setCreateMissingColumnFamilies(create)
              .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
              .setParanoidChecks(true)
              // every table file is opened (its footer read) on opening: damage shows at once
              .setMaxOpenFiles(-1)
              // a batch that spans column families is flushed as one
              .setAtomicFlush(true)
              .setMaxTotalWalSize(4 * WRITE_BUFFER_BYTES)
              .setLogger(logger);
      if (sstFileManager != null) {
        dbOptions.setSstFileManager(sstFileManager);
      }
      BloomFilter filter = push(owned, new BloomFilter(10, false));
      ColumnFamilyOptions cfOptions =
          push(owned, new ColumnFamilyOptions())
              .setWriteBufferSize(writeBufferBytes(options.maxDiskBytes()))
              .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(filter));
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      for (String name : Layout.COLUMN_FAMILIES) {
        descriptors.add(new ColumnFamilyDescriptor(utf8(name), cfOptions));
      }
      db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
      WriteOptions writeOptions = push(owned, new WriteOptions()).setSync(options.syncWrites());
      Rocks rocks = new Rocks(dir, db, handles, writeOptions, sstFileManager, owned);
      if (create) {
        try (WriteOptions synced = new WriteOptions().setSync(true)) {
          db.put(rocks.meta, synced, Layout.FORMAT_KEY, Layout.intBytes(Layout.FORMAT));
        }
      }
      return rocks;
    } catch (RocksDBException e) {
      closeAll(db, handles, owned);
      throw openFailure(dir, e);
    } catch (RuntimeException | Error e) {
      closeAll(db, handles, owned);
      throw e;
    }
  }

  private static long writeBufferBytes(long maxDiskBytes) {
    // a small disk bound wants small flushes, so that the bound is met before a memtable fills
    return maxDiskBytes > 0
        ? Math.max(64L << 10, Math.min(WRITE_BUFFER_BYTES, maxDiskBytes / 16))
        : WRITE_BUFFER_BYTES;
  }

  private static <T extends AbstractNativeReference> T push(
      Deque<AbstractNativeReference> owned, T object) {
    owned.push(object);
    return object;
  }

  /**
   * Whether {@code dir} is missing or empty, so a new datastore goes there; creates it if missing.
   *
   * @throws DatastoreFormatException if it holds files but no RocksDB database
   */
  private static boolean isNew(Path dir) {
    if (!Files.exists(dir)) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new DatastoreException(dir, "cannot create the datastore directory " + dir, e);
      }
      return true;
    }
    if (!Files.isDirectory(dir)) {
      throw new DatastoreFormatException(
          dir, dir + " is not a reactive-dht datastore: it is a file, not a directory");
    }
    List<String> names;
    try (Stream<Path> entries = Files.list(dir)) {
      names = entries.map(p -> String.valueOf(p.getFileName())).sorted().toList();
    } catch (IOException e) {
      throw new DatastoreException(dir, "cannot list the datastore directory " + dir, e);
    }
    if (names.isEmpty()) {
      return true;
    }
    if (!names.contains("CURRENT")) {
      throw new DatastoreFormatException(
          dir,
          dir
              + " is not a reactive-dht datastore: the directory is not empty but holds no RocksDB"
              + " database (no CURRENT file); found "
              + (names.size() > 5
                  ? names.subList(0, 5) + " and " + (names.size() - 5) + " more"
                  : names)
              + ". This version reads datastores of format "
              + Layout.FORMAT
              + " and creates new ones in empty directories only");
    }
    return false;
  }

  /**
   * Checks, read-only, that the RocksDB database in {@code dir} is a datastore of this format.
   *
   * @return true if it is a datastore whose creation stopped before its format marker was written
   *     (every column family one of the format's, and all of them empty): it is created again
   * @throws DatastoreFormatException if it is another program's database or of another format
   * @throws DatastoreCorruptedException if it does not open
   */
  private static boolean isUnfinishedCreation(Path dir) {
    Set<String> found = new LinkedHashSet<>();
    List<byte[]> names;
    try (Options listing = new Options()) {
      names = RocksDB.listColumnFamilies(listing, dir.toString());
    } catch (RocksDBException e) {
      throw openFailure(dir, e);
    }
    if (names.isEmpty()) {
      // RocksJava lists nothing, rather than failing, when CURRENT or the MANIFEST is damaged:
      // opening says why
      names = List.of(RocksDB.DEFAULT_COLUMN_FAMILY);
    }
    for (byte[] name : names) {
      found.add(new String(name, StandardCharsets.UTF_8));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (ForwardingLogger logger = new ForwardingLogger();
        DBOptions options =
            new DBOptions()
                .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
                .setParanoidChecks(true)
                .setMaxOpenFiles(-1)
                .setLogger(logger);
        ColumnFamilyOptions cfOptions = new ColumnFamilyOptions()) {
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      for (byte[] name : names) {
        descriptors.add(new ColumnFamilyDescriptor(name, cfOptions));
      }
      try (RocksDB db = RocksDB.openReadOnly(options, dir.toString(), descriptors, handles)) {
        try {
          // opened: the files are sound, so what they hold decides
          if (!found.contains(Layout.META)) {
            throw new DatastoreFormatException(
                dir,
                dir
                    + " is not a reactive-dht datastore: it holds a RocksDB database without a '"
                    + Layout.META
                    + "' column family (column families: "
                    + found
                    + "). This version reads datastores of format "
                    + Layout.FORMAT);
          }
          ColumnFamilyHandle meta = handles.get(List.copyOf(found).indexOf(Layout.META));
          byte[] format = db.get(meta, Layout.FORMAT_KEY);
          if (format == null) {
            if (Layout.COLUMN_FAMILIES.containsAll(found) && allEmpty(db, handles)) {
              return true;
            }
            throw new DatastoreFormatException(
                dir,
                dir
                    + " is not a reactive-dht datastore: it holds a RocksDB database whose '"
                    + Layout.META
                    + "' column family has no format marker (column families: "
                    + found
                    + "). This version reads datastores of format "
                    + Layout.FORMAT);
          }
          checkFormat(dir, format, found);
          return false;
        } finally {
          handles.forEach(ColumnFamilyHandle::close);
        }
      }
    } catch (RocksDBException e) {
      Status status = e.getStatus();
      if (status != null
          && (status.getCode() == Status.Code.InvalidArgument
              || status.getCode() == Status.Code.NotSupported)) {
        // a database made with options of its own (another comparator, merge operator, ...)
        throw new DatastoreFormatException(
            dir,
            dir
                + " is not a reactive-dht datastore: RocksDB cannot open its database with this"
                + " format's options ("
                + e.getMessage()
                + "). This version reads datastores of format "
                + Layout.FORMAT);
      }
      throw openFailure(dir, e);
    }
  }

  private static void checkFormat(Path dir, byte[] format, Set<String> found) {
    if (format.length != 4) {
      throw new DatastoreFormatException(
          dir,
          dir
              + " does not hold a datastore this version reads: its format marker is "
              + format.length
              + " bytes long, not 4. This version reads datastores of format "
              + Layout.FORMAT);
    }
    int version = Layout.readInt(format, "format");
    if (version != Layout.FORMAT) {
      throw new DatastoreFormatException(
          dir,
          dir
              + " holds a reactive-dht datastore of format "
              + Integer.toUnsignedString(version)
              + ", which this version does not read: it reads format "
              + Layout.FORMAT
              + (Integer.compareUnsigned(version, Layout.FORMAT) > 0
                  ? " only (open it with the newer version that wrote it)"
                  : " only"));
    }
    Set<String> unknown = new TreeSet<>(found);
    Layout.COLUMN_FAMILIES.forEach(unknown::remove);
    if (!unknown.isEmpty()) {
      throw new DatastoreFormatException(
          dir,
          dir
              + " holds a datastore of format "
              + Layout.FORMAT
              + " with column families this version does not know: "
              + unknown);
    }
    Set<String> missing = new TreeSet<>(Layout.COLUMN_FAMILIES);
    missing.removeAll(found);
    if (!missing.isEmpty()) {
      throw new DatastoreCorruptedException(
          dir,
          "the column families " + missing + " of format " + Layout.FORMAT + " are missing",
          null);
    }
  }

  private static boolean allEmpty(RocksDB db, List<ColumnFamilyHandle> handles)
      throws RocksDBException {
    for (ColumnFamilyHandle handle : handles) {
      try (RocksIterator it = db.newIterator(handle)) {
        it.seekToFirst();
        if (it.isValid()) {
          return false;
        }
        it.status();
      }
    }
    return true;
  }

  private static DatastoreException openFailure(Path dir, RocksDBException e) {
    Status status = e.getStatus();
    String reason = String.valueOf(e.getMessage());
    if (status != null && status.getCode() == Status.Code.Corruption) {
      return new DatastoreCorruptedException(dir, reason, e);
    }
    if (reason.toLowerCase(Locale.ROOT).contains("lock")) {
      return new DatastoreException(
          dir,
          "the datastore in "
              + dir
              + " is in use: another datastore, in this process or another, has it open ("
              + reason
              + ")",
          e);
    }
    if (status != null
        && status.getCode() == Status.Code.IOError
        && reason.contains("No such file")) {
      // CURRENT naming a MANIFEST that is not there, or a table file the MANIFEST lists
      return new DatastoreCorruptedException(dir, reason, e);
    }
    DatastoreException full = full(dir, e);
    return full != null
        ? full
        : new DatastoreException(dir, "cannot open the datastore in " + dir + ": " + reason, e);
  }

  private static @Nullable DatastoreFullException full(Path dir, RocksDBException e) {
    Status status = e.getStatus();
    String reason = String.valueOf(e.getMessage());
    boolean noSpace =
        status != null
            && (status.getSubCode() == Status.SubCode.NoSpace
                || (status.getCode() == Status.Code.IOError
                    && reason.toLowerCase(Locale.ROOT).contains("space")));
    return noSpace ? new DatastoreFullException(dir, reason, e) : null;
  }

  // ---- use ----

  Path directory() {
    return directory;
  }

  /**
   * Runs {@code body} on the open database: RocksDB's failures come out as the datastore's
   * exceptions, and stored bytes that do not decode as {@link DatastoreCorruptedException}.
   *
   * @param what what the body does, for the messages: "read a value record"
   * @throws IllegalStateException if the datastore is closed
   */
  <T> T call(String what, Call<T> body) {
    guard.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("the datastore in " + directory + " is closed");
      }
      return body.call();
    } catch (RocksDBException e) {
      throw failure(what, e);
    } catch (Layout.MalformedException e) {
      throw new DatastoreCorruptedException(directory, "cannot " + what + ": " + e.getMessage(), e);
    } finally {
      guard.readLock().unlock();
    }
  }

  /** {@link #call} without a result. */
  void run(String what, Run body) {
    call(
        what,
        () -> {
          body.run();
          return Boolean.TRUE;
        });
  }

  private DatastoreException failure(String what, RocksDBException e) {
    Status status = e.getStatus();
    if (status != null && status.getCode() == Status.Code.Corruption) {
      return new DatastoreCorruptedException(
          directory, "cannot " + what + ": " + e.getMessage(), e);
    }
    DatastoreFullException full = full(directory, e);
    return full != null
        ? full
        : new DatastoreException(
            directory, "cannot " + what + " in " + directory + ": " + e.getMessage(), e);
  }

  /** The value of {@code key}, or null. */
  byte @Nullable [] get(ColumnFamilyHandle cf, byte[] key) throws RocksDBException {
    return db.get(cf, key);
  }

  /** An iterator over {@code cf}; the caller closes it. */
  RocksIterator iterator(ColumnFamilyHandle cf) {
    return db.newIterator(cf);
  }

  /**
   * The oldest keys of a time index: those of {@code cf} that start with {@code prefix}, whose
   * instant (right after the prefix byte) is not after {@code upTo}, in key (= time) order, at most
   * {@code limit}. What cleanUp walks.
   *
   * @param what names the index in the error of a key that does not decode
   */
  List<byte[]> timeKeysUpTo(
      ColumnFamilyHandle cf, byte prefix, Instant upTo, int limit, String what)
      throws RocksDBException {
    List<byte[]> keys = new ArrayList<>();
    try (RocksIterator it = iterator(cf)) {
      for (it.seek(new byte[] {prefix}); it.isValid() && keys.size() < limit; it.next()) {
        byte[] key = it.key();
        if (key[0] != prefix || Layout.instantAt(key, 1, what).isAfter(upTo)) {
          break;
        }
        keys.add(key);
      }
      it.status();
    }
    return keys;
  }

  /** Writes {@code batch} atomically. */
  void write(WriteBatch batch) throws RocksDBException {
    if (sstFileManager != null && sstFileManager.isMaxAllowedSpaceReached()) {
      throw new DatastoreFullException(
          directory,
          "the table files reached maxDiskBytes (" + sstFileManager.getTotalSize() + " bytes)",
          null);
    }
    db.write(writeOptions, batch);
  }

  /** Writes one key. */
  void put(ColumnFamilyHandle cf, byte[] key, byte[] value) throws RocksDBException {
    try (WriteBatch batch = new WriteBatch()) {
      batch.put(cf, key, value);
      write(batch);
    }
  }

  /** Deletes one key. */
  void delete(ColumnFamilyHandle cf, byte[] key) throws RocksDBException {
    try (WriteBatch batch = new WriteBatch()) {
      batch.delete(cf, key);
      write(batch);
    }
  }

  /** A counter of the meta column family; 0 if it was never written. */
  long counter(byte[] name) throws RocksDBException {
    byte[] bytes = db.get(meta, name);
    return bytes == null ? 0 : Layout.readLong(bytes, new String(name, StandardCharsets.US_ASCII));
  }

  /** Compacts {@code cf}, so that deleted entries leave the disk. */
  void compact(ColumnFamilyHandle cf) throws RocksDBException {
    db.compactRange(cf);
  }

  /** The count of keys of {@code cf}, for tests: iterates it whole. */
  long countKeys(ColumnFamilyHandle cf) {
    return call(
        "count keys",
        () -> {
          long n = 0;
          try (RocksIterator it = db.newIterator(cf)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
              n++;
            }
            it.status();
          }
          return n;
        });
  }

  /**
   * Flushes the memtables to table files (so the next open need not replay the log) and closes
   * every native object. A flush that fails (a full disk) is logged and skipped: the log still
   * holds the writes. Idempotent.
   */
  @Override
  public void close() {
    guard.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
        db.flush(flush, handles);
      } catch (RocksDBException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "datastore " + directory + ": no flush on close, the log keeps the writes: " + e);
      }
      closeAll(db, handles, owned);
    } finally {
      guard.writeLock().unlock();
    }
  }

  private static void closeAll(
      @Nullable RocksDB db,
      List<ColumnFamilyHandle> handles,
      Deque<AbstractNativeReference> owned) {
    handles.forEach(ColumnFamilyHandle::close);
    if (db != null) {
      try {
        db.closeE();
      } catch (RocksDBException e) {
        LOG.log(System.Logger.Level.WARNING, "closing RocksDB: " + e);
      }
    }
    while (!owned.isEmpty()) {
      owned.pop().close();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** RocksDB's info log, warnings and errors only, to a {@link System.Logger}: no LOG files. */
  private static final class ForwardingLogger extends Logger {
    ForwardingLogger() {
      super(InfoLogLevel.WARN_LEVEL);
    }

    @Override
    protected void log(InfoLogLevel level, String message) {
      System.Logger.Level to =
          switch (level) {
            case WARN_LEVEL -> System.Logger.Level.WARNING;
            case ERROR_LEVEL, FATAL_LEVEL -> System.Logger.Level.ERROR;
            default -> System.Logger.Level.DEBUG;
          };
      LOG.log(to, "RocksDB: " + message);
    }
  }
}

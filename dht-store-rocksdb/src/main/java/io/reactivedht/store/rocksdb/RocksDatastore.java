package io.reactivedht.store.rocksdb;

import io.reactivedht.core.record.ProviderStore;
import io.reactivedht.core.record.ValueStore;
import io.reactivedht.reactor.state.NodeState;
import java.nio.file.Path;

/**
 * A node's persistent storage: one RocksDB database in one directory, serving the value records
 * ({@link #values()}), provider records ({@link #providers()}) and node state ({@link
 * #nodeState()}) a node keeps across restarts. The stores pass the same contract tests as the
 * in-memory ones (expiry from the injected time source, the count and byte bounds, the provider
 * bounds), are safe for concurrent use, and block on disk: their {@code blocksOnIo()} is true, so a
 * node calls them off its event loops.
 *
 * <pre>{@code
 * try (RocksDatastore store = RocksDatastore.open(Path.of("dht-data"), DatastoreOptions.DEFAULTS)) {
 *   ValueStore values = store.values();
 *   ...
 * }
 * }</pre>
 *
 * <p>Durability: every write is one atomic RocksDB write batch (a record with its index entries and
 * counters), in the write-ahead log when the method returns: after a crash a change is there whole
 * or not at all. By default the log is not fsynced, so a write survives a crash of the process but
 * not of the machine; {@link DatastoreOptions#syncWrites()} makes it survive a power loss too.
 * Opening recovers from a log whose tail was half written, keeping every write before it.
 *
 * <p>Failures are {@link DatastoreException}s: {@link DatastoreFormatException} when the directory
 * holds something else, {@link DatastoreCorruptedException} when its files are damaged, {@link
 * DatastoreFullException} when a write finds no room (reads go on). The on-disk format is versioned
 * and described in the package documentation.
 */
public final class RocksDatastore implements AutoCloseable {
  private final Rocks rocks;
  private final RocksValueStore values;
  private final RocksProviderStore providers;
  private final RocksNodeState nodeState;

  private RocksDatastore(Rocks rocks, DatastoreOptions options) {
    this.rocks = rocks;
    this.values = new RocksValueStore(rocks, options.values(), options.ticker());
    this.providers = new RocksProviderStore(rocks, options.providers(), options.ticker());
    this.nodeState = new RocksNodeState(rocks);
  }

  /**
   * Opens the datastore in {@code directory}, or creates one there if the directory is missing or
   * empty. Only one datastore may have a directory open at a time.
   *
   * @param directory the data directory
   * @param options the stores' bounds, the time source and the durability of writes
   * @return the open datastore; close it when done
   * @throws DatastoreFormatException if the directory holds anything but a datastore of a format
   *     this version reads (other files, another program's RocksDB database, a newer format)
   * @throws DatastoreCorruptedException if the datastore's files are damaged
   * @throws DatastoreException if it cannot be opened otherwise, for instance while another
   *     datastore has it open
   */
  public static RocksDatastore open(Path directory, DatastoreOptions options) {
    Rocks rocks = Rocks.open(directory, options);
    try {
      return new RocksDatastore(rocks, options);
    } catch (RuntimeException e) {
      rocks.close();
      throw e;
    }
  }

  /**
   * The directory the datastore is in.
   *
   * @return its absolute path
   */
  public Path directory() {
    return rocks.directory();
  }

  /**
   * The value records (PUT_VALUE, GET_VALUE), for {@code Dht.Builder.valueStore}.
   *
   * @return the value store, usable until the datastore is closed
   */
  public ValueStore values() {
    return values;
  }

  /**
   * The provider records (ADD_PROVIDER, GET_PROVIDERS), for {@code Dht.Builder.providerStore}.
   *
   * @return the provider store, usable until the datastore is closed
   */
  public ProviderStore providers() {
    return providers;
  }

  /**
   * What the node provides and publishes, and its routing table ({@code Dht.Builder.restore} takes
   * the saved snapshot).
   *
   * @return the node state, usable until the datastore is closed
   */
  public NodeState nodeState() {
    return nodeState;
  }

  /** For tests: the underlying database. */
  Rocks rocks() {
    return rocks;
  }

  /**
   * Flushes what is in memory to the table files and closes the database; the stores then throw
   * {@link IllegalStateException}. Waits for calls in progress. Idempotent.
   */
  @Override
  public void close() {
    rocks.close();
  }
}

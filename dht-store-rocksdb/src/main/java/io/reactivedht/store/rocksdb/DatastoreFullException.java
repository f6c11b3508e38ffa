package io.reactivedht.store.rocksdb;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A write found no room: the disk is full, or the datastore reached its {@link
 * DatastoreOptions#maxDiskBytes()}. Nothing of the failed write was stored, and reads go on serving
 * what is stored. RocksDB then holds the database read-only: writes keep failing until the
 * datastore is closed and opened again with room to spare.
 */
public class DatastoreFullException extends DatastoreException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception about a write to the datastore in {@code directory}.
   *
   * @param directory the datastore's directory
   * @param reason why there is no room, as RocksDB reports it
   * @param cause the underlying exception, or null
   */
  public DatastoreFullException(Path directory, String reason, @Nullable Throwable cause) {
    super(directory, "the datastore in " + directory + " is full: " + reason, cause);
  }
}

package io.reactivedht.store.rocksdb;

import java.nio.file.Path;

/**
 * A directory does not hold a datastore that this version reads: another program's files or RocksDB
 * database, or a reactive-dht datastore of a newer (or unknown) format. The directory is left as it
 * was found: nothing in it is read as records or changed.
 */
public class DatastoreFormatException extends DatastoreException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception about the contents of {@code directory}.
   *
   * @param directory the directory opened
   * @param message what was found there and what this version reads
   */
  public DatastoreFormatException(Path directory, String message) {
    super(directory, message, null);
  }
}

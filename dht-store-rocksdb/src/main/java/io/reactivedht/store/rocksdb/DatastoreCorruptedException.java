package io.reactivedht.store.rocksdb;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A datastore's files are damaged: a garbled {@code CURRENT}, {@code MANIFEST} or table file, a
 * checksum that does not match, or a stored entry that does not decode. Thrown by {@link
 * RocksDatastore#open} when the damage is seen on opening, and by a store's method when a read
 * meets it. A half-written tail of the write-ahead log is not damage: opening recovers the writes
 * before it.
 */
public class DatastoreCorruptedException extends DatastoreException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception about the damaged datastore in {@code directory}.
   *
   * @param directory the datastore's directory
   * @param reason what is damaged, as RocksDB or the decoder reports it
   * @param cause the underlying exception, or null
   */
  public DatastoreCorruptedException(Path directory, String reason, @Nullable Throwable cause) {
    super(directory, "the datastore in " + directory + " is corrupted: " + reason, cause);
  }
}

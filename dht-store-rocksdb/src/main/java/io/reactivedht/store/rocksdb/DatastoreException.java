package io.reactivedht.store.rocksdb;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A datastore could not do what it was asked: the common type of the datastore's failures, thrown
 * by {@link RocksDatastore#open} and by the stores' methods. Unchecked, since the store interfaces
 * declare no checked exceptions. The subclasses name the failures a caller may act on: {@link
 * DatastoreFormatException} (not a datastore this version reads), {@link
 * DatastoreCorruptedException} (damaged files) and {@link DatastoreFullException} (no room left);
 * this class itself covers the rest, such as a directory already opened by another datastore.
 */
public class DatastoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The datastore's directory. */
  private final Path directory;

  /**
   * An exception about the datastore in {@code directory}.
   *
   * @param directory the datastore's directory
   * @param message what went wrong; should name the directory
   * @param cause the underlying exception, or null
   */
  public DatastoreException(Path directory, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.directory = directory;
  }

  /**
   * The directory of the datastore that failed.
   *
   * @return the datastore's directory
   */
  public Path directory() {
    return directory;
  }
}

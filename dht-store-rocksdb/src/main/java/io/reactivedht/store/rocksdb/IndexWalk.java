package io.reactivedht.store.rocksdb;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Walks the keys that start with a prefix, from a cursor to the last, then from the first up to the
 * cursor: each key once. Eviction starts where the previous one stopped, so it does not wade
 * through the deletion markers it left at the head of a time index on every write.
 */
final class IndexWalk {
  private final RocksIterator it;
  private final byte[] prefix;
  private final byte @Nullable [] from;
  private boolean started;
  private boolean wrapped;
  private byte @Nullable [] key;

  /**
   * A walk over {@code it}, which the caller closes.
   *
   * @param from where to start, at or after {@code prefix}; null for the first key
   */
  IndexWalk(RocksIterator it, byte[] prefix, byte @Nullable [] from) {
    this.it = it;
    this.prefix = prefix.clone();
    this.from = from == null ? null : from.clone();
  }

  /** Moves to the next key: false once every key was visited. */
  boolean next() throws RocksDBException {
    if (started) {
      it.next();
    } else {
      started = true;
      it.seek(from != null ? from : prefix);
    }
    while (true) {
      if (it.isValid()) {
        byte[] k = it.key();
        boolean inRange =
            Layout.startsWith(k, prefix)
                && !(wrapped && from != null && Arrays.compareUnsigned(k, from) >= 0);
        if (inRange) {
          key = k;
          return true;
        }
      } else {
        it.status();
      }
      if (wrapped || from == null) {
        key = null;
        return false;
      }
      wrapped = true;
      it.seek(prefix);
    }
  }

  /** The current key; only after {@link #next} returned true. */
  byte[] key() {
    byte[] k = key;
    if (k == null) {
      throw new IllegalStateException("no current key");
    }
    return k;
  }
}

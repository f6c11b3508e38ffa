package io.reactivedht.store.rocksdb;

import com.github.benmanes.caffeine.cache.Ticker;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.record.ValueStore;
import io.reactivedht.core.record.ValueStoreOptions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * {@link RocksDatastore#values()}: value records in the {@code values} column family, each with an
 * entry in a time index (by receive time) that {@link #cleanUp()} and eviction walk from the
 * oldest. Writes of one store are serialized by a lock and each is one atomic batch (the record,
 * its index entry and the record and byte counters); reads take no lock.
 *
 * <p>When a put goes past {@link ValueStoreOptions#maxRecords()} or {@link
 * ValueStoreOptions#maxBytes()}, the records received longest ago (those that expire first) are
 * evicted in the same batch; never the record being put.
 */
final class RocksValueStore implements ValueStore {
  private static final int CHUNK = 1_000;
  private static final byte[] EMPTY = {};
  private static final byte[] TIME_PREFIX = {Layout.VALUE_BY_TIME};
  private static final byte[] VALUE_PREFIX = {Layout.VALUE};

  private final Rocks rocks;
  private final ValueStoreOptions options;
  private final Ticker ticker;
  private final Object lock = new Object();

  // written under the lock, after the batch that changed them is written
  private volatile long records;
  private volatile long bytes;
  private byte @Nullable [] evictFrom;

  RocksValueStore(Rocks rocks, ValueStoreOptions options, Ticker ticker) {
    this.rocks = rocks;
    this.options = options;
    this.ticker = ticker;
    this.records = rocks.call("read the value counters", () -> rocks.counter(Layout.VALUE_RECORDS));
    this.bytes = rocks.call("read the value counters", () -> rocks.counter(Layout.VALUE_BYTES));
  }

  @Override
  public boolean put(Record record) {
    Instant received = record.timeReceived();
    if (received == null) {
      throw new IllegalArgumentException("a stored record needs its timeReceived: " + record);
    }
    byte[] key = record.key();
    byte[] value = record.value();
    long size = (long) key.length + value.length;
    if (size > Math.min(options.maxRecordBytes(), options.maxBytes())
        || !Ages.isLive(received, options.maxAge(), ticker.read())) {
      return false;
    }
    synchronized (lock) {
      rocks.run("store a value record", () -> put(key, value, received, size));
    }
    return true;
  }

  private void put(byte[] key, byte[] value, Instant received, long size) throws RocksDBException {
    try (WriteBatch batch = new WriteBatch()) {
      long count = records;
      long held = bytes;
      byte[] valueKey = Layout.valueKey(key);
      byte[] old = rocks.get(rocks.values, valueKey);
      if (old != null) {
        batch.delete(rocks.values, Layout.valueTimeKey(Layout.valueReceived(old), key));
        count--;
        held -= storedSize(key, old);
      }
      batch.put(rocks.values, valueKey, Layout.valueEntry(received, value));
      batch.put(rocks.values, Layout.valueTimeKey(received, key), EMPTY);
      count++;
      held += size;
      byte[] cursor = evictFrom;
      if (count > options.maxRecords() || held > options.maxBytes()) {
        try (RocksIterator it = rocks.iterator(rocks.values)) {
          IndexWalk walk = new IndexWalk(it, TIME_PREFIX, cursor);
          while ((count > options.maxRecords() || held > options.maxBytes()) && walk.next()) {
            byte[] timeKey = walk.key();
            byte[] victim = Layout.recordKeyOfTimeKey(timeKey);
            if (Arrays.equals(victim, key)) {
              continue; // the record being put, or its former index entry
            }
            batch.delete(rocks.values, timeKey);
            cursor = timeKey;
            byte[] victimKey = Layout.valueKey(victim);
            byte[] stored = rocks.get(rocks.values, victimKey);
            if (stored != null
                && Layout.valueReceived(stored).equals(Layout.instantAt(timeKey, 1, "index"))) {
              batch.delete(rocks.values, victimKey);
              count--;
              held -= storedSize(victim, stored);
            }
          }
        }
      }
      writeCounters(batch, count, held);
      rocks.write(batch);
      records = count;
      bytes = held;
      evictFrom = cursor;
    }
  }

  @Override
  public Optional<Record> get(byte[] key) {
    long now = ticker.read();
    byte[] valueKey = Layout.valueKey(key);
    return rocks.call(
        "read a value record",
        () -> {
          byte[] stored = rocks.get(rocks.values, valueKey);
          if (stored == null) {
            return Optional.empty();
          }
          Instant received = Layout.valueReceived(stored);
          return Ages.isLive(received, options.maxAge(), now)
              ? Optional.of(new Record(key, Layout.valueOf(stored), received))
              : Optional.empty();
        });
  }

  @Override
  public void remove(byte[] key) {
    byte[] valueKey = Layout.valueKey(key);
    synchronized (lock) {
      rocks.run(
          "remove a value record",
          () -> {
            byte[] old = rocks.get(rocks.values, valueKey);
            if (old == null) {
              return;
            }
            try (WriteBatch batch = new WriteBatch()) {
              batch.delete(rocks.values, valueKey);
              batch.delete(rocks.values, Layout.valueTimeKey(Layout.valueReceived(old), key));
              long count = records - 1;
              long held = bytes - storedSize(key, old);
              writeCounters(batch, count, held);
              rocks.write(batch);
              records = count;
              bytes = held;
            }
          });
    }
  }

  @Override
  public long count() {
    return records;
  }

  @Override
  public void forEach(Consumer<? super Record> action) {
    long now = ticker.read();
    rocks.run(
        "read the value records",
        () -> {
          try (RocksIterator it = rocks.iterator(rocks.values)) {
            for (it.seek(VALUE_PREFIX); it.isValid(); it.next()) {
              byte[] k = it.key();
              if (k[0] != Layout.VALUE) {
                break;
              }
              byte[] stored = it.value();
              Instant received = Layout.valueReceived(stored);
              if (Ages.isLive(received, options.maxAge(), now)) {
                action.accept(
                    new Record(
                        Arrays.copyOfRange(k, 1, k.length), Layout.valueOf(stored), received));
              }
            }
            it.status();
          }
        });
  }

  /**
   * Deletes every record past the max age, with its index entry, a thousand per batch; compacts the
   * column family when that freed a quarter or more of the bytes, so the deletions leave the disk.
   */
  @Override
  public void cleanUp() {
    Instant upTo = Ages.expiredUpTo(options.maxAge(), ticker.read());
    long before = bytes;
    int done;
    do {
      synchronized (lock) {
        done = rocks.call("delete expired value records", () -> expire(upTo));
      }
    } while (done == CHUNK);
    long freed = before - bytes;
    if (freed > 0 && freed * 4 >= before) {
      rocks.run("compact the value records", () -> rocks.compact(rocks.values));
    }
  }

  /** Deletes up to {@link #CHUNK} index entries stamped at or before {@code upTo}, and records. */
  private int expire(Instant upTo) throws RocksDBException {
    List<byte[]> expired =
        rocks.timeKeysUpTo(rocks.values, Layout.VALUE_BY_TIME, upTo, CHUNK, "value time index key");
    int done = expired.size();
    try (WriteBatch batch = new WriteBatch()) {
      long count = records;
      long held = bytes;
      for (byte[] timeKey : expired) {
        Instant stamped = Layout.instantAt(timeKey, 1, "value time index key");
        batch.delete(rocks.values, timeKey);
        byte[] key = Layout.recordKeyOfTimeKey(timeKey);
        byte[] valueKey = Layout.valueKey(key);
        byte[] stored = rocks.get(rocks.values, valueKey);
        if (stored != null && Layout.valueReceived(stored).equals(stamped)) {
          batch.delete(rocks.values, valueKey);
          count--;
          held -= storedSize(key, stored);
        }
      }
      if (done > 0) {
        writeCounters(batch, count, held);
        rocks.write(batch);
        records = count;
        bytes = held;
      }
    }
    return done;
  }

  @Override
  public boolean blocksOnIo() {
    return true;
  }

  /** The bytes held (keys plus values), for tests. */
  long bytesHeld() {
    return bytes;
  }

  private void writeCounters(WriteBatch batch, long count, long held) throws RocksDBException {
    batch.put(rocks.meta, Layout.VALUE_RECORDS, Layout.longBytes(count));
    batch.put(rocks.meta, Layout.VALUE_BYTES, Layout.longBytes(held));
  }

  /** The bytes a stored record counts: key plus value. */
  private static long storedSize(byte[] key, byte[] stored) {
    return (long) key.length + stored.length - Layout.INSTANT_BYTES;
  }
}

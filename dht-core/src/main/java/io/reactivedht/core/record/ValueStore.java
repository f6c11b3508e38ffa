package io.reactivedht.core.record;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a DHT server keeps the value records it is asked to hold (PUT_VALUE) and serves them from
 * (GET_VALUE). The in-memory default is {@link CaffeineValueStore}; a persistent store implements
 * the same interface and passes the same contract tests.
 *
 * <p>Expiry: a record is live from its {@link Record#timeReceived()} until just before {@code
 * timeReceived + maxAge} ({@link ValueStoreOptions#maxAge()}, 48 h): from that moment on it is
 * never returned, and {@link #cleanUp()} frees it. "Now" comes from the store's injected time
 * source.
 *
 * <p>Policy stays with the caller: the store does not validate values or run {@code Select}; {@link
 * #put} simply replaces. Bounds: a store holds at most {@link ValueStoreOptions#maxRecords()}
 * records and {@link ValueStoreOptions#maxBytes()} bytes, evicting records of its choice rather
 * than growing.
 *
 * <p>Thread safety: implementations are safe for concurrent use by many threads (a reactive server
 * answers on several). Each method is atomic for its key; {@link #forEach} is weakly consistent: it
 * sees every record live throughout the iteration and may or may not see concurrent changes.
 */
public interface ValueStore {
  /**
   * Stores {@code record} under its key, replacing any record there.
   *
   * @param record a record stamped with the time it was received ({@link Record#receivedAt})
   * @return whether it was stored; false, with nothing changed, when it is larger than {@link
   *     ValueStoreOptions#maxRecordBytes()} or {@link ValueStoreOptions#maxBytes()} (key plus
   *     value), or already at the max age
   * @throws IllegalArgumentException if the record has no {@code timeReceived}
   */
  boolean put(Record record);

  /**
   * The live record stored under {@code key}, if any; never one older than the max age.
   *
   * @param key the record key bytes; not modified
   * @return the record as put, with its {@link Record#timeReceived()}; empty if none is live
   */
  Optional<Record> get(byte[] key);

  /**
   * Removes the record stored under {@code key}, if any.
   *
   * @param key the record key bytes; not modified
   */
  void remove(byte[] key);

  /**
   * The number of records held; may count records that expired since the last {@link #cleanUp()}.
   *
   * @return the number of records held, expired ones possibly included
   */
  long count();

  /**
   * Calls {@code action} with each live record, for republishing and inspection. Streams rather
   * than copying, so a large persistent store need not fit in memory; the action must not call back
   * into this store.
   *
   * @param action called with each live record in turn
   */
  void forEach(Consumer<? super Record> action);

  /**
   * Frees the memory (or disk) of expired records; an implementation may leave those that expired
   * within the last second or so for the next call. Called periodically by the engine's garbage
   * collection job.
   */
  void cleanUp();

  /**
   * Whether the methods block on I/O (a disk store); the node then calls them on a scheduler made
   * for blocking work, never on an event loop.
   *
   * @return false for an in-memory store
   */
  default boolean blocksOnIo() {
    return false;
  }
}

package io.reactivedht.reactor.internal.value;

import io.reactivedht.core.record.Record;
import io.reactivedht.reactor.state.NodeState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The records this node published and republishes: the latest value per key, in memory and, when
 * given a {@link NodeState}, there too, so that republishing goes on after a restart; at most
 * {@code capacity} keys. A new key beyond that is refused rather than forgetting an older one
 * silently. Thread-safe (each method holds the monitor for a map operation and its state write);
 * with a state on disk, the methods that change something block on its I/O.
 */
final class PublishedRecords {
  private final int capacity;
  private final Map<ByteBuffer, byte[]> values = new LinkedHashMap<>();
  private final @Nullable NodeState state;

  /**
   * @param capacity the most keys held
   * @param state where the records are kept across restarts, and loaded from now; null for none
   */
  PublishedRecords(int capacity, @Nullable NodeState state) {
    this.capacity = capacity;
    this.state = state;
    if (state != null) {
      for (Record record : state.published()) {
        values.put(ByteBuffer.wrap(record.key().clone()), record.value().clone());
      }
    }
  }

  /**
   * Remembers {@code value} as the one published under {@code key}, replacing an earlier value.
   *
   * @throws IllegalStateException if {@code key} is new and {@code capacity} keys are held already
   */
  synchronized void remember(byte[] key, byte[] value) {
    ByteBuffer k = ByteBuffer.wrap(key.clone());
    if (!values.containsKey(k) && values.size() >= capacity) {
      throw new IllegalStateException(
          "this node already republishes " + capacity + " records; unpublish one first");
    }
    if (state != null) {
      state.putPublished(key, value);
    }
    values.put(k, value.clone());
  }

  /** Whether {@code key} is held and a put of a new value under it would be accepted. */
  synchronized boolean hasRoomFor(byte[] key) {
    return values.size() < capacity || values.containsKey(ByteBuffer.wrap(key));
  }

  /**
   * Forgets {@code key} if it still holds {@code value} (a newer put may have replaced it
   * meanwhile).
   */
  synchronized void forget(byte[] key, byte[] value) {
    ByteBuffer k = ByteBuffer.wrap(key);
    byte[] held = values.get(k);
    if (held != null && Arrays.equals(held, value)) {
      forget(key);
    }
  }

  /** Forgets {@code key}; returns whether it was held. */
  synchronized boolean forget(byte[] key) {
    if (state != null) {
      state.removePublished(key);
    }
    return values.remove(ByteBuffer.wrap(key)) != null;
  }

  /** The records held now, oldest key first, without receive times. */
  synchronized List<Record> snapshot() {
    List<Record> out = new ArrayList<>(values.size());
    values.forEach((key, value) -> out.add(Record.of(bytes(key), value)));
    return out;
  }

  private static byte[] bytes(ByteBuffer key) {
    byte[] out = new byte[key.remaining()];
    key.duplicate().get(out);
    return out;
  }

  /** The number of keys held. */
  synchronized int size() {
    return values.size();
  }
}

package io.reactivedht.reactor.internal.lookup;

import io.reactivedht.core.peer.PeerId;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Up to {@code capacity} records by peer id, the least recently used dropped first: what a {@code
 * LinkedHashMap} in access order with {@code removeEldestEntry} does, with each record its own
 * entry. A node remembers up to a thousand peers, and in a large simulation their records are a
 * large share of its heap: one object per peer (about 64 bytes) instead of a map entry and a record
 * (about 88), and one object to reach per access instead of two. Not thread-safe.
 *
 * @param <E> the record type
 */
final class RecentPeers<E extends RecentPeers.Entry> {
  /** A record and its place in the table: its hash chain and its neighbours by last use. */
  abstract static class Entry {
    final PeerId id;
    private final int hash;
    private @Nullable Entry chain;
    private @Nullable Entry older;
    private @Nullable Entry newer;

    Entry(PeerId id) {
      this.id = id;
      this.hash = id.hashCode();
    }
  }

  private static final int INITIAL_BUCKETS = 16;

  private final int capacity;
  private final Function<PeerId, E> create;
  private final Consumer<? super E> dropped;

  /** Allocated with the first record; doubled while it is more than three quarters full. */
  private @Nullable Entry @Nullable [] buckets;

  private @Nullable Entry oldest;
  private @Nullable Entry newest;
  private int size;

  /**
   * @param capacity the most records kept
   * @param create makes the record of a peer met for the first time
   * @param dropped told of each record dropped to make room
   */
  RecentPeers(int capacity, Function<PeerId, E> create, Consumer<? super E> dropped) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
    this.create = create;
    this.dropped = dropped;
  }

  /** The record of {@code id}, now the most recently used; null if there is none. */
  @Nullable E get(PeerId id) {
    Entry e = find(id);
    if (e == null) {
      return null;
    }
    touch(e);
    return cast(e);
  }

  /**
   * The record of {@code id}, made if there is none (dropping the least recently used one when
   * full), now the most recently used.
   */
  E getOrCreate(PeerId id) {
    Entry found = find(id);
    if (found != null) {
      touch(found);
      return cast(found);
    }
    E made = create.apply(id);
    insert(made);
    if (size > capacity) {
      Entry eldest = Objects.requireNonNull(oldest);
      remove(eldest);
      dropped.accept(cast(eldest));
    }
    return made;
  }

  int size() {
    return size;
  }

  @SuppressWarnings(
      "ReferenceEquality") // the same id object first: most callers pass the one stored
  private @Nullable Entry find(PeerId id) {
    @Nullable Entry[] table = buckets;
    if (table == null) {
      return null;
    }
    int hash = id.hashCode();
    for (Entry e = table[hash & (table.length - 1)]; e != null; e = e.chain) {
      if (e.hash == hash && (e.id == id || e.id.equals(id))) {
        return e;
      }
    }
    return null;
  }

  private void insert(Entry e) {
    @Nullable Entry[] table = buckets;
    if (table == null) {
      table = new Entry[INITIAL_BUCKETS];
      buckets = table;
    } else if (size >= table.length - (table.length >>> 2)) {
      table = grow(table);
    }
    int i = e.hash & (table.length - 1);
    e.chain = table[i];
    table[i] = e;
    link(e);
    size++;
  }

  private @Nullable Entry[] grow(@Nullable Entry[] table) {
    @Nullable Entry[] bigger = new Entry[table.length * 2];
    for (Entry head : table) {
      Entry e = head;
      while (e != null) {
        Entry next = e.chain;
        int i = e.hash & (bigger.length - 1);
        e.chain = bigger[i];
        bigger[i] = e;
        e = next;
      }
    }
    buckets = bigger;
    return bigger;
  }

  private void remove(Entry e) {
    @Nullable Entry[] table = Objects.requireNonNull(buckets);
    int i = e.hash & (table.length - 1);
    if (table[i] == e) {
      table[i] = e.chain;
    } else {
      Entry before = table[i];
      while (before != null && before.chain != e) {
        before = before.chain;
      }
      if (before != null) {
        before.chain = e.chain;
      }
    }
    e.chain = null;
    unlink(e);
    size--;
  }

  /** Makes {@code e} the most recently used. */
  private void touch(Entry e) {
    if (e != newest) {
      unlink(e);
      link(e);
    }
  }

  /** Appends {@code e} as the most recently used. */
  private void link(Entry e) {
    e.older = newest;
    e.newer = null;
    if (newest == null) {
      oldest = e;
    } else {
      newest.newer = e;
    }
    newest = e;
  }

  private void unlink(Entry e) {
    if (e.older == null) {
      oldest = e.newer;
    } else {
      e.older.newer = e.newer;
    }
    if (e.newer == null) {
      newest = e.older;
    } else {
      e.newer.older = e.older;
    }
    e.older = null;
    e.newer = null;
  }

  @SuppressWarnings("unchecked") // every entry in the table was made by create
  private E cast(Entry e) {
    return (E) e;
  }
}

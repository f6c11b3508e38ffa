package io.reactivedht.testkit.sim;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@link SimulationClock}'s waiting tasks, taken out in (time, submission order) and able to
 * leave early in O(1) or O(log n). Three places, by how far ahead a task is due:
 *
 * <ul>
 *   <li>the current slot (before {@code slotEnd}): a binary heap, the only place tasks leave from
 *       in order;
 *   <li>the next {@link #SLOTS} slots of {@link #SLOT_NANOS} each (about 69 s): a timing wheel, an
 *       unordered list per slot, poured into the heap when its slot becomes the current one;
 *   <li>later (periodic maintenance, hours ahead): a second heap, moved into the wheel as it comes
 *       within reach.
 * </ul>
 *
 * A large simulation holds tens of thousands of tasks, most of them periodic timers far ahead and
 * RPC timeouts that are cancelled before they fire. With one heap, every message delivery climbed
 * and every poll sank through all of them (about 16 levels, a cache miss each); now the heap holds
 * the tasks of the next 67 ms, and a timeout enters and leaves its wheel slot in O(1).
 */
final class TaskQueue {
  static final int SLOT_BITS = 26;
  static final long SLOT_NANOS = 1L << SLOT_BITS;
  static final int SLOTS = 1024;

  /** A task's time, submission order and place in the queue. */
  abstract static class Entry {
    final long time;
    final long seq;

    /** Its index in the heap or wheel slot it is in; -1 when not queued. */
    int index = -1;

    private byte where;

    Entry(long time, long seq) {
      this.time = time;
      this.seq = seq;
    }
  }

  private static final byte CURRENT = 1;
  private static final byte WHEEL = 2;
  private static final byte LATER = 3;

  private final Heap current = new Heap();
  private final Heap later = new Heap();
  private final Slot[] wheel = new Slot[SLOTS];
  private int inWheel;

  /** The end of the current slot: every task due before it is in {@link #current}. */
  private long slotEnd = Long.MIN_VALUE;

  int size() {
    return current.size + inWheel + later.size;
  }

  TaskQueue() {
    for (int s = 0; s < SLOTS; s++) {
      wheel[s] = new Slot();
    }
  }

  void add(Entry e) {
    if (slotEnd == Long.MIN_VALUE) {
      slotEnd = (e.time & -SLOT_NANOS) + SLOT_NANOS; // the first task starts the wheel
    }
    place(e);
  }

  /** The earliest task, or null if none waits. */
  @Nullable Entry peek() {
    while (current.size == 0) {
      if (inWheel == 0) {
        if (later.size == 0) {
          return null;
        }
        // Nothing for a while: jump the wheel to the slot of the next later task.
        slotEnd = (Objects.requireNonNull(later.peek()).time & -SLOT_NANOS);
      }
      advance();
    }
    return current.peek();
  }

  /** Takes out the task {@link #peek()} returned. */
  void poll() {
    remove(Objects.requireNonNull(current.peek()));
  }

  void remove(Entry e) {
    switch (e.where) {
      case CURRENT -> current.remove(e);
      case LATER -> later.remove(e);
      case WHEEL -> removeFromWheel(e);
      default -> {
        return; // not queued
      }
    }
    e.where = 0;
  }

  /** Empties the queue; every task's index becomes -1. */
  void clear() {
    current.clear();
    later.clear();
    for (Slot slot : wheel) {
      for (int i = 0; i < slot.size; i++) {
        Entry e = Objects.requireNonNull(slot.entries[i]);
        e.index = -1;
        e.where = 0;
        slot.entries[i] = null;
      }
      slot.size = 0;
    }
    inWheel = 0;
  }

  private void place(Entry e) {
    if (e.time < slotEnd) {
      e.where = CURRENT;
      current.add(e);
    } else if (e.time - slotEnd < (long) (SLOTS - 1) * SLOT_NANOS) {
      e.where = WHEEL;
      addToWheel(e);
    } else {
      e.where = LATER;
      later.add(e);
    }
  }

  /**
   * Makes the next slot the current one: its tasks go to the heap, and the later tasks that came
   * within the wheel's reach go to their slots.
   */
  private void advance() {
    Slot slot = wheel[slotOf(slotEnd)];
    slotEnd += SLOT_NANOS;
    int n = slot.size;
    for (int i = 0; i < n; i++) {
      Entry e = Objects.requireNonNull(slot.entries[i]);
      slot.entries[i] = null;
      e.where = CURRENT;
      current.add(e);
    }
    slot.size = 0;
    inWheel -= n;
    Entry next;
    while ((next = later.peek()) != null && next.time - slotEnd < (long) (SLOTS - 1) * SLOT_NANOS) {
      later.remove(next);
      place(next);
    }
  }

  private static int slotOf(long time) {
    return (int) ((time >>> SLOT_BITS) & (SLOTS - 1));
  }

  private void addToWheel(Entry e) {
    Slot slot = wheel[slotOf(e.time)];
    if (slot.size == slot.entries.length) {
      slot.entries = Arrays.copyOf(slot.entries, Math.max(8, slot.size * 2));
    }
    slot.entries[slot.size] = e;
    e.index = slot.size++;
    inWheel++;
  }

  private void removeFromWheel(Entry e) {
    Slot slot = wheel[slotOf(e.time)];
    int last = --slot.size;
    Entry moved = Objects.requireNonNull(slot.entries[last]);
    slot.entries[e.index] = moved;
    moved.index = e.index;
    slot.entries[last] = null;
    e.index = -1;
    inWheel--;
  }

  /** The tasks of one slot of the wheel, in no order; the array grows with the busiest use. */
  private static final class Slot {
    private @Nullable Entry[] entries = new Entry[0];
    private int size;
  }

  /**
   * A binary min-heap of entries by (time, submission order) in which each entry knows its index,
   * so that it can leave early. The keys sit in arrays beside the entries, so that sifting compares
   * numbers in a few cache lines instead of visiting each entry.
   */
  private static final class Heap {
    private @Nullable Entry[] entries = new Entry[256];
    private long[] times = new long[256];
    private long[] seqs = new long[256];
    private int size;

    @Nullable Entry peek() {
      return size == 0 ? null : entries[0];
    }

    void add(Entry e) {
      if (size == entries.length) {
        entries = Arrays.copyOf(entries, size * 2);
        times = Arrays.copyOf(times, size * 2);
        seqs = Arrays.copyOf(seqs, size * 2);
      }
      siftUp(size++, e);
    }

    void remove(Entry e) {
      int i = e.index;
      if (i < 0) {
        return;
      }
      e.index = -1;
      Entry last = Objects.requireNonNull(entries[--size]);
      entries[size] = null;
      if (i < size) {
        siftDown(i, last);
        if (entries[i] == last) {
          siftUp(i, last);
        }
      }
    }

    void clear() {
      for (int i = 0; i < size; i++) {
        Entry e = Objects.requireNonNull(entries[i]);
        e.index = -1;
        e.where = 0;
        entries[i] = null;
      }
      size = 0;
    }

    /** Places {@code e} at {@code i} or above. */
    private void siftUp(int i, Entry e) {
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!before(e.time, e.seq, parent)) {
          break;
        }
        move(parent, i);
        i = parent;
      }
      put(e, i);
    }

    /** Places {@code e} at {@code i} or below. */
    private void siftDown(int i, Entry e) {
      int half = size >>> 1;
      while (i < half) {
        int child = 2 * i + 1;
        if (child + 1 < size && before(times[child + 1], seqs[child + 1], child)) {
          child++;
        }
        if (!precedes(times[child], seqs[child], e)) {
          break;
        }
        move(child, i);
        i = child;
      }
      put(e, i);
    }

    /** Whether (time, seq) comes before the entry at {@code j}. */
    private boolean before(long time, long seq, int j) {
      return time < times[j] || (time == times[j] && seq < seqs[j]);
    }

    /** Whether (time, seq) comes before {@code e}. */
    private static boolean precedes(long time, long seq, Entry e) {
      return time < e.time || (time == e.time && seq < e.seq);
    }

    private void move(int from, int to) {
      put(Objects.requireNonNull(entries[from]), to);
    }

    private void put(Entry e, int i) {
      entries[i] = e;
      times[i] = e.time;
      seqs[i] = e.seq;
      e.index = i;
    }
  }
}

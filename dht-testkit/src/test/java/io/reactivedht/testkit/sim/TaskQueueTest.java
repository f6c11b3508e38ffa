package io.reactivedht.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TaskQueueTest {
  private static final class Item extends TaskQueue.Entry {
    Item(long time, long seq) {
      super(time, seq);
    }
  }

  private static final Comparator<Item> ORDER =
      Comparator.<Item>comparingLong(i -> i.time).thenComparingLong(i -> i.seq);

  /**
   * Random adds (due now, within the current slot, within the wheel's reach, hours ahead), early
   * removals and polls, against a sorted set: the queue gives the same task at every step, across
   * slot boundaries, wheel turns and jumps over idle time.
   */
  @Test
  void takesTasksOutInTimeThenSubmissionOrderLikeASortedSet() {
    for (int seed = 0; seed < 30; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      TaskQueue queue = new TaskQueue();
      TreeSet<Item> model = new TreeSet<>(ORDER);
      List<Item> queued = new ArrayList<>();
      long now = random.nextLong(1L << 40);
      long seq = 0;
      for (int step = 0; step < 20_000; step++) {
        int op = random.nextInt(10);
        if (op < 5) {
          Item item = new Item(now + delay(random), seq++);
          queue.add(item);
          model.add(item);
          queued.add(item);
        } else if (op < 7 && !queued.isEmpty()) {
          Item item = queued.remove(random.nextInt(queued.size()));
          queue.remove(item);
          model.remove(item);
          queue.remove(item); // a second removal does nothing
        } else {
          TaskQueue.Entry head = queue.peek();
          assertThat(head).as("seed %d step %d", seed, step).isSameAs(model.pollFirst());
          if (head != null) {
            queue.poll();
            queued.remove(head);
            now = head.time;
          }
        }
        assertThat(queue.size()).isEqualTo(model.size());
      }
      while (!model.isEmpty()) {
        assertThat(queue.peek()).isSameAs(model.pollFirst());
        queue.poll();
      }
      assertThat(queue.peek()).isNull();
      assertThat(queue.size()).isZero();
    }
  }

  @Test
  void clearEmptiesEveryPartAndTheQueueWorksOnAfterwards() {
    TaskQueue queue = new TaskQueue();
    Item soon = new Item(10, 0);
    Item inWheel = new Item(TaskQueue.SLOT_NANOS * 5, 1);
    Item later = new Item(TaskQueue.SLOT_NANOS * TaskQueue.SLOTS * 3, 2);
    queue.add(soon);
    queue.add(inWheel);
    queue.add(later);
    queue.clear();
    assertThat(queue.size()).isZero();
    assertThat(queue.peek()).isNull();
    assertThat(soon.index).isEqualTo(-1);
    assertThat(inWheel.index).isEqualTo(-1);
    assertThat(later.index).isEqualTo(-1);

    Item next = new Item(TaskQueue.SLOT_NANOS * 7, 3);
    queue.add(next);
    assertThat(queue.peek()).isSameAs(next);
  }

  private static long delay(SplittableRandom random) {
    return switch (random.nextInt(5)) {
      case 0 -> 0;
      case 1 -> random.nextLong(TaskQueue.SLOT_NANOS);
      case 2 -> random.nextLong(TaskQueue.SLOT_NANOS * 4);
      case 3 -> random.nextLong(TaskQueue.SLOT_NANOS * TaskQueue.SLOTS);
      default -> random.nextLong(TaskQueue.SLOT_NANOS * TaskQueue.SLOTS * 50);
    };
  }
}

package io.reactivedht.testkit.sim;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Scheduler;

/**
 * A virtual-time {@link Scheduler} for large simulations: tasks run on the thread that calls {@link
 * #advanceBy} or {@link #runUntil}, in time order (ties in submission order), and time jumps from
 * one task to the next. Unlike reactor-test's {@code VirtualTimeScheduler}, cancelling a task takes
 * it out of the queue in O(log n) (each task knows its place in the heap), which matters when every
 * one of millions of requests arms and cancels a timeout: the queue holds the timers that can still
 * fire, not every timeout armed in the last RPC timeout.
 */
public final class SimulationClock implements Scheduler {
  private final TaskHeap queue = new TaskHeap();
  private long nowNanos;
  private long sequence;
  private volatile boolean disposed;

  /** A clock at virtual time zero (the Unix epoch). */
  public SimulationClock() {}

  @Override
  public long now(TimeUnit unit) {
    synchronized (this) {
      return unit.convert(nowNanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public Disposable schedule(Runnable task) {
    return enqueue(task, 0, 0);
  }

  @Override
  public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
    return enqueue(task, unit.toNanos(delay), 0);
  }

  @Override
  public Disposable schedulePeriodically(
      Runnable task, long initialDelay, long period, TimeUnit unit) {
    if (period <= 0) {
      throw new IllegalArgumentException("period must be positive");
    }
    return enqueue(task, unit.toNanos(initialDelay), unit.toNanos(period));
  }

  @Override
  public Worker createWorker() {
    return new ClockWorker();
  }

  @Override
  public void dispose() {
    disposed = true;
    synchronized (this) {
      queue.clear();
    }
  }

  @Override
  public boolean isDisposed() {
    return disposed;
  }

  /**
   * Runs every task due within {@code duration} from now, then sets the time to now + duration.
   *
   * @param duration how far to move the time; zero runs the tasks due now, including those they
   *     schedule without delay
   */
  public void advanceBy(Duration duration) {
    long target;
    synchronized (this) {
      target = nowNanos + duration.toNanos();
    }
    runUntil(target);
  }

  /**
   * Runs tasks in time order until none is due at or before {@code targetNanos}; the time ends at
   * the target.
   *
   * @param targetNanos the virtual time to reach, in nanoseconds since the epoch; a time already
   *     past runs nothing and leaves the time as it is
   */
  public void runUntil(long targetNanos) {
    while (true) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.time > targetNanos) {
          nowNanos = Math.max(nowNanos, targetNanos);
          return;
        }
        queue.poll();
        nowNanos = Math.max(nowNanos, next.time);
      }
      next.run();
    }
  }

  /**
   * Moves the time in steps of {@code step}, running the tasks due, until {@code done} holds or
   * {@code limit} has passed: how a caller waits for an operation on virtual time.
   *
   * @param done checked before each step
   * @param step how far each step moves the time; positive
   * @param limit how far the time may move in all
   * @return whether {@code done} held when the stepping stopped
   */
  public boolean advanceUntil(BooleanSupplier done, Duration step, Duration limit) {
    long deadline = now(TimeUnit.NANOSECONDS) + limit.toNanos();
    while (!done.getAsBoolean() && now(TimeUnit.NANOSECONDS) < deadline) {
      advanceBy(step);
    }
    return done.getAsBoolean();
  }

  /**
   * The number of tasks waiting (a cancelled task leaves at once).
   *
   * @return the size of the task queue
   */
  public synchronized int pendingTasks() {
    return queue.size();
  }

  private Disposable enqueue(Runnable runnable, long delayNanos, long periodNanos) {
    if (disposed) {
      return Disposables.disposed();
    }
    synchronized (this) {
      Task task = new Task(runnable, nowNanos + Math.max(0, delayNanos), sequence++, periodNanos);
      queue.add(task);
      return task;
    }
  }

  private final class Task implements Disposable {
    private final Runnable runnable;
    private final long time;
    private final long seq;
    private final long period;
    private volatile boolean cancelled;
    private volatile Task successor = this;

    /** Its place in the heap; -1 when not in it. */
    private int index = -1;

    Task(Runnable runnable, long time, long seq, long period) {
      this.runnable = runnable;
      this.time = time;
      this.seq = seq;
      this.period = period;
    }

    void run() {
      if (cancelled) {
        return;
      }
      runnable.run();
      if (period > 0 && !cancelled) {
        synchronized (SimulationClock.this) {
          Task again = new Task(runnable, time + period, sequence++, period);
          successor = again;
          queue.add(again);
        }
      }
    }

    @Override
    public void dispose() {
      cancelled = true;
      synchronized (SimulationClock.this) {
        queue.remove(this);
      }
      Task s = successor;
      if (s != this) {
        s.dispose();
      }
    }

    @Override
    public boolean isDisposed() {
      return cancelled;
    }
  }

  /**
   * A binary min-heap of tasks by (time, submission order) in which each task knows its index, so
   * that it can leave early. The keys sit in arrays beside the tasks, so that sifting compares
   * numbers in a few cache lines instead of visiting each task.
   */
  private static final class TaskHeap {
    private @Nullable Task[] tasks = new Task[1024];
    private long[] times = new long[1024];
    private long[] seqs = new long[1024];
    private int size;

    int size() {
      return size;
    }

    @Nullable Task peek() {
      return size == 0 ? null : tasks[0];
    }

    void add(Task task) {
      if (size == tasks.length) {
        tasks = Arrays.copyOf(tasks, size * 2);
        times = Arrays.copyOf(times, size * 2);
        seqs = Arrays.copyOf(seqs, size * 2);
      }
      siftUp(size++, task);
    }

    void poll() {
      remove(Objects.requireNonNull(tasks[0]));
    }

    void remove(Task task) {
      int i = task.index;
      if (i < 0) {
        return;
      }
      task.index = -1;
      Task last = Objects.requireNonNull(tasks[--size]);
      tasks[size] = null;
      if (i < size) {
        siftDown(i, last);
        if (tasks[i] == last) {
          siftUp(i, last);
        }
      }
    }

    void clear() {
      for (int i = 0; i < size; i++) {
        Objects.requireNonNull(tasks[i]).index = -1;
        tasks[i] = null;
      }
      size = 0;
    }

    /** Places {@code task} at {@code i} or above. */
    private void siftUp(int i, Task task) {
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!before(task.time, task.seq, parent)) {
          break;
        }
        move(parent, i);
        i = parent;
      }
      place(task, i);
    }

    /** Places {@code task} at {@code i} or below. */
    private void siftDown(int i, Task task) {
      int half = size >>> 1;
      while (i < half) {
        int child = 2 * i + 1;
        if (child + 1 < size && before(times[child + 1], seqs[child + 1], child)) {
          child++;
        }
        if (!precedes(times[child], seqs[child], task)) {
          break;
        }
        move(child, i);
        i = child;
      }
      place(task, i);
    }

    /** Whether (time, seq) comes before the task at {@code j}. */
    private boolean before(long time, long seq, int j) {
      return time < times[j] || (time == times[j] && seq < seqs[j]);
    }

    /** Whether (time, seq) comes before {@code task}. */
    private static boolean precedes(long time, long seq, Task task) {
      return time < task.time || (time == task.time && seq < task.seq);
    }

    private void move(int from, int to) {
      place(Objects.requireNonNull(tasks[from]), to);
    }

    private void place(Task task, int i) {
      tasks[i] = task;
      times[i] = task.time;
      seqs[i] = task.seq;
      task.index = i;
    }
  }

  /**
   * A worker whose disposal cancels the tasks it scheduled: they are skipped when their time comes.
   */
  private final class ClockWorker implements Worker {
    private volatile boolean disposed;

    @Override
    public Disposable schedule(Runnable task) {
      return SimulationClock.this.schedule(guard(task));
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
      return SimulationClock.this.schedule(guard(task), delay, unit);
    }

    @Override
    public Disposable schedulePeriodically(
        Runnable task, long initialDelay, long period, TimeUnit unit) {
      Disposable[] self = new Disposable[1];
      self[0] =
          SimulationClock.this.schedulePeriodically(
              () -> {
                if (disposed) {
                  self[0].dispose(); // stop rescheduling a task of a disposed worker
                } else {
                  task.run();
                }
              },
              initialDelay,
              period,
              unit);
      return self[0];
    }

    private Runnable guard(Runnable task) {
      if (disposed) {
        return () -> {};
      }
      return () -> {
        if (!disposed) {
          task.run();
        }
      };
    }

    @Override
    public void dispose() {
      disposed = true;
    }

    @Override
    public boolean isDisposed() {
      return disposed;
    }
  }
}

package io.reactivedht.testkit.sim;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Scheduler;

/**
 * A virtual-time {@link Scheduler} for large simulations: tasks run on the thread that calls {@link
 * #advanceBy} or {@link #runUntil}, in time order (ties in submission order), and time jumps from
 * one task to the next. Unlike reactor-test's {@code VirtualTimeScheduler}, cancelling a task is
 * O(1) (it is marked and skipped when its time comes), which matters when every one of millions of
 * requests arms and cancels a timeout.
 */
public final class SimulationClock implements Scheduler {
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
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
   * The number of tasks waiting, cancelled ones included until their time comes.
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

  private final class Task implements Disposable, Comparable<Task> {
    private final Runnable runnable;
    private final long time;
    private final long seq;
    private final long period;
    private volatile boolean cancelled;
    private volatile Task successor = this;

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
          again.cancelled = cancelled;
          successor = again;
          queue.add(again);
        }
      }
    }

    @Override
    public void dispose() {
      cancelled = true;
      Task s = successor;
      if (s != this) {
        s.dispose();
      }
    }

    @Override
    public boolean isDisposed() {
      return cancelled;
    }

    @Override
    public int compareTo(Task o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(seq, o.seq);
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

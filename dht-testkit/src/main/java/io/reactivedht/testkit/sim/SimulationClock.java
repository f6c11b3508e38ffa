package io.reactivedht.testkit.sim;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Scheduler;

/**
 * A virtual-time {@link Scheduler} for large simulations: tasks run on the thread that calls {@link
 * #advanceBy} or {@link #runUntil}, in time order (ties in submission order), and time jumps from
 * one task to the next. Unlike reactor-test's {@code VirtualTimeScheduler}, cancelling a task takes
 * it out of the queue at once (each task knows its place in the {@link TaskQueue}), which matters
 * when every one of millions of requests arms and cancels a timeout: the queue holds the timers
 * that can still fire, not every timeout armed in the last RPC timeout.
 */
public final class SimulationClock implements Scheduler {
  private final TaskQueue queue = new TaskQueue();
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
        next = (Task) queue.peek();
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

  private final class Task extends TaskQueue.Entry implements Disposable {
    private final Runnable runnable;
    private final long period;
    private volatile boolean cancelled;
    private volatile Task successor = this;

    Task(Runnable runnable, long time, long seq, long period) {
      super(time, seq);
      this.runnable = runnable;
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

package io.reactivedht.transport.resource;

import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A byte budget: one scope for the node and a child per connection, in the manner of go-libp2p's
 * resource manager. A reservation is taken from the scope and every scope above it, or from none; a
 * refused reservation is the caller's cue to refuse the work (reset the stream). Thread-safe.
 */
public final class MemoryScope {
  private final String name;
  private final long limit;
  private final @Nullable MemoryScope parent;
  private final AtomicLong used = new AtomicLong();

  private MemoryScope(String name, long limit, @Nullable MemoryScope parent) {
    if (limit < 0) {
      throw new IllegalArgumentException(name + ": a memory limit cannot be negative: " + limit);
    }
    this.name = name;
    this.limit = limit;
    this.parent = parent;
  }

  /**
   * A top scope.
   *
   * @param name what it covers, for messages (e.g. "node")
   * @param limit the most bytes it may hold
   * @return an empty scope
   */
  public static MemoryScope root(String name, long limit) {
    return new MemoryScope(name, limit, null);
  }

  /**
   * A scope without a limit, for tests and tools.
   *
   * @return an empty scope that never refuses
   */
  public static MemoryScope unlimited() {
    return root("unlimited", Long.MAX_VALUE);
  }

  /**
   * A scope under this one: what it holds counts here too.
   *
   * @param childName what it covers (e.g. "connection to 12D3KooW...")
   * @param childLimit the most bytes it may hold
   * @return an empty child scope
   */
  public MemoryScope child(String childName, long childLimit) {
    return new MemoryScope(childName, childLimit, this);
  }

  /**
   * Reserves {@code bytes} here and in every scope above, or nothing.
   *
   * @param bytes at least 0
   * @return false, with nothing reserved, when a scope would exceed its limit
   */
  public boolean tryReserve(long bytes) {
    long now;
    do {
      now = used.get();
      if (bytes > limit - now) {
        return false;
      }
    } while (!used.compareAndSet(now, now + bytes));
    if (parent != null && !parent.tryReserve(bytes)) {
      used.addAndGet(-bytes);
      return false;
    }
    return true;
  }

  /**
   * Gives back {@code bytes} reserved earlier, here and in every scope above.
   *
   * @param bytes at most what this scope holds
   */
  public void release(long bytes) {
    used.addAndGet(-bytes);
    if (parent != null) {
      parent.release(bytes);
    }
  }

  /**
   * The bytes that could still be reserved here now, limited by the scopes above.
   *
   * @return at least 0
   */
  public long available() {
    long here = Math.max(0, limit - used.get());
    return parent == null ? here : Math.min(here, parent.available());
  }

  /**
   * The bytes reserved.
   *
   * @return what this scope and its children hold
   */
  public long used() {
    return used.get();
  }

  /**
   * The most bytes this scope may hold.
   *
   * @return the limit given when it was made
   */
  public long limit() {
    return limit;
  }

  @Override
  public String toString() {
    return name + " (" + used.get() + " of " + limit + " bytes)";
  }
}

package io.reactivedht.transport.resource;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A budget of memory (received-but-unread stream bytes) and of inbound streams: one scope for the
 * node, a child per peer and a child of that per connection, in the manner of go-libp2p's resource
 * manager. A reservation is taken from the scope and every scope above it, or from none; a refused
 * reservation is the caller's cue to refuse the work (reset the stream). Thread-safe.
 */
public final class ResourceScope {
  private final String name;
  private final long memoryLimit;
  private final int streamLimit;
  private final @Nullable ResourceScope parent;
  private final AtomicLong used = new AtomicLong();
  private final AtomicInteger streams = new AtomicInteger();

  private ResourceScope(
      String name, long memoryLimit, int streamLimit, @Nullable ResourceScope parent) {
    if (memoryLimit < 0 || streamLimit < 0) {
      throw new IllegalArgumentException(
          name + ": limits cannot be negative: " + memoryLimit + " bytes, " + streamLimit);
    }
    this.name = name;
    this.memoryLimit = memoryLimit;
    this.streamLimit = streamLimit;
    this.parent = parent;
  }

  /**
   * A top scope.
   *
   * @param name what it covers, for messages (e.g. "node")
   * @param memoryLimit the most bytes it may hold
   * @param streamLimit the most inbound streams it may have open
   * @return an empty scope
   */
  public static ResourceScope root(String name, long memoryLimit, int streamLimit) {
    return new ResourceScope(name, memoryLimit, streamLimit, null);
  }

  /**
   * A scope without limits, for tests and tools.
   *
   * @return an empty scope that never refuses
   */
  public static ResourceScope unlimited() {
    return root("unlimited", Long.MAX_VALUE, Integer.MAX_VALUE);
  }

  /**
   * A scope under this one: what it holds counts here too.
   *
   * @param childName what it covers (e.g. "connection to 12D3KooW...")
   * @param childMemoryLimit the most bytes it may hold
   * @param childStreamLimit the most inbound streams it may have open
   * @return an empty child scope
   */
  public ResourceScope child(String childName, long childMemoryLimit, int childStreamLimit) {
    return new ResourceScope(childName, childMemoryLimit, childStreamLimit, this);
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
      if (bytes > memoryLimit - now) {
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
   * Counts a new inbound stream here and in every scope above, or nowhere.
   *
   * @return false, with nothing counted, when a scope is at its stream limit
   */
  public boolean tryOpenStream() {
    int now;
    do {
      now = streams.get();
      if (now >= streamLimit) {
        return false;
      }
    } while (!streams.compareAndSet(now, now + 1));
    if (parent != null && !parent.tryOpenStream()) {
      streams.decrementAndGet();
      return false;
    }
    return true;
  }

  /** Stops counting an inbound stream counted by {@link #tryOpenStream}, here and above. */
  public void closeStream() {
    streams.decrementAndGet();
    if (parent != null) {
      parent.closeStream();
    }
  }

  /**
   * Which scope has no room for {@code bytes} more: for the message of a refusal.
   *
   * @return the lowest scope from this one up that is too full now, or this one if none is (any
   *     more)
   */
  public ResourceScope tooFullFor(long bytes) {
    for (ResourceScope scope = this; scope != null; scope = scope.parent) {
      if (bytes > scope.memoryLimit - scope.used.get()) {
        return scope;
      }
    }
    return this;
  }

  /**
   * The bytes that could still be reserved here now, limited by the scopes above.
   *
   * @return at least 0
   */
  public long available() {
    long here = Math.max(0, memoryLimit - used.get());
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
   * The inbound streams open.
   *
   * @return those of this scope and its children
   */
  public int streams() {
    return streams.get();
  }

  /**
   * The most bytes this scope may hold.
   *
   * @return the limit given when it was made
   */
  public long limit() {
    return memoryLimit;
  }

  @Override
  public String toString() {
    return name
        + " ("
        + used.get()
        + " of "
        + memoryLimit
        + " bytes, "
        + streams.get()
        + " of "
        + streamLimit
        + " inbound streams)";
  }
}

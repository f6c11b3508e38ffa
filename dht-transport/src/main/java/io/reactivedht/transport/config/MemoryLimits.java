package io.reactivedht.transport.config;

/**
 * How many received-but-unread stream bytes the node holds: in all, and per connection. A data
 * frame that would go over either limit resets its stream (a {@code ResourceLimitException} for the
 * reader); the connection and the node go on. A stream's receive window grows past its initial 256
 * KiB only within what the limits leave.
 *
 * @param node the most bytes held for all connections together
 * @param perConnection the most bytes held for one connection's streams
 */
public record MemoryLimits(long node, long perConnection) {
  /** The node's limit is never set above this by {@link #scaledToHeap}. */
  public static final long MAX_DEFAULT_NODE = 128L << 20;

  /** The node's limit is never set below this by {@link #scaledToHeap}. */
  public static final long MIN_DEFAULT_NODE = 32L << 20;

  /** Per connection by default: room for four whole 4 MiB DHT messages at once. */
  public static final long DEFAULT_PER_CONNECTION = 16L << 20;

  /**
   * Checks the limits.
   *
   * @param node positive
   * @param perConnection positive, at most {@code node}
   */
  public MemoryLimits {
    if (node <= 0 || perConnection <= 0 || perConnection > node) {
      throw new IllegalArgumentException(
          "memory limits must be positive, per connection at most the node's: "
              + node
              + ", "
              + perConnection);
    }
  }

  /**
   * The defaults for a heap of {@code maxHeap} bytes: an eighth of it for the node, between 32 and
   * 128 MiB, and {@value #DEFAULT_PER_CONNECTION} bytes per connection.
   *
   * @param maxHeap the JVM's maximum heap, {@code Runtime.getRuntime().maxMemory()}
   * @return limits that keep what peers can make the node hold well under its heap
   */
  public static MemoryLimits scaledToHeap(long maxHeap) {
    long node = Math.max(MIN_DEFAULT_NODE, Math.min(MAX_DEFAULT_NODE, maxHeap / 8));
    return new MemoryLimits(node, Math.min(DEFAULT_PER_CONNECTION, node));
  }

  /**
   * {@link #scaledToHeap} for this JVM.
   *
   * @return the defaults for {@code Runtime.getRuntime().maxMemory()}
   */
  public static MemoryLimits defaults() {
    return scaledToHeap(Runtime.getRuntime().maxMemory());
  }
}

package io.reactivedht.transport.config;

/**
 * What peers can make the node hold: received-but-unread stream bytes and open inbound streams, for
 * the node in all, for each peer (all its connections together) and for each connection. A data
 * frame that would go over a memory limit resets its stream (a {@code ResourceLimitException} for
 * the reader), and a stream opened over a stream limit is refused with a reset; the connection and
 * the node go on. A stream's receive window grows past its initial 256 KiB only within what the
 * limits leave. (Per connection, the inbound streams are limited by {@link
 * YamuxConfig#maxInboundStreams()}.)
 *
 * @param nodeMemory the most bytes held for all connections together
 * @param peerMemory the most bytes held for one peer's connections
 * @param connectionMemory the most bytes held for one connection's streams
 * @param nodeInboundStreams the most inbound streams open at once, all peers together
 * @param peerInboundStreams the most inbound streams one peer may have open, over all its
 *     connections
 * @param protocolInboundStreams the most inbound streams of one protocol one connection may have
 *     open (the protocol scope; js-libp2p allows 32 kad-dht streams per connection)
 */
public record ResourceLimits(
    long nodeMemory,
    long peerMemory,
    long connectionMemory,
    int nodeInboundStreams,
    int peerInboundStreams,
    int protocolInboundStreams) {
  /** The node's memory limit is never set above this by {@link #scaledToHeap}. */
  public static final long MAX_DEFAULT_NODE = 128L << 20;

  /** The node's memory limit is never set below this by {@link #scaledToHeap}. */
  public static final long MIN_DEFAULT_NODE = 32L << 20;

  /** Per peer by default: two connections' worth. */
  public static final long DEFAULT_PER_PEER = 32L << 20;

  /** Per connection by default: room for four whole 4 MiB DHT messages at once. */
  public static final long DEFAULT_PER_CONNECTION = 16L << 20;

  /** Inbound streams of the whole node by default (go-libp2p's system default is 4096 too). */
  public static final int DEFAULT_NODE_STREAMS = 4096;

  /** Inbound streams of one peer by default (go-libp2p's per-peer default). */
  public static final int DEFAULT_PEER_STREAMS = 256;

  /** Inbound streams of one protocol on one connection by default (js-libp2p's for kad-dht). */
  public static final int DEFAULT_PROTOCOL_STREAMS = 32;

  /**
   * Checks the limits.
   *
   * @param nodeMemory positive
   * @param peerMemory positive, at most {@code nodeMemory}
   * @param connectionMemory positive, at most {@code peerMemory}
   * @param nodeInboundStreams positive
   * @param peerInboundStreams positive, at most {@code nodeInboundStreams}
   * @param protocolInboundStreams positive
   */
  public ResourceLimits {
    if (nodeMemory <= 0
        || peerMemory <= 0
        || connectionMemory <= 0
        || peerMemory > nodeMemory
        || connectionMemory > peerMemory) {
      throw new IllegalArgumentException(
          "memory limits must be positive, a peer's at most the node's and a connection's at most"
              + " a peer's: "
              + nodeMemory
              + ", "
              + peerMemory
              + ", "
              + connectionMemory);
    }
    if (nodeInboundStreams <= 0
        || peerInboundStreams <= 0
        || protocolInboundStreams <= 0
        || peerInboundStreams > nodeInboundStreams) {
      throw new IllegalArgumentException(
          "stream limits must be positive, a peer's at most the node's: "
              + nodeInboundStreams
              + ", "
              + peerInboundStreams
              + ", "
              + protocolInboundStreams);
    }
  }

  /**
   * The defaults for a heap of {@code maxHeap} bytes: an eighth of it for the node, between 32 and
   * 128 MiB, {@value #DEFAULT_PER_PEER} bytes per peer and {@value #DEFAULT_PER_CONNECTION} per
   * connection (both at most the node's), {@value #DEFAULT_NODE_STREAMS} inbound streams for the
   * node, {@value #DEFAULT_PEER_STREAMS} per peer and {@value #DEFAULT_PROTOCOL_STREAMS} per
   * protocol on a connection.
   *
   * @param maxHeap the JVM's maximum heap, {@code Runtime.getRuntime().maxMemory()}
   * @return limits that keep what peers can make the node hold well under its heap
   */
  public static ResourceLimits scaledToHeap(long maxHeap) {
    long node = Math.max(MIN_DEFAULT_NODE, Math.min(MAX_DEFAULT_NODE, maxHeap / 8));
    return new ResourceLimits(
        node,
        Math.min(DEFAULT_PER_PEER, node),
        Math.min(DEFAULT_PER_CONNECTION, node),
        DEFAULT_NODE_STREAMS,
        DEFAULT_PEER_STREAMS,
        DEFAULT_PROTOCOL_STREAMS);
  }

  /**
   * {@link #scaledToHeap} for this JVM.
   *
   * @return the defaults for {@code Runtime.getRuntime().maxMemory()}
   */
  public static ResourceLimits defaults() {
    return scaledToHeap(Runtime.getRuntime().maxMemory());
  }

  /**
   * A copy with other memory limits.
   *
   * @param node the most bytes for all connections
   * @param peer the most bytes for one peer's connections
   * @param connection the most bytes for one connection
   * @return a copy with them
   */
  public ResourceLimits withMemory(long node, long peer, long connection) {
    return new ResourceLimits(
        node, peer, connection, nodeInboundStreams, peerInboundStreams, protocolInboundStreams);
  }

  /**
   * A copy with other inbound stream limits.
   *
   * @param node the most inbound streams of the node
   * @param peer the most inbound streams of one peer
   * @param protocol the most inbound streams of one protocol on one connection
   * @return a copy with them
   */
  public ResourceLimits withInboundStreams(int node, int peer, int protocol) {
    return new ResourceLimits(nodeMemory, peerMemory, connectionMemory, node, peer, protocol);
  }
}

package io.reactivedht.transport.config;

import java.time.Duration;

/**
 * The connection manager's limits.
 *
 * @param maxConnections the most open connections; inbound connections beyond it are refused, dials
 *     fail
 * @param idleTimeout a connection without streams for this long is closed
 * @param dialTimeout how long connecting to one address may take, upgrade included
 * @param shutdownGrace how long closing the transport waits for in-flight streams
 */
public record ConnectionLimits(
    int maxConnections, Duration idleTimeout, Duration dialTimeout, Duration shutdownGrace) {
  /** 512 connections, 5 minutes idle, 10 s dials, 5 s shutdown grace. */
  public static final ConnectionLimits DEFAULT =
      new ConnectionLimits(
          512, Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(5));

  /** Checks the limits. */
  public ConnectionLimits {
    if (maxConnections <= 0) {
      throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
    }
  }

  /** A copy with another connection limit. */
  public ConnectionLimits withMaxConnections(int limit) {
    return new ConnectionLimits(limit, idleTimeout, dialTimeout, shutdownGrace);
  }

  /** A copy with another idle timeout. */
  public ConnectionLimits withIdleTimeout(Duration timeout) {
    return new ConnectionLimits(maxConnections, timeout, dialTimeout, shutdownGrace);
  }
}

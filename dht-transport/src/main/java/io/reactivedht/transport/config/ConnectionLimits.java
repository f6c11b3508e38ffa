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

  /**
   * Checks the limits.
   *
   * @param maxConnections the most open connections; at least 1
   * @param idleTimeout how long a connection without streams stays open
   * @param dialTimeout the limit of connecting to one address, upgrade included
   * @param shutdownGrace the longest wait for in-flight streams on close
   */
  public ConnectionLimits {
    if (maxConnections <= 0) {
      throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
    }
  }

  /**
   * A copy with another connection limit.
   *
   * @param limit the most open connections, inbound and outbound; at least 1
   * @return a copy with it
   */
  public ConnectionLimits withMaxConnections(int limit) {
    return new ConnectionLimits(limit, idleTimeout, dialTimeout, shutdownGrace);
  }

  /**
   * A copy with another idle timeout.
   *
   * @param timeout how long a connection without streams stays open
   * @return a copy with it
   */
  public ConnectionLimits withIdleTimeout(Duration timeout) {
    return new ConnectionLimits(maxConnections, timeout, dialTimeout, shutdownGrace);
  }
}

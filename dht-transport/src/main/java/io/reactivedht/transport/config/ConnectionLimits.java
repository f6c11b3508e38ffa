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
 * @param outboundReserve connections only this node's own dials may use: inbound connections are
 *     refused at {@code maxConnections - outboundReserve}, so a flood of inbound connections never
 *     leaves the node unable to reach the peers it needs
 * @param maxInboundPerIp the most inbound connections (handshakes included) from one IPv4 address
 *     or IPv6 /56, so that one host cannot take the slots with throwaway peer ids
 */
public record ConnectionLimits(
    int maxConnections,
    Duration idleTimeout,
    Duration dialTimeout,
    Duration shutdownGrace,
    int outboundReserve,
    int maxInboundPerIp) {
  /**
   * 512 connections of which 64 are kept for our own dials, 32 inbound per IP, 5 minutes idle, 10 s
   * dials, 5 s shutdown grace.
   */
  public static final ConnectionLimits DEFAULT =
      new ConnectionLimits(
          512, Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(5), 64, 32);

  /**
   * Checks the limits.
   *
   * @param maxConnections the most open connections; at least 1
   * @param idleTimeout how long a connection without streams stays open
   * @param dialTimeout the limit of connecting to one address, upgrade included
   * @param shutdownGrace the longest wait for in-flight streams on close
   * @param outboundReserve connections kept for our own dials; 0 to less than {@code
   *     maxConnections}
   * @param maxInboundPerIp inbound connections from one IP (IPv6: one /56); at least 1
   */
  public ConnectionLimits {
    if (maxConnections <= 0) {
      throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
    }
    if (outboundReserve < 0 || outboundReserve >= maxConnections) {
      throw new IllegalArgumentException(
          "outboundReserve must be at least 0 and below maxConnections: " + outboundReserve);
    }
    if (maxInboundPerIp <= 0) {
      throw new IllegalArgumentException("maxInboundPerIp must be positive: " + maxInboundPerIp);
    }
  }

  /**
   * The most inbound connections, handshakes included.
   *
   * @return {@code maxConnections - outboundReserve}
   */
  public int maxInbound() {
    return maxConnections - outboundReserve;
  }

  /**
   * A copy with another connection limit; the outbound reserve stays an eighth of it at most.
   *
   * @param limit the most open connections, inbound and outbound; at least 1
   * @return a copy with it
   */
  public ConnectionLimits withMaxConnections(int limit) {
    return new ConnectionLimits(
        limit,
        idleTimeout,
        dialTimeout,
        shutdownGrace,
        Math.min(outboundReserve, limit / 8),
        maxInboundPerIp);
  }

  /**
   * A copy with another idle timeout.
   *
   * @param timeout how long a connection without streams stays open
   * @return a copy with it
   */
  public ConnectionLimits withIdleTimeout(Duration timeout) {
    return new ConnectionLimits(
        maxConnections, timeout, dialTimeout, shutdownGrace, outboundReserve, maxInboundPerIp);
  }

  /**
   * A copy with another dial timeout.
   *
   * @param timeout the limit of connecting to one address, upgrade included
   * @return a copy with it
   */
  public ConnectionLimits withDialTimeout(Duration timeout) {
    return new ConnectionLimits(
        maxConnections, idleTimeout, timeout, shutdownGrace, outboundReserve, maxInboundPerIp);
  }

  /**
   * A copy with another outbound reserve.
   *
   * @param reserve connections only our own dials may use; 0 to less than {@code maxConnections}
   * @return a copy with it
   */
  public ConnectionLimits withOutboundReserve(int reserve) {
    return new ConnectionLimits(
        maxConnections, idleTimeout, dialTimeout, shutdownGrace, reserve, maxInboundPerIp);
  }

  /**
   * A copy with another per-IP inbound limit.
   *
   * @param limit inbound connections from one IP (IPv6: one /56); at least 1
   * @return a copy with it
   */
  public ConnectionLimits withMaxInboundPerIp(int limit) {
    return new ConnectionLimits(
        maxConnections, idleTimeout, dialTimeout, shutdownGrace, outboundReserve, limit);
  }
}

package io.reactivedht.transport.config;

import java.time.Duration;
import java.util.function.Consumer;

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
 * @param maxPerPeer the most connections to one peer; one more is closed as soon as it is upgraded
 * @param lowWater what trimming brings the connections down to
 * @param highWater above this many connections the least useful are closed, down to {@code
 *     lowWater}: never those of peers the DHT needs (its routing table), nor any younger than
 *     {@code gracePeriod}; those without streams and idle longest go first
 * @param gracePeriod how long a new connection is safe from trimming
 */
public record ConnectionLimits(
    int maxConnections,
    Duration idleTimeout,
    Duration dialTimeout,
    Duration shutdownGrace,
    int outboundReserve,
    int maxInboundPerIp,
    int maxPerPeer,
    int lowWater,
    int highWater,
    Duration gracePeriod) {
  /**
   * 512 connections of which 64 are kept for our own dials, 32 inbound per IP, 8 per peer, trimmed
   * from 400 to 320 (20 s grace), 5 minutes idle, 10 s dials, 5 s shutdown grace.
   */
  public static final ConnectionLimits DEFAULT =
      new ConnectionLimits(
          512,
          Duration.ofMinutes(5),
          Duration.ofSeconds(10),
          Duration.ofSeconds(5),
          64,
          32,
          8,
          320,
          400,
          Duration.ofSeconds(20));

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
   * @param maxPerPeer connections to one peer; at least 1
   * @param lowWater trimming stops here; 0 to {@code highWater}
   * @param highWater trimming starts above this; at most {@code maxConnections}
   * @param gracePeriod a new connection's time safe from trimming; not negative
   */
  public ConnectionLimits {
    if (maxConnections <= 0) {
      throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
    }
    if (outboundReserve < 0 || outboundReserve >= maxConnections) {
      throw new IllegalArgumentException(
          "outboundReserve must be at least 0 and below maxConnections: " + outboundReserve);
    }
    if (maxInboundPerIp <= 0 || maxPerPeer <= 0) {
      throw new IllegalArgumentException(
          "maxInboundPerIp and maxPerPeer must be positive: "
              + maxInboundPerIp
              + ", "
              + maxPerPeer);
    }
    if (lowWater < 0 || lowWater > highWater || highWater > maxConnections) {
      throw new IllegalArgumentException(
          "need 0 <= lowWater <= highWater <= maxConnections: "
              + lowWater
              + ", "
              + highWater
              + ", "
              + maxConnections);
    }
    if (gracePeriod.isNegative()) {
      throw new IllegalArgumentException("gracePeriod cannot be negative: " + gracePeriod);
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
   * A copy with another connection limit; the outbound reserve stays an eighth of it at most, and
   * the watermarks at most the limit.
   *
   * @param limit the most open connections, inbound and outbound; at least 1
   * @return a copy with it
   */
  public ConnectionLimits withMaxConnections(int limit) {
    return copy(
        c -> {
          c.maxConnections = limit;
          c.outboundReserve = Math.min(outboundReserve, limit / 8);
          c.highWater = Math.min(highWater, limit);
          c.lowWater = Math.min(lowWater, c.highWater);
        });
  }

  /**
   * A copy with another idle timeout.
   *
   * @param timeout how long a connection without streams stays open
   * @return a copy with it
   */
  public ConnectionLimits withIdleTimeout(Duration timeout) {
    return copy(c -> c.idleTimeout = timeout);
  }

  /**
   * A copy with another dial timeout.
   *
   * @param timeout the limit of connecting to one address, upgrade included
   * @return a copy with it
   */
  public ConnectionLimits withDialTimeout(Duration timeout) {
    return copy(c -> c.dialTimeout = timeout);
  }

  /**
   * A copy with another outbound reserve.
   *
   * @param reserve connections only our own dials may use; 0 to less than {@code maxConnections}
   * @return a copy with it
   */
  public ConnectionLimits withOutboundReserve(int reserve) {
    return copy(c -> c.outboundReserve = reserve);
  }

  /**
   * A copy with another per-IP inbound limit.
   *
   * @param limit inbound connections from one IP (IPv6: one /56); at least 1
   * @return a copy with it
   */
  public ConnectionLimits withMaxInboundPerIp(int limit) {
    return copy(c -> c.maxInboundPerIp = limit);
  }

  /**
   * A copy with another per-peer limit.
   *
   * @param limit connections to one peer; at least 1
   * @return a copy with it
   */
  public ConnectionLimits withMaxPerPeer(int limit) {
    return copy(c -> c.maxPerPeer = limit);
  }

  /**
   * A copy with other trimming watermarks.
   *
   * @param low what trimming brings the connections down to
   * @param high above this many, trimming starts; at most {@code maxConnections}
   * @param grace how long a new connection is safe from trimming
   * @return a copy with them
   */
  public ConnectionLimits withWatermarks(int low, int high, Duration grace) {
    return copy(
        c -> {
          c.lowWater = low;
          c.highWater = high;
          c.gracePeriod = grace;
        });
  }

  /** A copy with what {@code change} sets; checked as any limits are. */
  private ConnectionLimits copy(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** The components as fields, for the withers. */
  private static final class Copy {
    int maxConnections;
    Duration idleTimeout;
    Duration dialTimeout;
    Duration shutdownGrace;
    int outboundReserve;
    int maxInboundPerIp;
    int maxPerPeer;
    int lowWater;
    int highWater;
    Duration gracePeriod;

    Copy(ConnectionLimits l) {
      maxConnections = l.maxConnections;
      idleTimeout = l.idleTimeout;
      dialTimeout = l.dialTimeout;
      shutdownGrace = l.shutdownGrace;
      outboundReserve = l.outboundReserve;
      maxInboundPerIp = l.maxInboundPerIp;
      maxPerPeer = l.maxPerPeer;
      lowWater = l.lowWater;
      highWater = l.highWater;
      gracePeriod = l.gracePeriod;
    }

    ConnectionLimits build() {
      return new ConnectionLimits(
          maxConnections,
          idleTimeout,
          dialTimeout,
          shutdownGrace,
          outboundReserve,
          maxInboundPerIp,
          maxPerPeer,
          lowWater,
          highWater,
          gracePeriod);
    }
  }
}

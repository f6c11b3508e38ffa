package io.reactivedht.transport.stream;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one host's connections carry, counted where it happens: TCP connections open, yamux streams
 * open, bytes read from and written to the sockets (Noise and yamux framing included). Adders, so
 * that the event loops count without contention and a metrics scrape reads without a lock.
 */
public final class TrafficCounters {
  private final LongAdder connections = new LongAdder();
  private final LongAdder streams = new LongAdder();
  private final LongAdder bytesIn = new LongAdder();
  private final LongAdder bytesOut = new LongAdder();

  /** A TCP connection opened (dialed or accepted). */
  public void connectionOpened() {
    connections.increment();
  }

  /** A TCP connection closed. */
  public void connectionClosed() {
    connections.decrement();
  }

  /** A yamux stream opened (ours or the peer's). */
  public void streamOpened() {
    streams.increment();
  }

  /** A yamux stream closed in both directions or was reset. */
  public void streamClosed() {
    streams.decrement();
  }

  /** Bytes came in from a socket. */
  public void received(long bytes) {
    bytesIn.add(bytes);
  }

  /** Bytes went to a socket to be written. */
  public void sent(long bytes) {
    bytesOut.add(bytes);
  }

  /** The TCP connections open now. */
  public long connections() {
    return connections.sum();
  }

  /** The yamux streams open now. */
  public long streams() {
    return streams.sum();
  }

  /** The bytes received so far. */
  public long bytesIn() {
    return bytesIn.sum();
  }

  /** The bytes handed to the sockets so far. */
  public long bytesOut() {
    return bytesOut.sum();
  }
}

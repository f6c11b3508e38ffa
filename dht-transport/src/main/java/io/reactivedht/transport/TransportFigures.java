package io.reactivedht.transport;

/**
 * What a {@link Libp2pTransport}'s connections carry, read live and cheaply (counters summed on
 * read, no lock), e.g. by the {@code dht-micrometer} module's {@code TransportMetrics}: connections
 * and streams open now, bytes received and sent since the transport started.
 */
public interface TransportFigures {
  /**
   * The TCP connections open now, dialed and accepted, those still being upgraded included.
   *
   * @return at least 0
   */
  long connectionsOpen();

  /**
   * The yamux streams open now over every connection, opened by either side, for any protocol.
   *
   * @return at least 0
   */
  long streamsOpen();

  /**
   * The bytes read from the sockets so far (Noise and yamux framing included).
   *
   * @return a count that only grows
   */
  long bytesReceived();

  /**
   * The bytes handed to the sockets to be written so far (Noise and yamux framing included).
   *
   * @return a count that only grows
   */
  long bytesSent();
}

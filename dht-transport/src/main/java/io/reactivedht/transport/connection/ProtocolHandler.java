package io.reactivedht.transport.connection;

import io.reactivedht.transport.stream.ByteStream;
import reactor.core.publisher.Mono;

/** Serves one inbound stream after its protocol was negotiated. */
@FunctionalInterface
public interface ProtocolHandler {
  /**
   * Serves {@code stream}.
   *
   * @param connection the connection the stream belongs to (who the peer is, where it connected
   *     from)
   * @param stream the stream, positioned after the negotiation
   * @return completes when the exchange is over; an error resets the stream
   */
  Mono<Void> handle(Libp2pConnection connection, ByteStream stream);
}

package io.reactivedht.transport.connection;

import io.reactivedht.transport.multistream.MultistreamSelect;
import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.ResourceLimitException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The protocols this node accepts inbound streams for, and the dispatch of each inbound stream to
 * its handler: at most so many streams of one protocol at once on one connection (the protocol
 * scope; js-libp2p registers kad-dht with 32), beyond which a stream is reset.
 */
public final class Protocols {
  private static final Logger LOG = Logger.getLogger(Protocols.class.getName());

  private final Map<String, ProtocolHandler> handlers = new ConcurrentHashMap<>();
  private final Duration negotiationTimeout;
  private final int maxStreamsPerProtocol;

  /**
   * @param negotiationTimeout how long a peer may take to pick a protocol on a new stream
   * @param maxStreamsPerProtocol the most inbound streams of one protocol one connection may have
   *     open at once
   */
  public Protocols(Duration negotiationTimeout, int maxStreamsPerProtocol) {
    this.negotiationTimeout = negotiationTimeout;
    this.maxStreamsPerProtocol = maxStreamsPerProtocol;
  }

  /** Serves {@code protocolId} with {@code handler}, replacing any handler it had. */
  public void add(String protocolId, ProtocolHandler handler) {
    handlers.put(protocolId, handler);
  }

  /** Stops serving {@code protocolId}; streams already running go on. */
  public void remove(String protocolId) {
    handlers.remove(protocolId);
  }

  /** The protocol ids served, sorted. */
  public Set<String> ids() {
    return new TreeSet<>(handlers.keySet());
  }

  /** Whether {@code protocolId} is served. */
  public boolean serves(String protocolId) {
    return handlers.containsKey(protocolId);
  }

  /**
   * Negotiates the protocol of an inbound stream and runs its handler, unless the connection has as
   * many streams of that protocol open as it may ({@link ResourceLimitException}); any failure
   * resets only that stream.
   */
  void dispatch(Libp2pConnection connection, ByteStream stream) {
    MultistreamSelect.respond(stream, handlers.keySet())
        .timeout(negotiationTimeout)
        .flatMap(
            protocol -> {
              @Nullable ProtocolHandler handler = handlers.get(protocol);
              if (handler == null) {
                return stream.closeWrite();
              }
              if (!connection.tryOpenInbound(protocol, maxStreamsPerProtocol)) {
                return Mono.error(
                    new ResourceLimitException(
                        "over the limit of "
                            + maxStreamsPerProtocol
                            + " inbound "
                            + protocol
                            + " streams on one connection"));
              }
              return handler
                  .handle(connection, stream)
                  .doFinally(signal -> connection.closeInbound(protocol));
            })
        .subscribe(
            done -> {},
            error -> {
              LOG.log(
                  Level.FINE,
                  () -> "inbound stream from " + connection.remotePeer() + " reset: " + error);
              stream.reset();
            });
  }
}

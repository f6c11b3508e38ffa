package io.reactivedht.transport.connection;

import io.reactivedht.transport.multistream.MultistreamSelect;
import io.reactivedht.transport.stream.ByteStream;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The protocols this node accepts inbound streams for, and the dispatch of each inbound stream to
 * its handler.
 */
public final class Protocols {
  private static final Logger LOG = Logger.getLogger(Protocols.class.getName());

  private final Map<String, ProtocolHandler> handlers = new ConcurrentHashMap<>();
  private final Duration negotiationTimeout;

  /**
   * @param negotiationTimeout how long a peer may take to pick a protocol on a new stream
   */
  public Protocols(Duration negotiationTimeout) {
    this.negotiationTimeout = negotiationTimeout;
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
   * Negotiates the protocol of an inbound stream and runs its handler; any failure resets only that
   * stream.
   */
  void dispatch(Libp2pConnection connection, ByteStream stream) {
    MultistreamSelect.respond(stream, handlers.keySet())
        .timeout(negotiationTimeout)
        .flatMap(
            protocol -> {
              @Nullable ProtocolHandler handler = handlers.get(protocol);
              return handler == null ? stream.closeWrite() : handler.handle(connection, stream);
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

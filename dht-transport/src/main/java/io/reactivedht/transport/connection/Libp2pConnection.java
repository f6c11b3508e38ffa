package io.reactivedht.transport.connection;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.config.YamuxConfig;
import io.reactivedht.transport.multistream.MultistreamSelect;
import io.reactivedht.transport.noise.SecureChannel;
import io.reactivedht.transport.resource.ResourceScope;
import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.Exchanges;
import io.reactivedht.transport.stream.TrafficCounters;
import io.reactivedht.transport.yamux.YamuxSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/** An upgraded connection to an authenticated peer: a yamux session over Noise over TCP. */
public final class Libp2pConnection {
  private final PeerId remotePeer;
  private final Multiaddr remoteAddress;
  private final boolean outbound;
  private final YamuxSession session;
  private final LongSupplier nanoClock;
  private final long openedNanos;
  private final Map<String, AtomicInteger> inboundByProtocol = new ConcurrentHashMap<>();
  private final AtomicLong lastActive;

  Libp2pConnection(
      SecureChannel channel,
      Multiaddr remoteAddress,
      boolean outbound,
      YamuxConfig yamux,
      Protocols protocols,
      LongSupplier nanoClock,
      ResourceScope memory,
      TrafficCounters traffic) {
    this.remotePeer = channel.remotePeer();
    this.remoteAddress = remoteAddress;
    this.outbound = outbound;
    this.nanoClock = nanoClock;
    this.openedNanos = nanoClock.getAsLong();
    this.lastActive = new AtomicLong(openedNanos);
    this.session =
        new YamuxSession(
            channel.stream(),
            outbound,
            yamux,
            stream -> {
              touch();
              protocols.dispatch(this, stream);
            },
            System::nanoTime,
            memory,
            traffic);
    session.start();
  }

  /** The authenticated peer at the other end. */
  public PeerId remotePeer() {
    return remotePeer;
  }

  /**
   * Where the peer is, as seen from here: the address we dialed, or where its connection came from.
   */
  public Multiaddr remoteAddress() {
    return remoteAddress;
  }

  /** Whether we dialed. */
  public boolean isOutbound() {
    return outbound;
  }

  /**
   * Opens a stream and negotiates {@code protocolId} on it.
   *
   * @return the stream, positioned after the negotiation; fails with a {@link
   *     io.reactivedht.transport.multistream.MultistreamException} if the peer does not speak the
   *     protocol
   */
  public Mono<ByteStream> newStream(String protocolId) {
    return session
        .openStream()
        .flatMap(
            stream -> {
              touch();
              return Exchanges.resetOnFailure(
                  MultistreamSelect.select(stream, List.of(protocolId))
                      .thenReturn((ByteStream) stream),
                  stream);
            });
  }

  /**
   * Opens a stream for a protocol the peer is known to support (it listed it in identify), sending
   * the first message together with the negotiation instead of waiting a round trip for it (go's
   * lazy select).
   */
  public Mono<ByteStream> newStreamOptimistically(String protocolId) {
    return session
        .openStream()
        .map(
            stream -> {
              touch();
              return MultistreamSelect.selectOptimistically(stream, protocolId);
            });
  }

  /** Measures a round trip with a yamux ping. */
  public Mono<Duration> ping() {
    return session.ping();
  }

  /** The number of open streams. */
  public int streamCount() {
    return session.streamCount();
  }

  /**
   * Counts an inbound stream of {@code protocol}, unless {@code limit} are open.
   *
   * @return false, counting nothing, at the limit
   */
  boolean tryOpenInbound(String protocol, int limit) {
    AtomicInteger open = inboundByProtocol.computeIfAbsent(protocol, p -> new AtomicInteger());
    if (open.incrementAndGet() > limit) {
      open.decrementAndGet();
      return false;
    }
    return true;
  }

  /** Stops counting an inbound stream of {@code protocol} counted by {@link #tryOpenInbound}. */
  void closeInbound(String protocol) {
    AtomicInteger open = inboundByProtocol.get(protocol);
    if (open != null) {
      open.decrementAndGet();
    }
  }

  /** When the connection was made, on the manager's clock. */
  long openedNanos() {
    return openedNanos;
  }

  /** When a stream was last opened, on the manager's clock (when it was made, if none was). */
  long lastActiveNanos() {
    return lastActive.get();
  }

  /** How long the connection has had no stream opened, in nanoseconds. */
  long idleNanos() {
    return session.streamCount() > 0 ? 0 : nanoClock.getAsLong() - lastActive.get();
  }

  /** Whether the connection is closed. */
  public boolean isClosed() {
    return session.isClosed();
  }

  /**
   * Whether new streams can be opened: false once it is closed or either side said goodbye (yamux
   * GoAway), even while streams already open finish.
   */
  public boolean acceptsNewStreams() {
    return session.acceptsNewStreams();
  }

  /** Closes the connection now (yamux GoAway); open streams fail. */
  public Mono<Void> close() {
    return session.close();
  }

  /** Completes when the connection closed, for any reason. */
  public Mono<Void> onClose() {
    return session.onClose();
  }

  private void touch() {
    lastActive.set(nanoClock.getAsLong());
  }

  @Override
  public String toString() {
    return "Libp2pConnection["
        + remotePeer
        + " at "
        + remoteAddress
        + (outbound ? ", outbound]" : ", inbound]");
  }
}

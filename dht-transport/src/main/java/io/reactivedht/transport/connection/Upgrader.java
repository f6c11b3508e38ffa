package io.reactivedht.transport.connection;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.config.YamuxConfig;
import io.reactivedht.transport.multistream.MultistreamException;
import io.reactivedht.transport.multistream.MultistreamSelect;
import io.reactivedht.transport.noise.NoiseSecurity;
import io.reactivedht.transport.noise.SecureChannel;
import io.reactivedht.transport.resource.PeerScopes;
import io.reactivedht.transport.resource.ResourceScope;
import io.reactivedht.transport.stream.TrafficCounters;
import io.reactivedht.transport.tcp.TcpAddresses;
import io.reactivedht.transport.tcp.TcpByteStream;
import io.reactivedht.transport.yamux.YamuxSession;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Upgrades a raw TCP stream: multistream-select {@code /noise}, the Noise XX handshake (which
 * agrees on the muxer when both sides list theirs, else multistream-select {@code /yamux/1.0.0}
 * inside the secured channel), then a yamux session. The dialer is the initiator of each step.
 * Anything going wrong, or taking longer than the handshake timeout, resets the TCP connection.
 */
public final class Upgrader {
  /** The muxers we speak, offered in the Noise handshake. */
  public static final List<String> MUXERS = List.of(YamuxSession.PROTOCOL_ID);

  private final NoiseSecurity noise;
  private final YamuxConfig yamux;
  private final Protocols protocols;
  private final Duration handshakeTimeout;
  private final LongSupplier nanoClock;
  private final PeerScopes peers;
  private final long connectionMemory;
  private final TrafficCounters traffic;

  /**
   * @param noise our identity's Noise handshakes
   * @param yamux the muxer limits
   * @param protocols where inbound streams go
   * @param handshakeTimeout how long the whole upgrade may take
   * @param nanoClock for idle tracking
   * @param peers the scopes of the connected peers; each connection charges its streams' unread
   *     bytes and inbound streams to a child of its peer's scope
   * @param connectionMemory the most unread bytes one connection's streams may hold
   */
  public Upgrader(
      NoiseSecurity noise,
      YamuxConfig yamux,
      Protocols protocols,
      Duration handshakeTimeout,
      LongSupplier nanoClock,
      PeerScopes peers,
      long connectionMemory) {
    this(
        noise,
        yamux,
        protocols,
        handshakeTimeout,
        nanoClock,
        peers,
        connectionMemory,
        new TrafficCounters());
  }

  /**
   * As the other constructor, counting each connection's streams in {@code traffic}.
   *
   * @param traffic the host's counters
   */
  public Upgrader(
      NoiseSecurity noise,
      YamuxConfig yamux,
      Protocols protocols,
      Duration handshakeTimeout,
      LongSupplier nanoClock,
      PeerScopes peers,
      long connectionMemory,
      TrafficCounters traffic) {
    this.traffic = traffic;
    this.peers = peers;
    this.connectionMemory = connectionMemory;
    this.noise = noise;
    this.yamux = yamux;
    this.protocols = protocols;
    this.handshakeTimeout = handshakeTimeout;
    this.nanoClock = nanoClock;
  }

  /** Upgrades a connection we dialed; the remote must prove to be {@code expected} when given. */
  public Mono<Libp2pConnection> outbound(TcpByteStream raw, @Nullable PeerId expected) {
    return guarded(
        raw,
        MultistreamSelect.select(raw, List.of(NoiseSecurity.PROTOCOL_ID))
            .then(noise.secureOutbound(raw, expected))
            .flatMap(
                channel ->
                    agreeOnMuxer(channel, MultistreamSelect.select(channel.stream(), MUXERS))
                        .then(Mono.fromCallable(() -> connection(channel, raw, true)))));
  }

  /** Upgrades a connection a peer opened to us. */
  public Mono<Libp2pConnection> inbound(TcpByteStream raw) {
    return guarded(
        raw,
        MultistreamSelect.respond(raw, Set.of(NoiseSecurity.PROTOCOL_ID))
            .then(noise.secureInbound(raw))
            .flatMap(
                channel ->
                    agreeOnMuxer(
                            channel,
                            MultistreamSelect.respond(channel.stream(), Set.copyOf(MUXERS)))
                        .then(Mono.fromCallable(() -> connection(channel, raw, false)))));
  }

  /**
   * The muxer: agreed in the Noise handshake when the remote listed muxers too (we always list
   * ours), which go and js do, so no negotiation round is needed; otherwise negotiated with
   * multistream-select.
   */
  private static Mono<String> agreeOnMuxer(SecureChannel channel, Mono<String> negotiation) {
    if (channel.remoteMuxers().isEmpty()) {
      return negotiation;
    }
    return channel.remoteMuxers().contains(YamuxSession.PROTOCOL_ID)
        ? Mono.just(YamuxSession.PROTOCOL_ID)
        : Mono.error(
            new MultistreamException(
                "no muxer in common: the peer offers " + channel.remoteMuxers()));
  }

  private Mono<Libp2pConnection> guarded(TcpByteStream raw, Mono<Libp2pConnection> upgrade) {
    AtomicBoolean upgraded = new AtomicBoolean();
    return upgrade
        .timeout(
            handshakeTimeout,
            Mono.error(
                () ->
                    new TimeoutException(
                        "connection upgrade not finished within " + handshakeTimeout)))
        .doOnNext(connection -> upgraded.set(true))
        .doOnError(e -> raw.reset())
        .doFinally(
            signal -> {
              if (signal == SignalType.CANCEL && !upgraded.get()) {
                raw.reset();
              }
            });
  }

  private Libp2pConnection connection(SecureChannel channel, TcpByteStream raw, boolean outbound) {
    Multiaddr remote = TcpAddresses.toMultiaddr(raw.remoteAddress());
    PeerId peer = channel.remotePeer();
    ResourceScope scope =
        peers
            .open(peer)
            .child(
                "connection to " + peer + " at " + remote,
                connectionMemory,
                yamux.maxInboundStreams());
    Libp2pConnection connection =
        new Libp2pConnection(
            channel, remote, outbound, yamux, protocols, nanoClock, scope, traffic);
    connection.onClose().subscribe(null, null, () -> peers.close(peer));
    return connection;
  }
}

package io.reactivedht.transport;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.reactor.spi.PeerUnreachableException;
import io.reactivedht.reactor.spi.RequestHandler;
import io.reactivedht.reactor.spi.TransportEvent;
import io.reactivedht.transport.address.AddressScope;
import io.reactivedht.transport.autonat.ReachabilityService;
import io.reactivedht.transport.connection.DialException;
import io.reactivedht.transport.connection.Libp2pConnection;
import io.reactivedht.transport.host.HostEvent;
import io.reactivedht.transport.host.Libp2pHost;
import io.reactivedht.transport.kad.KadStreams;
import io.reactivedht.transport.multistream.MultistreamException;
import io.reactivedht.transport.peerstore.PeerStore;
import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.TrafficCounters;
import io.reactivedht.transport.tcp.TcpAddresses;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The DHT's transport on libp2p: requests go out on streams of the DHT protocol ({@link
 * Libp2pOptions#protocolId()}, {@code /ipfs/kad/1.0.0} by default) over the host's connections,
 * inbound requests are served while {@link #serve} has a handler (server mode: the protocol is then
 * advertised in identify, so peers add this node to their routing tables), and identify tells the
 * DHT which peers are servers.
 *
 * <pre>{@code
 * Libp2pTransport transport =
 *     Libp2pTransport.start(Libp2pOptions.defaults(KeyFile.loadOrCreate(path))).block();
 * Dht dht = Dht.builder(transport).bootstrapPeers(bootstrap).build();
 * dht.start().then(dht.bootstrap()).block();
 * }</pre>
 */
public final class Libp2pTransport implements DhtTransport {
  private final Libp2pHost host;
  private final Libp2pOptions options;
  private final KadStreams kad;
  private final ReachabilityService reachability;
  private final TransportFigures figures;

  private Libp2pTransport(Libp2pHost host, Libp2pOptions options) {
    this.host = host;
    this.figures = figuresOf(host.traffic());
    this.options = options;
    this.kad = new KadStreams(options.maxMessageSize(), KadStreams.IDLE_TIMEOUT, host.scheduler());
    this.reachability = new ReachabilityService(host, options.autoNat(), hasPublicAddress());
  }

  /**
   * Starts the host (listening on {@code options.host().listen()}) and the transport on it.
   *
   * @param options the host, the DHT protocol id and message bound, and AutoNAT
   * @return the transport once every listen address is bound; fails if one cannot be bound (the
   *     host is closed again). Cold: each subscription starts another host
   */
  public static Mono<Libp2pTransport> start(Libp2pOptions options) {
    return start(options, Schedulers.parallel());
  }

  /**
   * As {@link #start(Libp2pOptions)}, timing on {@code scheduler}: DHT stream deadlines,
   * keep-alives, idle sweeps, connection trimming, dial backoff and AutoNAT probes.
   *
   * @param options the host, the DHT protocol id and message bound, and AutoNAT
   * @param scheduler the clock and timers (network I/O runs on the event loops regardless)
   * @return the transport once every listen address is bound; cold
   */
  public static Mono<Libp2pTransport> start(Libp2pOptions options, Scheduler scheduler) {
    return Libp2pHost.start(options.host(), scheduler)
        .flatMap(
            host ->
                Mono.fromCallable(
                        () -> {
                          Libp2pTransport transport = new Libp2pTransport(host, options);
                          transport.reachability.start();
                          return transport;
                        })
                    .onErrorResume(e -> host.close().then(Mono.error(e))));
  }

  /**
   * What this transport's connections carry, read live: connections and streams open, bytes
   * received and sent. For metrics, e.g. {@code new TransportMetrics(transport.figures())} of the
   * {@code dht-micrometer} module.
   *
   * @return the figures, one object for the transport's life; each read sums counters, without a
   *     lock
   */
  public TransportFigures figures() {
    return figures;
  }

  private static TransportFigures figuresOf(TrafficCounters traffic) {
    return new TransportFigures() {
      @Override
      public long connectionsOpen() {
        return Math.max(0, traffic.connections());
      }

      @Override
      public long streamsOpen() {
        return Math.max(0, traffic.streams());
      }

      @Override
      public long bytesReceived() {
        return traffic.bytesIn();
      }

      @Override
      public long bytesSent() {
        return traffic.bytesOut();
      }
    };
  }

  /**
   * The libp2p host underneath: connections, peer store, ping. Not API (the host's package is not
   * exported); tests reach it through {@code TransportInternals}.
   */
  Libp2pHost host() {
    return host;
  }

  @Override
  public PeerId localPeer() {
    return host.peerId();
  }

  @Override
  public List<Multiaddr> listenAddresses() {
    return host.listenAddresses();
  }

  @Override
  public Mono<DhtResponse> send(PeerInfo peer, DhtRequest request) {
    return Mono.defer(
        () -> {
          if (peer.id().equals(host.peerId())) {
            return Mono.error(new PeerUnreachableException(peer.id(), "that is this node"));
          }
          PeerInfo dialable =
              new PeerInfo(
                  peer.id(), AddressScope.dialable(peer.addresses(), reachability.isPublic()));
          host.peerStore().add(peer.id(), dialable.addresses(), PeerStore.TEMPORARY_TTL);
          return exchange(dialable, request, true);
        });
  }

  /**
   * One request on a stream of the peer's connection. When that connection turns out to be dead or
   * going away (the peer restarted, or closed it just now), the request is sent once more on a
   * fresh connection: DHT requests are idempotent, and a dial that fails then says the peer is
   * unreachable.
   */
  private Mono<DhtResponse> exchange(PeerInfo peer, DhtRequest request, boolean mayRedial) {
    return host.connect(peer.id(), peer.addresses())
        .onErrorMap(e -> unreachable(peer.id(), e))
        .flatMap(
            connection ->
                openStream(connection, peer.id())
                    .onErrorMap(e -> unreachable(peer.id(), e))
                    .flatMap(stream -> kad.exchange(stream, request))
                    .onErrorMap(MultistreamException.class, e -> unreachable(peer.id(), e))
                    .onErrorResume(
                        e -> {
                          if (connection.acceptsNewStreams()
                              || (e instanceof PeerUnreachableException && !mayRedial)) {
                            return Mono.error(e);
                          }
                          return mayRedial
                              ? exchange(peer, request, false)
                              : Mono.error(unreachable(peer.id(), e));
                        }));
  }

  private Mono<ByteStream> openStream(Libp2pConnection connection, PeerId peer) {
    return knownToServe(peer)
        ? connection.newStreamOptimistically(options.protocolId())
        : connection.newStream(options.protocolId());
  }

  private boolean knownToServe(PeerId peer) {
    return host.identifyInfo(peer)
        .map(info -> info.protocols().contains(options.protocolId()))
        .orElse(false);
  }

  /**
   * Before the request is written, any failure means the peer cannot be asked: not there, or not a
   * DHT server (which an optimistic negotiation learns only when the answer arrives).
   */
  private static PeerUnreachableException unreachable(PeerId peer, Throwable cause) {
    String reason =
        cause instanceof MultistreamException
            ? "does not serve the DHT protocol (" + cause.getMessage() + ")"
            : cause instanceof DialException
                ? String.valueOf(cause.getMessage())
                : "its connection failed: " + cause;
    PeerUnreachableException unreachable = new PeerUnreachableException(peer, reason);
    unreachable.initCause(cause);
    return unreachable;
  }

  @Override
  public void serve(@Nullable RequestHandler handler) {
    if (handler == null) {
      host.unhandle(options.protocolId());
    } else {
      host.handle(
          options.protocolId(),
          (connection, stream) -> kad.serve(connection.remotePeer(), stream, handler));
    }
  }

  /**
   * The host's events, starting with whether this node is publicly reachable: first assumed from
   * the listen addresses (public when one is a public IP), then as AutoNAT probes conclude ({@link
   * #probeReachability}), a {@link TransportEvent.ReachabilityChanged} each time the verdict
   * changes.
   */
  @Override
  public Flux<TransportEvent> events() {
    return Flux.merge(
            host.events().map(Libp2pTransport::toTransportEvent),
            reachability.changes().map(TransportEvent.ReachabilityChanged::new))
        .startWith(
            Flux.defer(
                () -> Flux.just(new TransportEvent.ReachabilityChanged(reachability.isPublic()))));
  }

  /**
   * Asks connected AutoNAT servers now whether they can dial this node back (otherwise done soon
   * after the first servers connect and then periodically); a definite verdict updates the
   * reachability {@link #events} report.
   *
   * @return whether this node is publicly reachable: true when servers dialed it back, false when
   *     they could not; empty when the probe reached no verdict (too few servers answered)
   */
  public Mono<Boolean> probeReachability() {
    return reachability.probe();
  }

  /** The starting assumption: public when one of our listen addresses is a public IP. */
  private boolean hasPublicAddress() {
    return host.listenAddresses().stream()
        .map(TcpAddresses::toSocketAddress)
        .flatMap(Optional::stream)
        .map(InetSocketAddress::getAddress)
        .anyMatch(AddressScope::isPublic);
  }

  private static TransportEvent toTransportEvent(HostEvent event) {
    if (event instanceof HostEvent.Identified identified) {
      return new TransportEvent.Identified(
          new PeerInfo(identified.info().peerId(), identified.info().addresses()),
          identified.info().protocols());
    }
    return new TransportEvent.Disconnected(((HostEvent.Disconnected) event).peer());
  }

  @Override
  public void protect(PeerId peer, boolean needed) {
    host.protect(peer, needed);
  }

  @Override
  public List<Multiaddr> addressesOf(PeerId peer) {
    return host.peerStore().addresses(peer);
  }

  /** Adds the addresses to the peer store for {@link PeerStore#CONNECTED_TTL}. */
  @Override
  public void rememberAddresses(PeerInfo peer) {
    host.peerStore().add(peer.id(), peer.addresses(), PeerStore.CONNECTED_TTL);
  }

  /**
   * Measures a round trip to a peer with the libp2p ping protocol.
   *
   * @param peer whom to ping; dialed at its addresses and those the peer store knows if not
   *     connected
   * @return the round-trip time; fails if the peer cannot be reached, does not serve ping or echoes
   *     other bytes. The wait for the echo has no timeout of its own
   */
  public Mono<Duration> ping(PeerInfo peer) {
    return host.ping(peer.id(), peer.addresses());
  }

  @Override
  public Mono<Void> close() {
    return host.close().then(Mono.fromRunnable(reachability::close)); // both end the events
  }
}

package io.reactivedht.transport.host;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.config.HostOptions;
import io.reactivedht.transport.config.ResourceLimits;
import io.reactivedht.transport.connection.ConnectionManager;
import io.reactivedht.transport.connection.Libp2pConnection;
import io.reactivedht.transport.connection.ProtocolHandler;
import io.reactivedht.transport.connection.Protocols;
import io.reactivedht.transport.connection.Upgrader;
import io.reactivedht.transport.dns.DnsaddrResolver;
import io.reactivedht.transport.identify.Identify;
import io.reactivedht.transport.identify.IdentifyInfo;
import io.reactivedht.transport.identify.IdentifyService;
import io.reactivedht.transport.noise.NoiseSecurity;
import io.reactivedht.transport.peerstore.PeerStore;
import io.reactivedht.transport.ping.Ping;
import io.reactivedht.transport.resource.PeerScopes;
import io.reactivedht.transport.resource.ResourceScope;
import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.TrafficCounters;
import io.reactivedht.transport.tcp.TcpAddresses;
import io.reactivedht.transport.tcp.TcpTransport;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;

/**
 * A libp2p node on TCP: listens, dials, identifies every connected peer and serves identify,
 * identify push and ping. Create with {@link #start}; other protocols are added with {@link
 * #handle} and reached with {@link #newStream}.
 */
public final class Libp2pHost {
  private static final int EVENT_BUFFER = 4096;

  /**
   * Event loops shared by every host in the JVM (daemon threads), as reactor-netty shares its own
   * by default.
   */
  private static final LoopResources LOOPS =
      LoopResources.create("libp2p", Math.max(2, Runtime.getRuntime().availableProcessors()), true);

  private final HostOptions options;
  private final PeerId peerId;
  private final Scheduler scheduler;
  private final Protocols protocols;
  private final PeerStore peerStore = PeerStore.create();
  private final ConnectionManager connections;
  private final TcpTransport tcp;
  private final Upgrader upgrader;
  private final List<DisposableServer> servers = new CopyOnWriteArrayList<>();
  private final List<Multiaddr> listenAddresses = new CopyOnWriteArrayList<>();
  private final Sinks.Many<HostEvent> events =
      Sinks.many().multicast().onBackpressureBuffer(EVENT_BUFFER, false);
  private final SecureRandom random = new SecureRandom();
  private final DnsaddrResolver dnsaddr;
  private final ResourceScope resources;
  private final IdentifyService identify;
  private final TrafficCounters traffic = new TrafficCounters();

  private Libp2pHost(HostOptions options, Scheduler scheduler, DnsaddrResolver dnsaddr) {
    this.options = options;
    this.scheduler = scheduler;
    ResourceLimits limits = options.resources();
    this.resources = ResourceScope.root("node", limits.nodeMemory(), limits.nodeInboundStreams());
    this.dnsaddr = dnsaddr;
    this.peerId = PeerId.fromPublicKey(options.identity().publicKey());
    this.protocols = new Protocols(options.handshakeTimeout(), limits.protocolInboundStreams());
    this.tcp = new TcpTransport(LOOPS, options.limits().dialTimeout(), traffic);
    this.upgrader =
        new Upgrader(
            new NoiseSecurity(options.identity(), Upgrader.MUXERS),
            options.yamux(),
            protocols,
            options.handshakeTimeout(),
            () -> scheduler.now(TimeUnit.NANOSECONDS),
            new PeerScopes(this.resources, limits.peerMemory(), limits.peerInboundStreams()),
            limits.connectionMemory(),
            traffic);
    this.identify =
        new IdentifyService(
            new IdentifyService.Self(
                options.identity(), options.agentVersion(), this::listenAddresses, protocols::ids),
            options.handshakeTimeout(),
            () -> scheduler.now(TimeUnit.MILLISECONDS),
            this::identified);
    this.connections =
        new ConnectionManager(
            tcp, upgrader, options.limits(), scheduler, identify::identify, this::disconnected);
    protocols.add(Identify.PROTOCOL_ID, identify::respond);
    protocols.add(Identify.PUSH_PROTOCOL_ID, identify::receivePush);
    protocols.add(Ping.PROTOCOL_ID, (connection, stream) -> Ping.serve(stream));
  }

  /** What the host's connections carry: connections and streams open, bytes in and out. */
  public TrafficCounters traffic() {
    return traffic;
  }

  /**
   * The node's resource scope: what all connections' streams hold unread and the inbound streams
   * open, for tests and metrics.
   */
  public ResourceScope resources() {
    return resources;
  }

  /**
   * Starts a host listening on {@link HostOptions#listen()}, timing everything on {@code
   * scheduler}.
   *
   * @param options identity, listen addresses and limits
   * @param scheduler the clock and the timers of the host (timeouts, keep-alives, idle sweeps); the
   *     network I/O runs on the event loops regardless
   * @return the host once every listen address is bound; cold
   */
  public static Mono<Libp2pHost> start(HostOptions options, Scheduler scheduler) {
    return start(options, scheduler, DnsaddrResolver.system());
  }

  /**
   * Starts a host that resolves {@code /dnsaddr} addresses with {@code dnsaddr} (tests: a fake
   * DNS).
   */
  static Mono<Libp2pHost> start(HostOptions options, Scheduler scheduler, DnsaddrResolver dnsaddr) {
    return Mono.defer(
        () -> {
          Libp2pHost host = new Libp2pHost(options, scheduler, dnsaddr);
          host.connections.start();
          return Flux.fromIterable(options.listen())
              .concatMap(
                  address ->
                      host.tcp
                          .listen(address, host.connections::accept)
                          .doOnNext(
                              server -> {
                                host.servers.add(server);
                                host.listenAddresses.addAll(
                                    ListenAddresses.expand(address, server.address()));
                              }))
              .then(Mono.just(host))
              .onErrorResume(e -> host.close().then(Mono.error(e)));
        });
  }

  /** This node's peer id. */
  public PeerId peerId() {
    return peerId;
  }

  /**
   * Where peers can reach this node (bound addresses, wildcards expanded to the interface
   * addresses).
   */
  public List<Multiaddr> listenAddresses() {
    return List.copyOf(listenAddresses);
  }

  /** The address book. */
  public PeerStore peerStore() {
    return peerStore;
  }

  /**
   * What we learned about peers; hot, best effort (a subscriber that falls 4096 events behind
   * misses some).
   */
  public Flux<HostEvent> events() {
    return events.asFlux();
  }

  /** The latest identify info of a connected peer, if it identified. */
  public Optional<IdentifyInfo> identifyInfo(PeerId peer) {
    return identify.info(peer);
  }

  /**
   * Marks a peer the DHT needs, or no longer needs: trimming between the connection watermarks
   * never closes a protected peer's connections.
   */
  public void protect(PeerId peer, boolean needed) {
    connections.protect(peer, needed);
  }

  /** The peers we are connected to. */
  public List<PeerId> connectedPeers() {
    return connections.connectedPeers();
  }

  /** The number of open (upgraded) connections, inbound and outbound. */
  public int connectionCount() {
    return connections.connectionCount();
  }

  /**
   * Serves inbound streams of {@code protocolId} with {@code handler}, and tells connected peers
   * (identify push).
   */
  public void handle(String protocolId, ProtocolHandler handler) {
    boolean added = !protocols.serves(protocolId);
    protocols.add(protocolId, handler);
    if (added) {
      pushIdentify();
    }
  }

  /** Stops serving {@code protocolId}, and tells connected peers. */
  public void unhandle(String protocolId) {
    if (protocols.serves(protocolId)) {
      protocols.remove(protocolId);
      pushIdentify();
    }
  }

  /** The protocols served. */
  public Set<String> protocols() {
    return protocols.ids();
  }

  /**
   * Opens a stream for {@code protocolId} to {@code peer}, over the open connection or a new one
   * dialed at {@code addresses} and the addresses the peer store knows.
   */
  public Mono<ByteStream> newStream(PeerId peer, List<Multiaddr> addresses, String protocolId) {
    return connect(peer, addresses).flatMap(connection -> connection.newStream(protocolId));
  }

  /**
   * The connection to {@code peer}, dialing it when there is none. {@code /dnsaddr} addresses
   * (given or known) are resolved first, for this peer's id; of what they stand for only TCP
   * addresses are dialed.
   */
  public Mono<Libp2pConnection> connect(PeerId peer, List<Multiaddr> addresses) {
    return Mono.defer(
        () -> {
          List<Multiaddr> known = peerStore.addresses(peer);
          boolean resolve =
              connections.connection(peer).isEmpty()
                  && (addresses.stream().anyMatch(DnsaddrResolver::isDnsaddr)
                      || known.stream().anyMatch(DnsaddrResolver::isDnsaddr));
          if (resolve) {
            return resolveDnsaddr(peer, addresses, known)
                .flatMap(resolved -> connections.connect(peer, resolved));
          }
          LinkedHashSet<Multiaddr> candidates = new LinkedHashSet<>();
          addresses.stream()
              .filter(TcpAddresses::isDialable)
              .map(Multiaddr::withoutPeerId)
              .forEach(candidates::add);
          candidates.addAll(known);
          return connections.connect(peer, new ArrayList<>(candidates));
        });
  }

  /**
   * The dialable addresses of {@code peer} among {@code addresses} then {@code known}, each {@code
   * /dnsaddr} replaced by the TCP addresses it resolves to for this peer (those of another peer are
   * dropped).
   */
  private Mono<List<Multiaddr>> resolveDnsaddr(
      PeerId peer, List<Multiaddr> addresses, List<Multiaddr> known) {
    return Flux.concat(Flux.fromIterable(addresses), Flux.fromIterable(known))
        .filter(address -> address.peerId().map(peer::equals).orElse(true))
        .distinct()
        .concatMap(
            address ->
                DnsaddrResolver.isDnsaddr(address)
                    ? dnsaddr.resolve(address.withPeerId(peer)).flatMapIterable(found -> found)
                    : Mono.just(address))
        .filter(TcpAddresses::isDialable)
        .map(Multiaddr::withoutPeerId)
        .distinct()
        .collectList();
  }

  /**
   * Dials {@code peer} at {@code address} on a fresh connection of its own, checks it is that peer,
   * and closes it again: the connection is never registered (no events, no routing side effects,
   * the open connection, if any, is not used). AutoNAT's dial-back.
   *
   * @return completes when the peer was reached; fails when the dial or the upgrade failed or took
   *     longer than the dial timeout
   */
  public Mono<Void> dialBack(PeerId peer, Multiaddr address) {
    return tcp.dial(address)
        .flatMap(raw -> upgrader.outbound(raw, peer))
        .timeout(options.limits().dialTimeout(), scheduler)
        .flatMap(Libp2pConnection::close);
  }

  /** The scheduler the host times things on. */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** Measures a round trip to {@code peer} with the ping protocol. */
  public Mono<Duration> ping(PeerId peer, List<Multiaddr> addresses) {
    return newStream(peer, addresses, Ping.PROTOCOL_ID)
        .flatMap(
            stream ->
                Ping.ping(stream, random, scheduler)
                    .flatMap(rtt -> stream.closeWrite().thenReturn(rtt)));
  }

  /**
   * Stops listening, lets in-flight streams finish (up to the shutdown grace), then closes every
   * connection; completes once the listening sockets are unbound too, so that a node restarted on
   * the same port can bind it.
   */
  public Mono<Void> close() {
    return Mono.defer(
        () -> {
          servers.forEach(DisposableServer::dispose);
          Mono<Void> unbound =
              Mono.when(servers.stream().map(DisposableServer::onDispose).toList());
          return connections
              .close()
              .then(unbound)
              .then(
                  Mono.fromRunnable(
                      () -> {
                        synchronized (events) {
                          events.tryEmitComplete();
                        }
                      }));
        });
  }

  private void identified(IdentifyInfo info) {
    peerStore.add(info.peerId(), info.addresses(), PeerStore.CONNECTED_TTL);
    emit(new HostEvent.Identified(info));
  }

  private void disconnected(PeerId peer) {
    identify.disconnected(peer);
    emit(new HostEvent.Disconnected(peer));
  }

  /**
   * Identify results arrive on several event loops; a sink takes one emitter at a time (else it
   * drops).
   */
  private void emit(HostEvent event) {
    synchronized (events) {
      events.tryEmitNext(event);
    }
  }

  private void pushIdentify() {
    identify.push(
        connections.connectedPeers().stream()
            .map(connections::connection)
            .flatMap(Optional::stream)
            .toList());
  }
}

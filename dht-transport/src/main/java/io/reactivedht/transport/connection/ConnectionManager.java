package io.reactivedht.transport.connection;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.config.ConnectionLimits;
import io.reactivedht.transport.tcp.TcpAddresses;
import io.reactivedht.transport.tcp.TcpByteStream;
import io.reactivedht.transport.tcp.TcpTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Keeps the node's connections: one reused per peer for all streams, concurrent dials to the same
 * peer merged into one, connection limits (in all, inbound, per IP, per peer), trimming between
 * watermarks that spares the peers the DHT needs, idle connections closed, and a graceful shutdown
 * that lets in-flight streams finish. {@link #start} starts its timers.
 */
public final class ConnectionManager {
  private static final Logger LOG = Logger.getLogger(ConnectionManager.class.getName());

  /**
   * How often every connection is pinged (go and js: 30 s); one that does not answer in time is
   * closed.
   */
  static final Duration KEEP_ALIVE_INTERVAL = Duration.ofSeconds(30);

  static final Duration KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(10);

  /** How long a dial waits before it also tries the next address (RFC 8305's 250 ms). */
  static final Duration DIAL_STAGGER = Duration.ofMillis(250);

  /** The most addresses of one peer tried in one dial. */
  static final int MAX_DIALED_ADDRESSES = 8;

  private final TcpTransport tcp;
  private final Upgrader upgrader;
  private final ConnectionLimits limits;
  private final Scheduler scheduler;
  private final Consumer<Libp2pConnection> onConnected;
  private final Consumer<PeerId> onDisconnected;
  private final Map<PeerId, List<Libp2pConnection>> connections = new ConcurrentHashMap<>();
  private final Map<PeerId, Mono<Libp2pConnection>> dials = new ConcurrentHashMap<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger inboundOpen = new AtomicInteger();
  private final AtomicInteger upgrading = new AtomicInteger();
  private final InboundPerIp perIp;
  private final DialBackoff backoff = new DialBackoff();
  private final Set<PeerId> protectedPeers = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean trimming = new AtomicBoolean();
  private final Disposable.Composite timers = Disposables.composite();
  private volatile boolean closing;

  /**
   * @param tcp dials TCP
   * @param upgrader secures and multiplexes new connections
   * @param limits the limits
   * @param scheduler runs the idle sweep and the keep-alive pings, and is the clock of trimming
   * @param onConnected told of every new connection (after it is registered); must not block
   * @param onDisconnected told when a peer's last connection closed
   */
  public ConnectionManager(
      TcpTransport tcp,
      Upgrader upgrader,
      ConnectionLimits limits,
      Scheduler scheduler,
      Consumer<Libp2pConnection> onConnected,
      Consumer<PeerId> onDisconnected) {
    this.tcp = tcp;
    this.upgrader = upgrader;
    this.limits = limits;
    this.scheduler = scheduler;
    this.onConnected = onConnected;
    this.onDisconnected = onDisconnected;
    this.perIp = new InboundPerIp(limits.maxInboundPerIp());
  }

  /**
   * Starts the idle sweep (which also trims), every quarter of the idle timeout, and the keep-alive
   * pings.
   *
   * @return this manager
   */
  public ConnectionManager start() {
    Duration sweep = limits.idleTimeout().dividedBy(4);
    timers.add(
        Flux.interval(sweep, sweep, scheduler)
            .subscribe(
                tick -> {
                  closeIdle();
                  trim();
                }));
    timers.add(
        Flux.interval(KEEP_ALIVE_INTERVAL, KEEP_ALIVE_INTERVAL, scheduler)
            .concatMap(tick -> pingAll())
            .subscribe());
    return this;
  }

  /**
   * Marks a peer the DHT needs (it is in the routing table), or no longer needs: trimming never
   * closes the connections of a protected peer.
   *
   * @param peer any peer
   * @param needed whether to protect it
   */
  public void protect(PeerId peer, boolean needed) {
    if (needed) {
      protectedPeers.add(peer);
    } else {
      protectedPeers.remove(peer);
    }
  }

  /**
   * Upgrades a connection a peer opened to us, unless we are closing, at the inbound limit ({@link
   * ConnectionLimits#maxInbound()}: the connection limit less the slots kept for our own dials) or
   * at the limit of connections from its IP. Both count the connections still being upgraded too (a
   * peer that never finishes its handshakes holds them only until the handshake timeout).
   */
  public void accept(TcpByteStream raw) {
    String refusal = null;
    if (closing) {
      refusal = "shutting down";
    } else if (open.get() + upgrading.get() >= limits.maxConnections()
        || inboundOpen.get() + upgrading.get() >= limits.maxInbound()) {
      refusal =
          "at the connection limit ("
              + limits.maxInbound()
              + " inbound, "
              + limits.outboundReserve()
              + " more kept for our own dials)";
    } else if (!perIp.tryTake(raw.remoteAddress())) {
      refusal =
          "at the limit of "
              + limits.maxInboundPerIp()
              + " inbound connections from "
              + InboundPerIp.keyOf(raw.remoteAddress());
    }
    if (refusal != null) {
      String why = refusal;
      LOG.fine(() -> "refusing inbound connection from " + raw.remoteAddress() + ": " + why);
      raw.reset();
      return;
    }
    upgrading.incrementAndGet();
    upgrader
        .inbound(raw)
        .doFinally(signal -> upgrading.decrementAndGet())
        .subscribe(
            this::register,
            error -> {
              perIp.give(raw.remoteAddress());
              LOG.log(
                  Level.FINE,
                  () -> "inbound upgrade from " + raw.remoteAddress() + " failed: " + error);
            });
  }

  /**
   * A connection to {@code peer} that takes new streams, if there is one (not one that is closed or
   * going away).
   */
  public Optional<Libp2pConnection> connection(PeerId peer) {
    return connections.getOrDefault(peer, List.of()).stream()
        .filter(Libp2pConnection::acceptsNewStreams)
        .findFirst();
  }

  /**
   * The open connection to {@code peer}, or a new one dialed at {@code addresses} in order until
   * one works, skipping those backing off after failed dials. Concurrent calls for the same peer
   * share one dial.
   *
   * @return fails with {@link DialException} when no address worked or all are backing off
   */
  public Mono<Libp2pConnection> connect(PeerId peer, List<Multiaddr> addresses) {
    return Mono.defer(
        () -> {
          Optional<Libp2pConnection> existing = connection(peer);
          if (existing.isPresent()) {
            return Mono.just(existing.get());
          }
          // forgotten before the connection is handed out: with doFinally alone, a quick caller
          // could get it from the cache after it had closed
          return dials.computeIfAbsent(
              peer,
              p ->
                  dial(p, addresses)
                      .doOnNext(connection -> dials.remove(p))
                      .doFinally(signal -> dials.remove(p))
                      .cache());
        });
  }

  private Mono<Libp2pConnection> dial(PeerId peer, List<Multiaddr> addresses) {
    if (closing) {
      return Mono.error(new DialException(peer, "the node is shutting down"));
    }
    if (open.get() >= limits.maxConnections()) {
      return Mono.error(
          new DialException(peer, "at the connection limit of " + limits.maxConnections()));
    }
    List<Multiaddr> candidates =
        addresses.stream().filter(a -> a.peerId().map(peer::equals).orElse(true)).toList();
    if (candidates.isEmpty()) {
      return Mono.error(new DialException(peer, "no addresses"));
    }
    long now = scheduler.now(TimeUnit.NANOSECONDS);
    List<Multiaddr> dialable =
        candidates.stream().filter(a -> !backoff.isBackingOff(peer, a, now)).toList();
    if (dialable.isEmpty()) {
      return Mono.error(
          new DialException(
              peer, "every address is backing off after failed dials: " + candidates));
    }
    return attempt(peer, dialable).doOnNext(this::register);
  }

  /**
   * Dials the addresses in the manner of happy eyeballs (RFC 8305): the first at once, the next
   * {@link #DIAL_STAGGER} later, and so on, each within the dial timeout, at most {@link
   * #MAX_DIALED_ADDRESSES} of them. The first that connects wins and the others are cancelled (a
   * connection they were upgrading is reset), so one black-holed address no longer costs the whole
   * timeout; cancelling the returned Mono cancels them all. The failures of the addresses become
   * the suppressed exceptions of the {@link DialException}, and each failed address backs off
   * ({@link DialBackoff}): the next dials skip it for a while.
   */
  private Mono<Libp2pConnection> attempt(PeerId peer, List<Multiaddr> addresses) {
    List<String> failures = new CopyOnWriteArrayList<>();
    List<Throwable> causes = new CopyOnWriteArrayList<>();
    List<Mono<Libp2pConnection>> dials = new ArrayList<>();
    // timers on network time, not the manager's scheduler (virtual in tests): the dials are real
    // I/O
    for (int i = 0; i < Math.min(addresses.size(), MAX_DIALED_ADDRESSES); i++) {
      Multiaddr address = addresses.get(i);
      Mono<Libp2pConnection> dial =
          tcp.dial(address)
              .flatMap(raw -> upgrader.outbound(raw, peer))
              .timeout(limits.dialTimeout())
              .doOnError(
                  e -> {
                    failures.add(address + ": " + e);
                    causes.add(e);
                    backoff.failed(peer, address, scheduler.now(TimeUnit.NANOSECONDS));
                  });
      dials.add(i == 0 ? dial : Mono.delay(DIAL_STAGGER.multipliedBy(i)).then(dial));
    }
    return Mono.firstWithValue(dials)
        .onErrorMap(
            allFailed -> {
              DialException none = new DialException(peer, String.join("; ", failures));
              causes.forEach(none::addSuppressed);
              return none;
            });
  }

  private void register(Libp2pConnection connection) {
    if (closing || !addUnderPeerLimit(connection)) {
      LOG.fine(() -> "closing " + connection + ": shutting down or at the per-peer limit");
      releaseInboundSlot(connection);
      connection.close().subscribe();
      return;
    }
    open.incrementAndGet();
    if (!connection.isOutbound()) {
      inboundOpen.incrementAndGet();
    }
    connection.onClose().subscribe(null, null, () -> unregister(connection));
    backoff.connected(connection.remotePeer());
    onConnected.accept(connection);
    if (open.get() > limits.highWater()) {
      trim();
    }
  }

  /** Adds the connection to its peer's, unless the peer has {@link ConnectionLimits#maxPerPeer}. */
  private boolean addUnderPeerLimit(Libp2pConnection connection) {
    AtomicBoolean added = new AtomicBoolean();
    connections.compute(
        connection.remotePeer(),
        (peer, list) -> {
          List<Libp2pConnection> peers = list == null ? new CopyOnWriteArrayList<>() : list;
          if (peers.size() < limits.maxPerPeer()) {
            peers.add(connection);
            added.set(true);
          }
          return peers.isEmpty() ? null : peers;
        });
    return added.get();
  }

  /**
   * Above the high watermark, closes connections down to the low one: never those of protected
   * peers or younger than the grace period; first those with the fewest streams, then the longest
   * idle. One trim at a time.
   */
  void trim() {
    int excess = open.get() - limits.lowWater();
    if (open.get() <= limits.highWater() || !trimming.compareAndSet(false, true)) {
      return;
    }
    try {
      long now = scheduler.now(TimeUnit.NANOSECONDS);
      long grace = limits.gracePeriod().toNanos();
      List<Libp2pConnection> victims =
          allConnections().stream()
              .filter(c -> !protectedPeers.contains(c.remotePeer()))
              .filter(c -> now - c.openedNanos() >= grace)
              .sorted(
                  Comparator.comparingInt(Libp2pConnection::streamCount)
                      .thenComparingLong(Libp2pConnection::lastActiveNanos))
              .limit(excess)
              .toList();
      LOG.fine(() -> "trimming " + victims.size() + " of " + open.get() + " connections");
      victims.forEach(c -> c.close().subscribe());
    } finally {
      trimming.set(false);
    }
  }

  private void unregister(Libp2pConnection connection) {
    open.decrementAndGet();
    if (!connection.isOutbound()) {
      inboundOpen.decrementAndGet();
    }
    releaseInboundSlot(connection);
    PeerId peer = connection.remotePeer();
    boolean last =
        connections.computeIfPresent(
                peer,
                (p, list) -> {
                  list.remove(connection);
                  return list.isEmpty() ? null : list;
                })
            == null;
    if (last) {
      onDisconnected.accept(peer);
    }
  }

  /** Gives back the per-IP slot an inbound connection took. */
  private void releaseInboundSlot(Libp2pConnection connection) {
    if (!connection.isOutbound()) {
      TcpAddresses.toSocketAddress(connection.remoteAddress()).ifPresent(perIp::give);
    }
  }

  /** The peers we have an open connection to. */
  public List<PeerId> connectedPeers() {
    return connections.keySet().stream().filter(p -> connection(p).isPresent()).toList();
  }

  /** The number of open connections. */
  public int connectionCount() {
    return open.get();
  }

  /** Closes every connection that has had no stream for the idle timeout. */
  void closeIdle() {
    long idle = limits.idleTimeout().toNanos();
    connections.values().stream()
        .flatMap(List::stream)
        .filter(c -> c.idleNanos() >= idle)
        .forEach(c -> c.close().subscribe());
  }

  /** Pings every connection; a peer that is gone (no answer in time) loses its connection. */
  Mono<Void> pingAll() {
    return Flux.fromIterable(allConnections())
        .flatMap(
            connection ->
                connection
                    .ping()
                    .timeout(KEEP_ALIVE_TIMEOUT, scheduler)
                    .then()
                    .onErrorResume(
                        error -> {
                          LOG.fine(
                              () -> "closing " + connection + ": keep-alive ping failed: " + error);
                          return connection.close();
                        }))
        .then();
  }

  /**
   * Refuses new connections and streams, waits up to the shutdown grace for open streams to finish,
   * then closes every connection.
   */
  public Mono<Void> close() {
    return Mono.defer(
        () -> {
          closing = true;
          timers.dispose();
          long deadline = scheduler.now(TimeUnit.NANOSECONDS) + limits.shutdownGrace().toNanos();
          return Flux.interval(Duration.ZERO, Duration.ofMillis(20), scheduler)
              .takeUntil(
                  tick ->
                      allConnections().stream().allMatch(c -> c.streamCount() == 0)
                          || scheduler.now(TimeUnit.NANOSECONDS) >= deadline)
              .then(Flux.fromIterable(allConnections()).flatMap(Libp2pConnection::close).then());
        });
  }

  private List<Libp2pConnection> allConnections() {
    return connections.values().stream().flatMap(List::stream).toList();
  }
}

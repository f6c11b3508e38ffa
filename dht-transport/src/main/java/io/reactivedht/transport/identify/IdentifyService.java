package io.reactivedht.transport.identify;

import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.connection.Libp2pConnection;
import io.reactivedht.transport.stream.ByteStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import reactor.core.publisher.Mono;

/**
 * The identify protocol as a service of the host: answers identify requests with what this node is,
 * asks every new connection's peer who it is, takes identify pushes, pushes our own changes, and
 * keeps the latest info of each connected peer.
 */
public final class IdentifyService {
  private static final Logger LOG = Logger.getLogger(IdentifyService.class.getName());

  /** What this node tells peers about itself; read when asked, so it is always current. */
  public record Self(
      PrivateKey identity,
      String agentVersion,
      Supplier<List<Multiaddr>> listenAddresses,
      Supplier<Set<String>> protocols) {}

  private final Self self;
  private final Duration timeout;
  private final LongSupplier clockMillis;
  private final Consumer<IdentifyInfo> onIdentified;
  private final Map<PeerId, IdentifyInfo> identified = new ConcurrentHashMap<>();

  /**
   * @param self what we tell peers
   * @param timeout how long one identify exchange may take
   * @param clockMillis the time our signed peer record is stamped with
   * @param onIdentified told of each peer's new info (after an identify or a push), while it is
   *     connected; must not block
   */
  public IdentifyService(
      Self self, Duration timeout, LongSupplier clockMillis, Consumer<IdentifyInfo> onIdentified) {
    this.self = self;
    this.timeout = timeout;
    this.clockMillis = clockMillis;
    this.onIdentified = onIdentified;
  }

  /** Serves {@value Identify#PROTOCOL_ID}: tells the asker who we are and where it is seen from. */
  public Mono<Void> respond(Libp2pConnection connection, ByteStream stream) {
    return Identify.respond(stream, localInfo(connection));
  }

  /** Serves {@value Identify#PUSH_PROTOCOL_ID}: takes what changed of a connected peer. */
  public Mono<Void> receivePush(Libp2pConnection connection, ByteStream stream) {
    IdentifyInfo known = identified.get(connection.remotePeer());
    Mono<IdentifyInfo> info =
        known == null
            ? Identify.request(stream, connection.remotePeer())
            : Identify.receivePush(stream, known);
    return info.doOnNext(i -> identified(connection, i)).then();
  }

  /** Asks a newly connected peer who it is; failures are logged, not raised. */
  public void identify(Libp2pConnection connection) {
    connection
        .newStream(Identify.PROTOCOL_ID)
        .flatMap(stream -> Identify.request(stream, connection.remotePeer()))
        .timeout(timeout)
        .subscribe(
            info -> identified(connection, info),
            error ->
                LOG.log(
                    Level.FINE,
                    () -> "identify of " + connection.remotePeer() + " failed: " + error));
  }

  /** Tells the peers of {@code connections} what changed of us (our protocols or addresses). */
  public void push(List<Libp2pConnection> connections) {
    for (Libp2pConnection connection : connections) {
      connection
          .newStream(Identify.PUSH_PROTOCOL_ID)
          .flatMap(stream -> Identify.push(stream, localInfo(connection)))
          .timeout(timeout)
          .subscribe(
              done -> {},
              error ->
                  LOG.log(
                      Level.FINE,
                      () -> "identify push to " + connection.remotePeer() + " failed: " + error));
    }
  }

  /** The latest info of a connected peer, if it identified. */
  public Optional<IdentifyInfo> info(PeerId peer) {
    return Optional.ofNullable(identified.get(peer));
  }

  /** Forgets a peer whose last connection closed. */
  public void disconnected(PeerId peer) {
    identified.remove(peer);
  }

  private void identified(Libp2pConnection connection, IdentifyInfo info) {
    if (connection.isClosed()) {
      return; // disconnected meanwhile
    }
    identified.put(info.peerId(), info);
    onIdentified.accept(info);
  }

  private IdentifyInfo localInfo(Libp2pConnection connection) {
    return IdentifyInfo.local(
            self.identity(),
            clockMillis.getAsLong(),
            self.listenAddresses().get(),
            self.protocols().get(),
            self.agentVersion())
        .withObservedAddress(connection.remoteAddress());
  }
}

package io.reactivedht.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.micrometer.DhtMetrics;
import io.reactivedht.micrometer.TransportMetrics;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.Mode;
import io.reactivedht.store.rocksdb.RocksDatastore;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A running DHT node on the libp2p transport, as the commands use it: started, joined, closed once.
 */
final class Node implements AutoCloseable {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final Libp2pTransport transport;
  private final Dht dht;
  private final @Nullable RocksDatastore datastore;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Node(Libp2pTransport transport, Dht dht, @Nullable RocksDatastore datastore) {
    this.transport = transport;
    this.dht = dht;
    this.datastore = datastore;
  }

  /**
   * Starts a node with {@code identity} on {@code listen}, in {@code mode}, knowing {@code
   * bootstrap} (not contacted yet: see {@link #join}), within {@code limits}.
   */
  static Node start(
      PrivateKey identity,
      List<Multiaddr> listen,
      String protocol,
      Mode mode,
      List<PeerInfo> bootstrap,
      Duration timeout,
      LimitOptions limits) {
    return start(identity, listen, protocol, mode, bootstrap, timeout, limits, o -> o, null, null);
  }

  /**
   * As the other {@code start}, with the options tuned by {@code tune}; when {@code datastore} is
   * not null, its stores and node state in place of the in-memory ones (the node closes it); when
   * {@code meters} is not null, the node's and its transport's meters registered there ({@code
   * dht-micrometer}: {@code dht.operations}, {@code dht.requests.*}, {@code dht.transport.*} and
   * the rest).
   */
  static Node start(
      PrivateKey identity,
      List<Multiaddr> listen,
      String protocol,
      Mode mode,
      List<PeerInfo> bootstrap,
      Duration timeout,
      LimitOptions limits,
      UnaryOperator<DhtOptions> tune,
      @Nullable RocksDatastore datastore,
      @Nullable MeterRegistry meters) {
    Libp2pOptions transportOptions =
        limits.apply(Libp2pOptions.defaults(identity).withListen(listen).withProtocolId(protocol));
    DhtOptions options =
        tune.apply(limits.apply(DhtOptions.defaults().withProtocolId(protocol).withMode(mode)));
    Libp2pTransport transport;
    try {
      transport = Libp2pTransport.start(transportOptions).blockOptional(timeout).orElseThrow();
    } catch (RuntimeException e) {
      throw new CliException("--listen", "cannot listen on " + listen + ": " + Errors.describe(e));
    }
    Dht.Builder builder = Dht.builder(transport).options(options).bootstrapPeers(bootstrap);
    if (datastore != null) {
      builder
          .valueStore(datastore.values())
          .providerStore(datastore.providers())
          .nodeState(datastore.nodeState());
    }
    if (meters != null) {
      builder.observer(DhtMetrics.observer(meters, ObservationRegistry.NOOP));
      new TransportMetrics(transport.figures()).bindTo(meters);
    }
    Dht dht = builder.build();
    dht.start().block();
    return new Node(transport, dht, datastore);
  }

  /**
   * Joins the network through the bootstrap peers; fails naming {@code --bootstrap} if none
   * answered.
   */
  Mono<Void> join() {
    return dht.bootstrap();
  }

  Dht dht() {
    return dht;
  }

  /**
   * The best valid record under {@code routingKey}: a GET_VALUE lookup that waits for {@code
   * quorum} valid records, or the node's default quorum for the key's namespace when null.
   */
  Mono<Record> record(byte[] routingKey, @Nullable Integer quorum) {
    return quorum == null ? dht.getValue(routingKey) : dht.getValue(routingKey, quorum);
  }

  Libp2pTransport transport() {
    return transport;
  }

  /** The addresses others dial, each ending in {@code /p2p/<id>}. */
  List<Multiaddr> addresses() {
    return transport.listenAddresses().stream().map(a -> a.withPeerId(dht.localPeer())).toList();
  }

  /**
   * Stops the node's background work (saving its routing table to the datastore, if any), closes
   * its connections, then the datastore; idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      dht.close()
          .then(transport.close())
          .timeout(CLOSE_TIMEOUT)
          .onErrorResume(e -> Mono.empty())
          .block();
      if (datastore != null) {
        datastore.close();
      }
    }
  }
}

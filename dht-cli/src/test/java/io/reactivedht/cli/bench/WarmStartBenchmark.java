package io.reactivedht.cli.bench;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.store.rocksdb.DatastoreOptions;
import io.reactivedht.store.rocksdb.RocksDatastore;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import io.reactivedht.transport.config.ConnectionLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Issue 12's warm-start benchmark on loopback: a network of real nodes (libp2p over TCP, in this
 * JVM), and one more node that starts either cold (a fresh identity, its bootstrap peer only) or
 * warm (restarted on the RocksDB datastore of an earlier life in the same network, with a tenth of
 * the network gone since). Each trial measures the time from start (the datastore opened, the
 * transport listening) to the first lookup that returns peers, the routing table's size 5 s after
 * the start, and when {@code bootstrap()} completed. A cold node must bootstrap before it can look
 * anything up; a warm one looks up at once, while its bootstrap probes the restored peers.
 * Arguments: {@code [network size] [trials]} (default 50 and 10).
 */
public final class WarmStartBenchmark {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Duration TABLE_AFTER = Duration.ofSeconds(5);

  private final Random random = new Random(7);
  private final List<Dht> network = new ArrayList<>();
  private final List<Libp2pTransport> transports = new ArrayList<>();

  private WarmStartBenchmark() {}

  /**
   * One start: milliseconds to the first useful lookup and to the end of bootstrap, table at 5 s.
   */
  private record Start(double firstLookupMs, double bootstrapMs, int tableAt5s) {}

  public static void main(String[] args) throws Exception {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int trials = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    WarmStartBenchmark bench = new WarmStartBenchmark();
    try {
      bench.run(size, trials);
    } finally {
      bench.closeAll();
    }
    System.exit(0);
  }

  private void run(int size, int trials) throws IOException {
    for (int i = 0; i < size; i++) {
      Dht node = serverNode(newKey(), network.isEmpty() ? List.of() : List.of(infoOf(0)));
      node.bootstrap().onErrorResume(e -> Mono.empty()).block(TIMEOUT);
      network.add(node);
    }
    for (Dht node : network) { // the early joiners learn of the later ones
      node.bootstrap().onErrorResume(e -> Mono.empty()).block(TIMEOUT);
    }
    System.out.printf(Locale.ROOT, "network: %d nodes on loopback%n", size);

    // the warm nodes' earlier lives: each joins, fills its table, closes (saving it) and stops
    List<Ed25519PrivateKey> warmKeys = new ArrayList<>();
    List<Path> stores = new ArrayList<>();
    for (int t = 0; t < trials; t++) {
      Ed25519PrivateKey key = newKey();
      Path store = Files.createTempDirectory("warm-start");
      try (RocksDatastore datastore = RocksDatastore.open(store, DatastoreOptions.DEFAULTS)) {
        Libp2pTransport transport = transport(key);
        Dht dht = build(transport, List.of(infoOf(random.nextInt(size))), datastore);
        dht.start().then(dht.bootstrap()).block(TIMEOUT);
        dht.close().then(transport.close()).block(TIMEOUT);
      }
      warmKeys.add(key);
      stores.add(store);
    }
    // a tenth of the network leaves while the warm nodes are away
    List<Integer> gone = new ArrayList<>();
    for (int i = 1; i <= size / 10; i++) {
      gone.add(size - i);
      network.get(size - i).close().then(transports.get(size - i).close()).block(TIMEOUT);
    }
    System.out.printf(
        Locale.ROOT, "%d nodes left the network before the measured starts%n", gone.size());

    List<Start> cold = new ArrayList<>();
    List<Start> warm = new ArrayList<>();
    for (int t = 0; t < trials; t++) {
      PeerInfo bootstrap = infoOf(random.nextInt(size - gone.size()));
      cold.add(start(newKey(), bootstrap, null));
      warm.add(start(warmKeys.get(t), bootstrap, stores.get(t)));
    }
    report("cold", cold);
    report("warm", warm);
  }

  /** Starts a node, looks up a random key as soon as it can, and measures. */
  private Start start(Ed25519PrivateKey key, PeerInfo bootstrap, Path store) {
    long t0 = System.nanoTime();
    RocksDatastore datastore =
        store == null ? null : RocksDatastore.open(store, DatastoreOptions.DEFAULTS);
    Libp2pTransport transport = transport(key);
    Dht dht = build(transport, List.of(bootstrap), datastore);
    dht.start().block(TIMEOUT);
    long[] bootstrapped = {0};
    Mono<Void> join =
        dht.bootstrap()
            .doOnTerminate(() -> bootstrapped[0] = System.nanoTime())
            .onErrorResume(e -> Mono.empty());
    byte[] target = new byte[32];
    random.nextBytes(target);
    Mono<List<PeerInfo>> lookup = dht.findClosestPeers(target).collectList();
    List<PeerInfo> found;
    if (datastore == null) {
      found = join.then(lookup).block(TIMEOUT); // a cold node has nobody to ask before it joined
    } else {
      join.subscribe(); // a warm node asks its restored table at once
      found = lookup.block(TIMEOUT);
    }
    long firstLookup = System.nanoTime();
    if (found == null || found.isEmpty()) {
      throw new IllegalStateException("the first lookup found nobody");
    }
    sleepUntil(t0 + TABLE_AFTER.toNanos());
    int table = dht.routingTablePeers().size();
    while (bootstrapped[0] == 0) {
      sleepUntil(System.nanoTime() + 10_000_000);
    }
    dht.close().then(transport.close()).block(TIMEOUT);
    if (datastore != null) {
      datastore.close();
    }
    return new Start(ms(firstLookup - t0), ms(bootstrapped[0] - t0), table);
  }

  private static void report(String kind, List<Start> starts) {
    System.out.printf(
        Locale.ROOT,
        "%s: first lookup p50 %.0f ms p90 %.0f ms | bootstrap done p50 %.0f ms | table after 5 s p50 %d (min %d)%n",
        kind,
        percentile(starts.stream().map(Start::firstLookupMs).toList(), 0.5),
        percentile(starts.stream().map(Start::firstLookupMs).toList(), 0.9),
        percentile(starts.stream().map(Start::bootstrapMs).toList(), 0.5),
        (int) percentile(starts.stream().map(s -> (double) s.tableAt5s()).toList(), 0.5),
        starts.stream().mapToInt(Start::tableAt5s).min().orElse(0));
  }

  private static double percentile(List<Double> values, double q) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
  }

  private Dht serverNode(Ed25519PrivateKey key, List<PeerInfo> bootstrap) {
    Dht dht = build(transport(key), bootstrap, null);
    dht.start().block(TIMEOUT);
    return dht;
  }

  private Dht build(Libp2pTransport transport, List<PeerInfo> bootstrap, RocksDatastore datastore) {
    Dht.Builder builder =
        Dht.builder(transport).options(DhtOptions.defaults()).bootstrapPeers(bootstrap);
    if (datastore != null) {
      builder
          .valueStore(datastore.values())
          .providerStore(datastore.providers())
          .nodeState(datastore.nodeState());
    }
    return builder.build();
  }

  private Libp2pTransport transport(Ed25519PrivateKey key) {
    Libp2pTransport transport =
        Libp2pTransport.start(
                Libp2pOptions.defaults(key)
                    .withListen(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")))
                    // every node dials from 127.0.0.1: the per-IP guard would cap the network at 32
                    .withLimits(ConnectionLimits.DEFAULT.withMaxInboundPerIp(512)))
            .block(TIMEOUT);
    transports.add(transport);
    return transport;
  }

  private PeerInfo infoOf(int i) {
    Libp2pTransport transport = transports.get(i);
    return new PeerInfo(transport.localPeer(), transport.listenAddresses());
  }

  private void closeAll() {
    Flux.fromIterable(transports)
        .flatMap(t -> t.close().onErrorResume(e -> Mono.empty()))
        .blockLast(TIMEOUT);
  }

  private static void sleepUntil(long nanos) {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      try {
        Thread.sleep(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** A key drawn from the seeded randomness. */
  private Ed25519PrivateKey newKey() {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    return Ed25519PrivateKey.fromSeed(seed);
  }
}

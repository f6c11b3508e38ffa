package io.reactivedht.testkit.sim;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.routing.RoutingTable;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.lookup.LookupEvent;
import io.reactivedht.reactor.routing.RoutingSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Builds a network of full DHT nodes on the {@link InMemoryNetwork} under virtual time ({@link
 * SimulationClock}), bootstraps it, injects faults, and measures lookups, put/get and provide/find
 * against global knowledge of the network. Deterministic for a given {@link
 * SimulationOptions#seed()}. Used by tests at about a thousand nodes and by {@code dht simulate}
 * for capacity planning.
 */
public final class Simulation {
  /** How long (simulated) one operation may take before it counts as failed. */
  private static final Duration OPERATION_LIMIT = Duration.ofMinutes(5);

  /** How many measured operations run at once: lookups, put/get pairs, provide/find pairs. */
  private static final int MEASURED_AT_ONCE = 50;

  /** How many nodes bootstrap at the same time while the network forms. */
  private static final int JOIN_WAVE = 100;

  private final SimulationOptions options;
  private final SimulationClock clock = new SimulationClock();
  private final SplittableRandom random;
  private final InMemoryNetwork network;
  private final DhtOptions dhtOptions;
  private final Map<PeerId, Dht> nodes = new LinkedHashMap<>();
  private final Map<PeerId, SimulatedTransport> transports = new HashMap<>();
  private final Set<PeerId> silent = new HashSet<>();
  private final Set<PeerId> malicious = new HashSet<>();

  /** The honest nodes the Sybils surround; the measured lookups look up their ids. */
  private final List<PeerId> victims = new ArrayList<>();

  private final Set<PeerId> sybils = new HashSet<>();
  private final Consumer<String> progress;
  private final long createdNanos = System.nanoTime();

  /**
   * @param options what to build and measure
   * @param progress receives a line per phase (for a progress display); may ignore it
   */
  public Simulation(SimulationOptions options, Consumer<String> progress) {
    this.options = options;
    this.progress = progress;
    this.random = new SplittableRandom(options.seed());
    this.network =
        new InMemoryNetwork(
            clock,
            random.split(),
            NetworkConditions.ideal()
                .withLatency(LatencyModel.logNormal(options.medianRtt(), 0.5)));
    this.dhtOptions =
        DhtOptions.defaults()
            .withK(options.k())
            .withAlpha(options.alpha())
            .withBeta(Math.min(options.beta(), options.k()))
            .withDisjointPaths(Math.min(options.disjointPaths(), options.alpha()));
  }

  /**
   * Runs the whole simulation and reports what it measured.
   *
   * @return the measurements, taken after the network formed, churned and got its faults
   */
  public SimulationReport run() {
    long wallStart = System.nanoTime();
    long heapBefore = usedHeap();
    List<PeerId> sybilIds = chooseVictimsAndGrindSybils();
    boolean seeded = options.formation() == Formation.SEEDED;
    if (seeded) {
      seedNetwork(options.nodes() - sybilIds.size(), victims);
    } else {
      formNetwork(options.nodes() - sybilIds.size(), victims);
    }
    joinSybils(sybilIds);
    if (!seeded) {
      settle(); // the seeded tables are converged already
    }
    long heapPerNode = Math.max(0, (usedHeap() - heapBefore) / options.nodes());
    churn();
    injectFaults();
    if (!seeded && options.unresponsive() + options.malicious() + options.sybil() > 0) {
      // the faults are not brand new: the network has run one refresh period with them (a seeded
      // network is measured at once, its tables still holding the faulty nodes: a round of every
      // node of a large network is what the seeded formation saves)
      settle();
    }
    LookupStats lookups = measureLookups(options.lookups());
    GetStats gets = measureGets();
    double finds = measureProviders();
    return report(options.lookups(), lookups, gets, finds, heapPerNode, wallStart);
  }

  /**
   * Tells the progress consumer what a phase did, with the requests the network carried and the
   * wall time so far (the figures to watch when a large run is slow).
   */
  private void tell(String phase) {
    NetworkStats stats = network.stats();
    progress.accept(
        String.format(
            Locale.ROOT,
            "%s (%,d requests, %,d events dropped, %.0f s)",
            phase,
            stats.requestsSent(),
            stats.eventsDropped(),
            (System.nanoTime() - createdNanos) / 1e9));
  }

  private SimulationReport report(
      int lookupCount,
      LookupStats s,
      GetStats gets,
      double finds,
      long heapPerNode,
      long wallStart) {
    return new SimulationReport(
        nodes.size() - silent.size(),
        lookupCount,
        s.recallMean(),
        s.successRate(),
        s.honestClosestRate(),
        s.hops().percentile(50),
        s.hops().percentile(90),
        s.rpcs().mean(),
        s.latencyMs().percentile(50),
        s.latencyMs().percentile(90),
        s.latencyMs().percentile(99),
        gets.successRate(),
        gets.quorumRate(),
        gets.correctionsMean(),
        finds,
        heapPerNode,
        (System.nanoTime() - wallStart) / 1e9,
        options.formation(),
        new LookupSamples(s.latencyMs().values(), s.hops().values(), s.rpcs().values()));
  }

  /**
   * Picks the victims (2k Sybils each) and grinds the Sybils' ids: each shares at least {@code
   * log2(nodes) + 2} leading bits with its victim's key, so it is closer to the victim than any
   * other honest node is likely to be. The victims are honest nodes, the first to join.
   */
  private List<PeerId> chooseVictimsAndGrindSybils() {
    int sybilCount = (int) Math.round(options.sybil() * options.nodes());
    if (sybilCount == 0) {
      return List.of();
    }
    int perVictim = 2 * options.k();
    int victimCount = Math.max(1, sybilCount / perVictim);
    int bits = 64 - Long.numberOfLeadingZeros(options.nodes()) + 2;
    List<PeerId> ids = new ArrayList<>();
    for (int v = 0; v < victimCount; v++) {
      victims.add(randomPeerId());
    }
    for (int i = 0; i < sybilCount; i++) {
      Key victim = victims.get(i % victimCount).key();
      PeerId id;
      do {
        id = randomPeerId();
      } while (victim.commonPrefixLength(id.key()) < bits);
      ids.add(id);
    }
    tell("ground " + sybilCount + " Sybil ids around " + victimCount + " victims");
    return ids;
  }

  /**
   * Joins the Sybils as ordinary nodes (they turn once the network formed, see {@link
   * #injectFaults}).
   */
  private void joinSybils(List<PeerId> ids) {
    List<Mono<Void>> joining = new ArrayList<>();
    List<PeerId> existing = new ArrayList<>(nodes.keySet());
    for (PeerId id : ids) {
      Dht dht = newNode(id, existing, dhtOptions);
      sybils.add(id);
      joining.add(dht.start().then(dht.bootstrap()).onErrorResume(e -> Mono.empty()));
    }
    await(Mono.when(joining).thenReturn(true));
  }

  /**
   * The nodes of the network, in join order (for tests that go beyond the built-in measurements).
   *
   * @return a snapshot, without the nodes that left by churn or came from {@link #addNode}
   */
  public List<Dht> nodes() {
    return List.copyOf(nodes.values());
  }

  /**
   * The network (for tests that inject their own faults).
   *
   * @return the network every node of this simulation runs on
   */
  public InMemoryNetwork network() {
    return network;
  }

  /**
   * Runs {@code operation} on the virtual clock until it completes or the operation limit passes.
   *
   * @param <T> the operation's value type
   * @param operation subscribed once, here; cancelled if it runs past 5 simulated minutes
   * @return its value; empty if it completed empty, failed, or ran past the limit
   */
  public <T> Optional<T> await(Mono<T> operation) {
    return await(operation, OPERATION_LIMIT);
  }

  private <T> Optional<T> await(Mono<T> operation, Duration limit) {
    AtomicReference<T> value = new AtomicReference<>();
    AtomicBoolean done = new AtomicBoolean();
    Disposable d = operation.subscribe(value::set, e -> done.set(true), () -> done.set(true));
    clock.advanceUntil(done::get, Duration.ofMillis(50), limit);
    d.dispose();
    return Optional.ofNullable(value.get());
  }

  /**
   * Joins and bootstraps {@code count} new nodes, {@link #JOIN_WAVE} at a time; each bootstraps
   * from up to three random nodes that joined before it (earlier nodes of its own wave included, so
   * no node starts alone).
   *
   * @param count how many nodes join, 0 or more
   */
  public void formNetwork(int count) {
    formNetwork(count, List.of());
  }

  /**
   * As {@link #formNetwork(int)}, the first nodes with the given ids, the others with random ones.
   */
  private void formNetwork(int count, List<PeerId> firstIds) {
    List<PeerId> existing = new ArrayList<>(nodes.keySet());
    for (int start = 0; start < count; start += JOIN_WAVE) {
      List<Mono<Void>> wave = new ArrayList<>();
      for (int i = start; i < Math.min(count, start + JOIN_WAVE); i++) {
        Dht dht =
            i < firstIds.size()
                ? newNode(firstIds.get(i), existing, dhtOptions)
                : newNode(existing, dhtOptions);
        existing.add(dht.localPeer());
        wave.add(dht.start().then(dht.bootstrap()).onErrorResume(e -> Mono.empty()));
      }
      await(Mono.when(wave).thenReturn(true));
      tell("joined " + nodes.size() + " nodes");
    }
  }

  /**
   * Starts {@code count} nodes (the first with {@code firstIds}) without bootstrapping them, each
   * from the routing table a converged network would hold ({@link Formation#SEEDED}): for every
   * bucket, up to k random peers of that bucket's range, all refreshed at the node's last refresh
   * round, a random moment of the last refresh period. The nodes' next rounds thus fall at random
   * moments of the next period, out of phase as in a network whose nodes joined at different times.
   * Each node's buckets are found in the list of all keys in order: the peers of bucket {@code b}
   * of node {@code x} share the first {@code b} bits of {@code x}'s key and differ in bit {@code
   * b}, a contiguous run of it.
   */
  private void seedNetwork(int count, List<PeerId> firstIds) {
    List<PeerId> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      PeerId id = i < firstIds.size() ? firstIds.get(i) : randomPeerId();
      transports.put(id, network.join(id));
      ids.add(id);
    }
    KeyIndex index = new KeyIndex(ids);
    Instant now = Instant.ofEpochMilli(clock.now(TimeUnit.MILLISECONDS));
    long period = dhtOptions.refreshInterval().toMillis();
    for (PeerId id : ids) {
      List<PeerInfo> peers = new ArrayList<>();
      for (PeerId peer : index.tableOf(id, options.k(), random)) {
        peers.add(new PeerInfo(peer, transportOf(peer).listenAddresses()));
      }
      Instant lastRound = now.minusMillis(random.nextLong(period));
      Map<Integer, Instant> refreshed = new HashMap<>();
      for (int cpl = 0; cpl <= RoutingTable.MAX_REFRESH_CPL; cpl++) {
        refreshed.put(cpl, lastRound);
      }
      build(id, List.of(), dhtOptions, new RoutingSnapshot(peers, refreshed)).start().subscribe();
      if (nodes.size() % 10_000 == 0) {
        tell("seeded " + nodes.size() + " nodes");
      }
    }
    clock.advanceBy(Duration.ZERO);
    tell("seeded " + nodes.size() + " routing tables from global knowledge");
  }

  /**
   * Lets one routing-table refresh period pass, so every node runs its periodic refresh round once.
   */
  private void settle() {
    clock.advanceBy(DhtOptions.defaults().refreshInterval().plus(Duration.ofMinutes(1)));
    tell("ran one refresh period");
  }

  private Dht newNode(List<PeerId> existing, DhtOptions nodeOptions) {
    return newNode(randomPeerId(), existing, nodeOptions);
  }

  private Dht newNode(PeerId id, List<PeerId> existing, DhtOptions nodeOptions) {
    transports.put(id, network.join(id));
    return build(id, existing, nodeOptions, RoutingSnapshot.EMPTY);
  }

  /**
   * Builds the node of a joined transport, with three random bootstrap peers of {@code existing}.
   */
  private Dht build(
      PeerId id, List<PeerId> existing, DhtOptions nodeOptions, RoutingSnapshot table) {
    SimulatedTransport transport = transportOf(id);
    List<PeerInfo> bootstrap = new ArrayList<>();
    for (int i = 0; i < Math.min(3, existing.size()); i++) {
      PeerId peer = existing.get(random.nextInt(existing.size()));
      bootstrap.add(new PeerInfo(peer, transportOf(peer).listenAddresses()));
    }
    Dht dht =
        Dht.builder(transport)
            .options(nodeOptions)
            .scheduler(clock)
            .bootstrapPeers(bootstrap)
            .restore(table)
            .random(random.split())
            .build();
    nodes.put(id, dht);
    return dht;
  }

  private void churn() {
    int leaving = (int) Math.round(options.churn() * options.nodes());
    if (leaving == 0) {
      return;
    }
    List<PeerId> ids = new ArrayList<>(nodes.keySet());
    for (int i = 0; i < leaving; i++) {
      PeerId id = ids.remove(random.nextInt(ids.size()));
      node(id).close().subscribe();
      nodes.remove(id);
      transports.remove(id);
      network.leave(id);
    }
    formNetwork(leaving);
    tell("churn: " + leaving + " nodes left and " + leaving + " joined");
  }

  private void injectFaults() {
    if (!sybils.isEmpty()) {
      Adversary colluding =
          Adversary.colluding(
              sybils.stream()
                  .map(id -> new PeerInfo(id, transportOf(id).listenAddresses()))
                  .toList(),
              options.k());
      sybils.forEach(id -> network.setAdversary(id, colluding));
    }
    List<PeerId> ids = new ArrayList<>(nodes.keySet());
    ids.removeAll(sybils);
    ids.removeAll(victims);
    int silentCount = (int) Math.round(options.unresponsive() * ids.size());
    int maliciousCount = (int) Math.round(options.malicious() * ids.size());
    for (int i = 0; i < silentCount + maliciousCount; i++) {
      PeerId id = ids.remove(random.nextInt(ids.size()));
      if (i < silentCount) {
        silent.add(id);
        network.setUnresponsive(id, true);
      } else {
        malicious.add(id);
        network.setAdversary(id, Adversary.fabricatedCloserPeers(options.k()));
      }
    }
  }

  private List<PeerId> honestNodes() {
    return nodes.keySet().stream()
        .filter(id -> !silent.contains(id) && !malicious.contains(id) && !sybils.contains(id))
        .toList();
  }

  private PeerId pick(List<PeerId> from) {
    return from.get(random.nextInt(from.size()));
  }

  private PeerId pickOtherThan(List<PeerId> from, @Nullable PeerId excluded) {
    PeerId picked;
    do {
      picked = pick(from);
    } while (picked.equals(excluded));
    return picked;
  }

  private record LookupStats(
      double recallMean,
      double successRate,
      double honestClosestRate,
      Samples hops,
      Samples rpcs,
      Samples latencyMs) {}

  private record GetStats(double successRate, double quorumRate, double correctionsMean) {}

  /**
   * Makes a further share of the nodes unresponsive, picked among the honest ones, then measures
   * {@code lookups} lookups (gets and provider searches are not measured: their rates are NaN).
   *
   * @param share how many nodes to silence, as a fraction of all nodes; at most the honest share
   * @param lookups how many closest-peer lookups to measure
   * @return the lookup measurements; the get and provider rates NaN, the heap per node 0
   */
  public SimulationReport silenceAndMeasure(double share, int lookups) {
    long wallStart = System.nanoTime();
    List<PeerId> honest = new ArrayList<>(honestNodes());
    int count = (int) Math.round(share * nodes.size());
    for (int i = 0; i < count; i++) {
      PeerId id = honest.remove(random.nextInt(honest.size()));
      silent.add(id);
      network.setUnresponsive(id, true);
    }
    return report(
        lookups,
        measureLookups(lookups),
        new GetStats(Double.NaN, Double.NaN, Double.NaN),
        Double.NaN,
        0,
        wallStart);
  }

  /**
   * Joins one more node with other options (e.g. a client), bootstrapped from three random servers;
   * it is not counted among the measured servers.
   *
   * @param nodeOptions the new node's options, e.g. with {@link
   *     io.reactivedht.reactor.config.Mode#CLIENT}
   * @return the node, started and bootstrapped (a failed or unfinished bootstrap is ignored)
   */
  public Dht addNode(DhtOptions nodeOptions) {
    Dht dht = newNode(new ArrayList<>(nodes.keySet()), nodeOptions);
    nodes.remove(dht.localPeer());
    await(dht.start().then(dht.bootstrap()).thenReturn(true));
    return dht;
  }

  /**
   * The transport of a node, to send raw requests in tests.
   *
   * @param node a node of this simulation that has not left, one from {@link #addNode} included
   * @return its transport
   */
  public SimulatedTransport transportOf(PeerId node) {
    SimulatedTransport transport = transports.get(node);
    if (transport == null) {
      throw new IllegalArgumentException("not a node of this simulation: " + node);
    }
    return transport;
  }

  private Dht node(PeerId id) {
    return Objects.requireNonNull(nodes.get(id), "node");
  }

  /** What one measured lookup found, against the truth of global knowledge. */
  private record LookupOutcome(
      double recall,
      boolean complete,
      boolean honestClosestFound,
      LookupEvent.@Nullable Finished finished,
      double latencyMs) {}

  /**
   * Runs {@code count} lookups from random honest nodes, {@link #MEASURED_AT_ONCE} at a time (so
   * that the background maintenance of a large network runs for seconds of simulated time, not
   * minutes), each for a random key, or a victim's id when there are Sybils.
   */
  private LookupStats measureLookups(int count) {
    List<PeerId> honest = honestNodes();
    List<PeerId> answering = nodes.keySet().stream().filter(id -> !silent.contains(id)).toList();
    List<Mono<LookupOutcome>> lookups = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      PeerId victim = victims.isEmpty() ? null : victims.get(i % victims.size());
      Dht from = node(pickOtherThan(honest, victim));
      byte[] key = victim == null ? randomBytes(32) : victim.bytes();
      Key target = Key.of(key);
      Set<PeerId> truth = closest(answering, target, from.localPeer(), options.k());
      PeerId honestClosest =
          honest.stream()
              .filter(id -> !id.equals(from.localPeer()))
              .min(Comparator.comparing(PeerId::key, target.byDistance()))
              .orElseThrow();
      lookups.add(measureLookup(from, key, truth, honestClosest));
    }
    List<LookupOutcome> outcomes = awaitAll(lookups);
    Samples hops = new Samples();
    Samples rpcs = new Samples();
    Samples latency = new Samples();
    for (LookupOutcome outcome : outcomes) {
      if (outcome.finished() != null) {
        hops.add(outcome.finished().hops());
        rpcs.add(outcome.finished().stats().contacted());
      }
      latency.add(outcome.latencyMs());
    }
    tell("measured " + count + " lookups");
    int n = Math.max(1, count);
    return new LookupStats(
        outcomes.stream().mapToDouble(LookupOutcome::recall).sum() / n,
        (double) outcomes.stream().filter(LookupOutcome::complete).count() / n,
        (double) outcomes.stream().filter(LookupOutcome::honestClosestFound).count() / n,
        hops,
        rpcs,
        latency);
  }

  private Mono<LookupOutcome> measureLookup(
      Dht from, byte[] key, Set<PeerId> truth, PeerId honestClosest) {
    return Mono.defer(
        () -> {
          long start = clock.now(TimeUnit.NANOSECONDS);
          return from.lookup(key)
              .ofType(LookupEvent.Finished.class)
              .next()
              .timeout(OPERATION_LIMIT, clock)
              .map(Optional::of)
              .onErrorReturn(Optional.empty())
              .defaultIfEmpty(Optional.empty())
              .map(
                  finished -> {
                    List<PeerInfo> found =
                        finished.map(LookupEvent.Finished::closest).orElse(List.of());
                    long hits = found.stream().filter(p -> truth.contains(p.id())).count();
                    return new LookupOutcome(
                        (double) hits / truth.size(),
                        hits == truth.size(),
                        found.stream().anyMatch(p -> p.id().equals(honestClosest)),
                        finished.orElse(null),
                        (clock.now(TimeUnit.NANOSECONDS) - start) / 1e6);
                  });
        });
  }

  /**
   * Runs the operations {@link #MEASURED_AT_ONCE} at a time on the virtual clock and collects their
   * values; each should end within {@link #OPERATION_LIMIT}.
   */
  private <T> List<T> awaitAll(List<Mono<T>> operations) {
    int batches = (operations.size() + MEASURED_AT_ONCE - 1) / MEASURED_AT_ONCE;
    return await(
            Flux.fromIterable(operations).flatMap(op -> op, MEASURED_AT_ONCE).collectList(),
            OPERATION_LIMIT.multipliedBy(batches + 1L))
        .orElse(List.of());
  }

  /** The {@code k} peers of {@code among} closest to {@code target}, {@code excluded} left out. */
  private static Set<PeerId> closest(List<PeerId> among, Key target, PeerId excluded, int k) {
    Comparator<PeerId> byDistance = Comparator.comparing(PeerId::key, target.byDistance());
    PriorityQueue<PeerId> farthestFirst = new PriorityQueue<>(k + 1, byDistance.reversed());
    for (PeerId id : among) {
      if (id.equals(excluded)) {
        continue;
      }
      if (farthestFirst.size() < k) {
        farthestFirst.add(id);
      } else if (byDistance.compare(id, farthestFirst.element()) < 0) {
        farthestFirst.poll();
        farthestFirst.add(id);
      }
    }
    return new HashSet<>(farthestFirst);
  }

  /**
   * Puts an IPNS record from one honest node and resolves it from another with the IPNS quorum (at
   * most k): whether the value came back, whether the quorum of valid records was met, and how many
   * correction PUTs followed.
   */
  private GetStats measureGets() {
    if (options.valueOps() == 0) {
      return new GetStats(1, 1, 0);
    }
    List<PeerId> honest = honestNodes();
    int quorum = Math.min(dhtOptions.ipnsQuorum(), options.k());
    Instant now = Instant.ofEpochMilli(clock.now(TimeUnit.MILLISECONDS));
    List<Mono<GetOutcome>> pairs = new ArrayList<>();
    for (int i = 0; i < options.valueOps(); i++) {
      Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(randomBytes(32));
      byte[] routingKey = new IpnsName(PeerId.fromPublicKey(key.publicKey())).routingKey();
      byte[] value =
          ("/ipfs/bafkreihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc" + i)
              .getBytes(StandardCharsets.UTF_8);
      byte[] record =
          IpnsRecord.create(
                  key, value, 1, now.plus(Duration.ofHours(24)), Duration.ofMinutes(5), false)
              .encode();
      Dht publisher = node(pick(honest));
      Dht reader = node(pick(honest));
      pairs.add(
          publisher
              .putValue(routingKey, record)
              .onErrorResume(e -> Mono.empty())
              .then(reader.resolve(routingKey, quorum))
              .flatMap(
                  got ->
                      got.corrections()
                          .count()
                          .map(
                              corrections ->
                                  new GetOutcome(
                                      Arrays.equals(got.record().value(), record),
                                      got.received() >= quorum,
                                      corrections)))
              .timeout(OPERATION_LIMIT, clock)
              .onErrorResume(e -> Mono.empty())
              .defaultIfEmpty(new GetOutcome(false, false, 0)));
    }
    List<GetOutcome> outcomes = awaitAll(pairs);
    tell("measured " + options.valueOps() + " put/get pairs");
    double n = options.valueOps();
    return new GetStats(
        outcomes.stream().filter(GetOutcome::found).count() / n,
        outcomes.stream().filter(GetOutcome::quorumMet).count() / n,
        outcomes.stream().mapToLong(GetOutcome::corrections).sum() / n);
  }

  /** What one put/get pair gave: the value back, the quorum met, the correction PUTs. */
  private record GetOutcome(boolean found, boolean quorumMet, long corrections) {}

  private double measureProviders() {
    if (options.providerOps() == 0) {
      return 1;
    }
    List<PeerId> honest = honestNodes();
    List<Mono<Boolean>> pairs = new ArrayList<>();
    for (int i = 0; i < options.providerOps(); i++) {
      Cid cid = Cid.v1(Cid.RAW, Multihash.sha256(randomBytes(32)));
      Dht provider = node(pick(honest));
      Dht seeker = node(pick(honest));
      pairs.add(
          provider
              .provide(cid)
              .onErrorResume(e -> Mono.empty())
              .then(
                  seeker
                      .findProviders(cid)
                      .filter(p -> p.id().equals(provider.localPeer()))
                      .hasElements())
              .timeout(OPERATION_LIMIT, clock)
              .onErrorReturn(false));
    }
    long found = awaitAll(pairs).stream().filter(Boolean::booleanValue).count();
    tell("measured " + options.providerOps() + " provide/find pairs");
    return (double) found / options.providerOps();
  }

  private PeerId randomPeerId() {
    return PeerId.fromBytes(Multihash.sha256(randomBytes(32)).bytes());
  }

  private byte[] randomBytes(int n) {
    byte[] out = new byte[n];
    random.nextBytes(out);
    return out;
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    System.gc(); // a full, compacting collection (G1 and Parallel): once is enough
    return rt.totalMemory() - rt.freeMemory();
  }

  /** A growable list of samples with percentiles. */
  private static final class Samples {
    private double[] values = new double[64];
    private int size;

    void add(double v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    double mean() {
      return size == 0 ? 0 : Arrays.stream(values, 0, size).sum() / size;
    }

    /** The values added, in order. */
    List<Double> values() {
      return Arrays.stream(values, 0, size).boxed().toList();
    }

    double percentile(int p) {
      if (size == 0) {
        return 0;
      }
      double[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      int index = (int) Math.ceil(p / 100.0 * size) - 1;
      return sorted[Math.max(0, Math.min(size - 1, index))];
    }
  }
}

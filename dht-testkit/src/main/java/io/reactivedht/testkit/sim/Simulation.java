package io.reactivedht.testkit.sim;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.lookup.LookupEvent;
import io.reactivedht.reactor.value.ValueResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
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

  /** How many nodes bootstrap at the same time while the network forms. */
  private static final int JOIN_WAVE = 100;

  private final SimulationOptions options;
  private final SimulationClock clock = new SimulationClock();
  private final SplittableRandom random;
  private final InMemoryNetwork network;
  private final DhtOptions dhtOptions;
  private final Map<PeerId, Dht> nodes = new LinkedHashMap<>();
  private final Map<PeerId, SimulatedTransport> transports = new java.util.HashMap<>();
  private final Set<PeerId> silent = new HashSet<>();
  private final Set<PeerId> malicious = new HashSet<>();

  /** The honest nodes the Sybils surround; the measured lookups look up their ids. */
  private final List<PeerId> victims = new ArrayList<>();

  private final Set<PeerId> sybils = new HashSet<>();
  private final Consumer<String> progress;

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
    if (options.formation() == Formation.SEEDED) {
      seedNetwork(options.nodes() - sybilIds.size(), victims);
    } else {
      formNetwork(options.nodes() - sybilIds.size(), victims);
    }
    joinSybils(sybilIds);
    settle();
    long heapPerNode = Math.max(0, (usedHeap() - heapBefore) / options.nodes());
    churn();
    injectFaults();
    if (options.unresponsive() + options.malicious() + options.sybil() > 0) {
      settle(); // the faults are not brand new: the network has run one refresh period with them
    }
    LookupStats lookups = measureLookups(options.lookups());
    GetStats gets = measureGets();
    double finds = measureProviders();
    return report(options.lookups(), lookups, gets, finds, heapPerNode, wallStart);
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
    progress.accept("ground " + sybilCount + " Sybil ids around " + victimCount + " victims");
    return ids;
  }

  /**
   * Joins the Sybils as ordinary nodes (they turn once the network formed, see {@link
   * #injectFaults}).
   */
  private void joinSybils(List<PeerId> ids) {
    List<Mono<Void>> joining = new ArrayList<>();
    for (PeerId id : ids) {
      Dht dht = newNode(id, new ArrayList<>(nodes.keySet()), dhtOptions);
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
    AtomicReference<T> value = new AtomicReference<>();
    AtomicBoolean done = new AtomicBoolean();
    Disposable d = operation.subscribe(value::set, e -> done.set(true), () -> done.set(true));
    long deadline = clock.now(TimeUnit.NANOSECONDS) + OPERATION_LIMIT.toNanos();
    while (!done.get() && clock.now(TimeUnit.NANOSECONDS) < deadline) {
      clock.advanceBy(Duration.ofMillis(50));
    }
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
    for (int start = 0; start < count; start += JOIN_WAVE) {
      List<Mono<Void>> wave = new ArrayList<>();
      for (int i = start; i < Math.min(count, start + JOIN_WAVE); i++) {
        List<PeerId> existing = new ArrayList<>(nodes.keySet());
        Dht dht =
            i < firstIds.size()
                ? newNode(firstIds.get(i), existing, dhtOptions)
                : newNode(existing, dhtOptions);
        wave.add(dht.start().then(dht.bootstrap()).onErrorResume(e -> Mono.empty()));
      }
      await(Mono.when(wave).thenReturn(true));
      progress.accept("joined " + nodes.size() + " nodes");
    }
  }

  /**
   * Starts {@code count} nodes (the first with {@code firstIds}) without bootstrapping them, then
   * gives each routing table, for every bucket, up to k random peers of that bucket's range, as a
   * converged network's tables hold them ({@link Formation#SEEDED}). Each node's buckets are found
   * in the list of all keys in order: the peers of bucket {@code b} of node {@code x} share the
   * first {@code b} bits of {@code x}'s key and differ in bit {@code b}, a contiguous run of it.
   */
  private void seedNetwork(int count, List<PeerId> firstIds) {
    List<Mono<Void>> starting = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Dht dht =
          i < firstIds.size()
              ? newNode(firstIds.get(i), List.of(), dhtOptions)
              : newNode(randomPeerId(), List.of(), dhtOptions);
      starting.add(dht.start());
    }
    await(Mono.when(starting).thenReturn(true));
    KeyIndex index = new KeyIndex(nodes.keySet());
    int seeded = 0;
    for (PeerId node : nodes.keySet()) {
      network.introduce(node, index.tableOf(node, options.k(), random));
      if (++seeded % 10_000 == 0) {
        clock.advanceBy(Duration.ZERO);
        progress.accept("seeded " + seeded + " routing tables");
      }
    }
    clock.advanceBy(Duration.ZERO);
    progress.accept("seeded " + nodes.size() + " routing tables from global knowledge");
  }

  /**
   * Lets one routing-table refresh period pass, so every node runs its periodic refresh round once.
   */
  private void settle() {
    clock.advanceBy(DhtOptions.defaults().refreshInterval().plus(Duration.ofMinutes(1)));
    progress.accept("ran one refresh period");
  }

  private Dht newNode(List<PeerId> existing, DhtOptions nodeOptions) {
    return newNode(randomPeerId(), existing, nodeOptions);
  }

  private Dht newNode(PeerId id, List<PeerId> existing, DhtOptions nodeOptions) {
    SimulatedTransport transport = network.join(id);
    transports.put(id, transport);
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
    progress.accept("churn: " + leaving + " nodes left and " + leaving + " joined");
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

  private LookupStats measureLookups(int count) {
    List<PeerId> honest = honestNodes();
    List<PeerId> answering = nodes.keySet().stream().filter(id -> !silent.contains(id)).toList();
    Samples hops = new Samples();
    Samples rpcs = new Samples();
    Samples latency = new Samples();
    double recallSum = 0;
    int complete = 0;
    int honestClosestFound = 0;
    for (int i = 0; i < count; i++) {
      PeerId victim = victims.isEmpty() ? null : victims.get(i % victims.size());
      Dht from = node(pickOtherThan(honest, victim));
      byte[] key = victim == null ? randomBytes(32) : victim.bytes();
      Key target = Key.of(key);
      Set<PeerId> truth =
          new HashSet<>(
              answering.stream()
                  .filter(id -> !id.equals(from.localPeer()))
                  .sorted(Comparator.comparing(PeerId::key, target.byDistance()))
                  .limit(options.k())
                  .toList());
      PeerId honestClosest =
          honest.stream()
              .filter(id -> !id.equals(from.localPeer()))
              .min(Comparator.comparing(PeerId::key, target.byDistance()))
              .orElseThrow();
      AtomicReference<LookupEvent.Finished> finished = new AtomicReference<>();
      Disposable watch =
          from.events()
              .ofType(DhtEvent.Lookup.class)
              .map(DhtEvent.Lookup::event)
              .ofType(LookupEvent.Finished.class)
              .subscribe(finished::set);
      long start = clock.now(TimeUnit.NANOSECONDS);
      List<PeerInfo> found = await(from.findClosestPeers(key).collectList()).orElse(List.of());
      long elapsed = clock.now(TimeUnit.NANOSECONDS) - start;
      watch.dispose();
      long hits = found.stream().filter(p -> truth.contains(p.id())).count();
      recallSum += (double) hits / truth.size();
      complete += hits == truth.size() ? 1 : 0;
      honestClosestFound += found.stream().anyMatch(p -> p.id().equals(honestClosest)) ? 1 : 0;
      if (finished.get() != null) {
        hops.add(finished.get().hops());
        rpcs.add(finished.get().stats().contacted());
      }
      latency.add(elapsed / 1e6);
    }
    progress.accept("measured " + count + " lookups");
    int n = Math.max(1, count);
    return new LookupStats(
        recallSum / n, (double) complete / n, (double) honestClosestFound / n, hops, rpcs, latency);
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
    int ok = 0;
    int quorumMet = 0;
    long corrections = 0;
    for (int i = 0; i < options.valueOps(); i++) {
      Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(randomBytes(32));
      byte[] routingKey = new IpnsName(PeerId.fromPublicKey(key.publicKey())).routingKey();
      byte[] value =
          ("/ipfs/bafkreihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc" + i)
              .getBytes(StandardCharsets.UTF_8);
      Instant now = Instant.ofEpochMilli(clock.now(TimeUnit.MILLISECONDS));
      IpnsRecord record =
          IpnsRecord.create(
              key, value, 1, now.plus(Duration.ofHours(24)), Duration.ofMinutes(5), false);
      Dht publisher = node(pick(honest));
      Dht reader = node(pick(honest));
      await(publisher.putValue(routingKey, record.encode()));
      int quorum = Math.min(dhtOptions.ipnsQuorum(), options.k());
      Optional<ValueResult> got = await(reader.resolve(routingKey, quorum));
      if (got.isPresent()) {
        if (Arrays.equals(got.get().record().value(), record.encode())) {
          ok++;
        }
        quorumMet += got.get().received() >= quorum ? 1 : 0;
        corrections += await(got.get().corrections().count()).orElse(0L);
      }
    }
    progress.accept("measured " + options.valueOps() + " put/get pairs");
    int n = options.valueOps();
    return new GetStats((double) ok / n, (double) quorumMet / n, (double) corrections / n);
  }

  private double measureProviders() {
    if (options.providerOps() == 0) {
      return 1;
    }
    List<PeerId> honest = honestNodes();
    int ok = 0;
    for (int i = 0; i < options.providerOps(); i++) {
      Cid cid = Cid.v1(Cid.RAW, Multihash.sha256(randomBytes(32)));
      Dht provider = node(pick(honest));
      Dht seeker = node(pick(honest));
      await(provider.provide(cid));
      Optional<PeerInfo> found =
          await(seeker.findProviders(cid).filter(p -> p.id().equals(provider.localPeer())).next());
      if (found.isPresent()) {
        ok++;
      }
    }
    progress.accept("measured " + options.providerOps() + " provide/find pairs");
    return (double) ok / options.providerOps();
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
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
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

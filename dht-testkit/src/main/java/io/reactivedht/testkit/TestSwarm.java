package io.reactivedht.testkit;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.validation.NamespacedValidator;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.testkit.sim.InMemoryNetwork;
import io.reactivedht.testkit.sim.LatencyModel;
import io.reactivedht.testkit.sim.NetworkConditions;
import io.reactivedht.testkit.sim.SimulatedTransport;
import io.reactivedht.testkit.sim.SimulationClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A swarm of started DHT server nodes on one {@link InMemoryNetwork} in this JVM, to test code that
 * uses a {@link Dht}. Each node joins and bootstraps through the first nodes, then every node
 * bootstraps once more, so that the routing tables hold the whole swarm (up to k per bucket).
 *
 * <p>Two clocks: {@linkplain #virtualTime virtual time} (a {@link SimulationClock} that moves only
 * in {@link #await} and {@link #advanceBy}: runs are repeatable for a seed and simulated hours cost
 * no wall time) or {@linkplain #realTime real time} (a scheduler of two threads; the code under
 * test may use its own timers). Links take 1 ms unless the {@linkplain #builder builder} is given
 * other {@link NetworkConditions}.
 *
 * <pre>{@code
 * try (TestSwarm swarm = TestSwarm.virtualTime(50)) {
 *   swarm.await(swarm.node(0).provide(cid));
 *   List<PeerInfo> providers =
 *       swarm.await(swarm.node(49).findProviders(cid).collectList()).orElseThrow();
 * }
 * }</pre>
 */
public final class TestSwarm implements AutoCloseable {
  /** How long {@link #await} waits, in the swarm's time. */
  private static final Duration AWAIT_LIMIT = Duration.ofMinutes(5);

  /** How far the virtual clock moves between checks in {@link #await}. */
  private static final Duration STEP = Duration.ofMillis(10);

  /** How many of the first nodes the others bootstrap through. */
  private static final int SEEDS = 3;

  private final @Nullable SimulationClock clock;
  private final Scheduler scheduler;
  private final InMemoryNetwork network;
  private final DhtOptions options;
  private final NamespacedValidator validator;
  private final SplittableRandom random;
  private final List<Dht> nodes = new ArrayList<>();
  private final List<SimulatedTransport> transports = new ArrayList<>();
  private final List<PeerInfo> seeds = new ArrayList<>();

  private TestSwarm(Builder builder, boolean virtual) {
    this.clock = virtual ? new SimulationClock() : null;
    this.scheduler = clock != null ? clock : Schedulers.newParallel("dht-test-swarm", 2, true);
    this.random = new SplittableRandom(builder.seed);
    this.network = new InMemoryNetwork(scheduler, random.split(), builder.conditions);
    this.options = builder.options;
    this.validator = builder.validator;
  }

  /**
   * A swarm of {@code nodes} server nodes under virtual time, with the default options and seed 1.
   *
   * @param nodes how many, at least 1
   * @return the swarm, formed
   */
  public static TestSwarm virtualTime(int nodes) {
    return builder(nodes).virtualTime();
  }

  /**
   * A swarm of {@code nodes} server nodes in real time, with the default options.
   *
   * @param nodes how many, at least 1
   * @return the swarm, formed (this call blocks while it forms)
   */
  public static TestSwarm realTime(int nodes) {
    return builder(nodes).realTime();
  }

  /**
   * A builder of a swarm with other options, network conditions, validator or seed.
   *
   * @param nodes how many nodes the swarm starts with, at least 1
   * @return a builder with the defaults of {@link #virtualTime(int)}
   */
  public static Builder builder(int nodes) {
    if (nodes < 1) {
      throw new IllegalArgumentException("a swarm needs at least one node, got " + nodes);
    }
    return new Builder(nodes);
  }

  /**
   * Joins the nodes one by one, each bootstrapping through the first ones, then bootstraps them all
   * once more so that the first nodes learn of the later ones. A failed bootstrap (a lossy network)
   * is left to the second round and the nodes' own maintenance.
   */
  private TestSwarm form(int count) {
    try {
      for (int i = 0; i < count; i++) {
        Dht dht = newNode(options);
        await(i == 0 ? dht.start() : dht.start().then(quietly(dht.bootstrap())));
      }
      await(Flux.fromIterable(nodes).flatMap(dht -> quietly(dht.bootstrap())).then());
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private static Mono<Void> quietly(Mono<Void> bootstrap) {
    return bootstrap.onErrorResume(e -> Mono.empty());
  }

  private Dht newNode(DhtOptions nodeOptions) {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    PeerId id = PeerId.fromPublicKey(Ed25519PrivateKey.fromSeed(seed).publicKey());
    SimulatedTransport transport = network.join(id, nodeOptions.protocolId());
    Dht dht =
        Dht.builder(transport)
            .options(nodeOptions)
            .validator(validator)
            .scheduler(scheduler)
            .bootstrapPeers(List.copyOf(seeds))
            .random(random.split())
            .build();
    nodes.add(dht);
    transports.add(transport);
    if (seeds.size() < SEEDS) {
      seeds.add(new PeerInfo(id, transport.listenAddresses()));
    }
    return dht;
  }

  /**
   * The nodes, in the order they joined.
   *
   * @return a snapshot, with the nodes from {@link #addNode}
   */
  public List<Dht> nodes() {
    return List.copyOf(nodes);
  }

  /**
   * One node.
   *
   * @param index from 0, in join order
   * @return that node
   */
  public Dht node(int index) {
    return nodes.get(index);
  }

  /**
   * Joins one more node, e.g. a client ({@link io.reactivedht.reactor.config.Mode#CLIENT}) for the
   * code under test, and bootstraps it through the first nodes.
   *
   * @param nodeOptions its options
   * @return the node, started and bootstrapped
   */
  public Dht addNode(DhtOptions nodeOptions) {
    Dht dht = newNode(nodeOptions);
    await(dht.start().then(dht.bootstrap()));
    return dht;
  }

  /**
   * Runs {@code operation} to its end: in virtual time by moving the clock until it completes, in
   * real time by blocking (so never call it from a Reactor thread).
   *
   * @param <T> the operation's value type
   * @param operation subscribed once, here
   * @return its value, or empty if it completed empty
   * @throws RuntimeException the operation's error (a checked one wrapped, as {@link Mono#block()}
   *     does)
   * @throws IllegalStateException if it has not ended within 5 minutes of the swarm's time
   */
  public <T> Optional<T> await(Mono<T> operation) {
    if (clock == null) {
      return operation.blockOptional(AWAIT_LIMIT);
    }
    AtomicReference<@Nullable T> value = new AtomicReference<>();
    AtomicReference<@Nullable Throwable> error = new AtomicReference<>();
    AtomicBoolean done = new AtomicBoolean();
    Disposable subscription =
        operation.subscribe(
            value::set,
            e -> {
              error.set(e);
              done.set(true);
            },
            () -> done.set(true));
    clock.advanceBy(Duration.ZERO);
    boolean finished = clock.advanceUntil(done::get, STEP, AWAIT_LIMIT);
    subscription.dispose();
    Throwable failure = error.get();
    if (failure != null) {
      throw Exceptions.propagate(failure);
    }
    if (!finished) {
      throw new IllegalStateException(
          "not done within " + AWAIT_LIMIT + " of virtual time", new TimeoutException());
    }
    return Optional.ofNullable(value.get());
  }

  /**
   * Moves virtual time forward, running everything due (maintenance, expiry, the code under test's
   * timers on {@link #scheduler()}).
   *
   * @param duration how far
   * @throws IllegalStateException on a real-time swarm
   */
  public void advanceBy(Duration duration) {
    if (clock == null) {
      throw new IllegalStateException("a real-time swarm cannot move its clock");
    }
    clock.advanceBy(duration);
  }

  /**
   * The network, to make nodes leave, go silent, refuse or misbehave.
   *
   * @return the network every node runs on
   */
  public InMemoryNetwork network() {
    return network;
  }

  /**
   * The scheduler the nodes and the network run on; the code under test may use it too (in virtual
   * time, its delays then move with the swarm's clock).
   *
   * @return the virtual clock or the real-time scheduler
   */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** Stops every node, takes it off the network and disposes the scheduler. */
  @Override
  public void close() {
    nodes.forEach(dht -> dht.close().subscribe());
    transports.forEach(transport -> transport.close().subscribe());
    scheduler.dispose();
  }

  /**
   * The settings of a swarm to start; start it with {@link #virtualTime()} or {@link #realTime()}.
   */
  public static final class Builder {
    private final int nodes;
    private DhtOptions options = DhtOptions.defaults();
    private NetworkConditions conditions =
        NetworkConditions.ideal().withLatency(LatencyModel.constant(Duration.ofMillis(1)));
    private NamespacedValidator validator = NamespacedValidator.defaults();
    private long seed = 1;

    private Builder(int nodes) {
      this.nodes = nodes;
    }

    /**
     * The options of every node.
     *
     * @param options e.g. another k or protocol id; {@link DhtOptions#defaults()} unless set
     * @return this builder
     */
    public Builder options(DhtOptions options) {
      this.options = options;
      return this;
    }

    /**
     * The network's latency, loss and connection limit.
     *
     * @param conditions {@link NetworkConditions#ideal()} with 1 ms links unless set
     * @return this builder
     */
    public Builder conditions(NetworkConditions conditions) {
      this.conditions = conditions;
      return this;
    }

    /**
     * The record validator of every node, e.g. one that also accepts the code under test's own
     * namespace.
     *
     * @param validator {@link NamespacedValidator#defaults()} unless set
     * @return this builder
     */
    public Builder validator(NamespacedValidator validator) {
      this.validator = validator;
      return this;
    }

    /**
     * The seed of the node identities and every random choice of the nodes and the network.
     *
     * @param seed 1 unless set; in virtual time, one seed gives one run
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Forms the swarm under virtual time.
     *
     * @return the swarm, formed
     */
    public TestSwarm virtualTime() {
      return new TestSwarm(this, true).form(nodes);
    }

    /**
     * Forms the swarm in real time, blocking while it forms.
     *
     * @return the swarm, formed
     */
    public TestSwarm realTime() {
      return new TestSwarm(this, false).form(nodes);
    }
  }
}

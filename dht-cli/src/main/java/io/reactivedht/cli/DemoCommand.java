package io.reactivedht.cli;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.RsaPrivateKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.value.PutResult;
import io.reactivedht.testkit.sim.InMemoryNetwork;
import io.reactivedht.testkit.sim.LatencyModel;
import io.reactivedht.testkit.sim.NetworkConditions;
import io.reactivedht.testkit.sim.SimulatedTransport;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code dht demo}: a local swarm doing every DHT operation once, each step printed with its result
 * and timing. The nodes run the full libp2p stack over TCP on loopback (or the in-memory network
 * with {@code --in-memory}).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start a swarm of DHT nodes over TCP on 127.0.0.1 with the full libp2p stack (Noise, Yamux, "
          + "identify), bootstrap them, and show every operation with its result and timing: IPNS publish/resolve "
          + "with quorum, a /pk record, providers, peer routing. No setup, no network access.",
      "Exits 0 if every step succeeded."
    })
final class DemoCommand implements Callable<Integer> {
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

  @Spec CommandSpec spec;

  @Option(
      names = "--nodes",
      paramLabel = "N",
      defaultValue = "20",
      description = "nodes in the swarm, at least 8 (default ${DEFAULT-VALUE})")
  int count;

  @Option(
      names = "--in-memory",
      description = "run the nodes on the in-memory simulated network instead of TCP")
  boolean inMemory;

  @Option(
      names = {"-v", "--verbose"},
      description = "log what the nodes do (java.util.logging FINE) to stderr")
  void verbose(boolean on) {
    if (on) {
      NodeOptions.enableLogging(java.util.logging.Level.FINE);
    }
  }

  private int failures;
  private PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8); // see call()

  @Override
  public Integer call() {
    if (count < 8) {
      throw new ParameterException(
          spec.commandLine(),
          "must be at least 8, got " + count,
          spec.findOption("--nodes"),
          String.valueOf(count));
    }
    out = spec.commandLine().getOut();
    Scheduler scheduler = Schedulers.newParallel("dht-demo", 2, true);
    List<Libp2pTransport> transports = new ArrayList<>();
    long start = System.nanoTime();
    List<Dht> nodes;
    if (inMemory) {
      InMemoryNetwork network =
          new InMemoryNetwork(
              scheduler,
              new SplittableRandom(1),
              NetworkConditions.ideal().withLatency(LatencyModel.constant(Duration.ofMillis(2))));
      nodes =
          step(
              "start " + count + " nodes and bootstrap them (in-memory network)",
              () -> startSwarm(network, scheduler),
              DemoCommand::describeSwarm);
    } else {
      nodes =
          step(
              "start "
                  + count
                  + " nodes on 127.0.0.1 over TCP (libp2p: Noise, Yamux, identify) and bootstrap "
                  + "each through the first",
              () -> startTcpSwarm(scheduler, transports),
              DemoCommand::describeSwarm);
    }
    if (nodes != null) {
      ipns(nodes);
      publicKeyRecord(nodes);
      providers(nodes);
      findPeer(nodes);
      nodes.forEach(d -> d.close().block());
    }
    Flux.fromIterable(transports)
        .flatMap(Libp2pTransport::close)
        .then()
        .timeout(Duration.ofSeconds(10))
        .onErrorResume(e -> reactor.core.publisher.Mono.empty())
        .block();
    scheduler.dispose();
    int succeeded = nodes == null ? 0 : 5 - failures;
    out.printf(
        "%n%s: %d of 5 steps succeeded in %d ms%n",
        succeeded == 5 ? "OK" : "FAILED", succeeded, (System.nanoTime() - start) / 1_000_000);
    out.flush();
    return succeeded == 5 ? 0 : 1;
  }

  private static String describeSwarm(List<Dht> swarm) {
    return "routing tables hold "
        + swarm.stream().mapToInt(d -> d.routingTablePeers().size()).min().orElse(0)
        + " to "
        + swarm.stream().mapToInt(d -> d.routingTablePeers().size()).max().orElse(0)
        + " peers";
  }

  private List<Dht> startTcpSwarm(Scheduler scheduler, List<Libp2pTransport> transports) {
    List<Dht> nodes = new ArrayList<>();
    List<PeerInfo> first = new ArrayList<>();
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < count; i++) {
      Libp2pTransport transport =
          Libp2pTransport.start(Libp2pOptions.defaults(Ed25519PrivateKey.generate(random)))
              .blockOptional(STEP_TIMEOUT)
              .orElseThrow();
      transports.add(transport);
      Dht dht = Dht.builder(transport).scheduler(scheduler).bootstrapPeers(first).build();
      dht.start().block();
      if (!first.isEmpty()) {
        dht.bootstrap().block(STEP_TIMEOUT);
      }
      nodes.add(dht);
      if (first.isEmpty()) {
        first.add(new PeerInfo(transport.localPeer(), transport.listenAddresses()));
      }
    }
    Flux.fromIterable(nodes)
        .flatMap(Dht::bootstrap)
        .then()
        .block(STEP_TIMEOUT); // second round: everyone knows everyone
    return nodes;
  }

  private List<Dht> startSwarm(InMemoryNetwork network, Scheduler scheduler) {
    List<Dht> nodes = new ArrayList<>();
    List<PeerInfo> seeds = new ArrayList<>();
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < count; i++) {
      PeerId id = PeerId.fromPublicKey(Ed25519PrivateKey.generate(random).publicKey());
      SimulatedTransport transport = network.join(id);
      Dht dht = Dht.builder(transport).scheduler(scheduler).bootstrapPeers(seeds).build();
      dht.start().block();
      if (!seeds.isEmpty()) {
        dht.bootstrap().block(STEP_TIMEOUT);
      }
      nodes.add(dht);
      if (seeds.size() < 3) {
        seeds.add(new PeerInfo(id, transport.listenAddresses()));
      }
    }
    Flux.fromIterable(nodes)
        .flatMap(Dht::bootstrap)
        .then()
        .block(STEP_TIMEOUT); // second round: everyone knows everyone
    return nodes;
  }

  private void ipns(List<Dht> nodes) {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(new SecureRandom());
    IpnsName name = new IpnsName(PeerId.fromPublicKey(key.publicKey()));
    byte[] value =
        "/ipfs/bafkreihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc7y"
            .getBytes(StandardCharsets.UTF_8);
    IpnsRecord record =
        IpnsRecord.create(
            key, value, 1, Instant.now().plus(Duration.ofHours(24)), Duration.ofMinutes(5), true);
    int quorum = Math.min(nodes.get(0).options().ipnsQuorum(), count / 2);
    Record resolved =
        step(
            "publish IPNS name "
                + name
                + " and resolve it from another node (quorum "
                + quorum
                + ")",
            () -> {
              PutResult put =
                  nodes.get(1).putValue(name.routingKey(), record.encode()).block(STEP_TIMEOUT);
              if (put == null || put.acceptedCount() == 0) {
                throw new IllegalStateException("no peer accepted the record");
              }
              return nodes
                  .get(nodes.size() - 1)
                  .getValue(name.routingKey(), quorum)
                  .block(STEP_TIMEOUT);
            },
            r ->
                "resolved to "
                    + IpnsRecord.decode(r.value()).path()
                    + " (sequence "
                    + IpnsRecord.decode(r.value()).sequence()
                    + ")");
    check(resolved != null && Arrays.equals(resolved.value(), record.encode()));
  }

  private void publicKeyRecord(List<Dht> nodes) {
    Supplier<@Nullable Record> run =
        () -> {
          RsaPrivateKey key = RsaPrivateKey.generate(2048, new SecureRandom());
          PeerId owner = PeerId.fromPublicKey(key.publicKey());
          byte[] routingKey = concat("/pk/".getBytes(StandardCharsets.UTF_8), owner.bytes());
          nodes.get(2).putValue(routingKey, key.publicKey().encoded()).block(STEP_TIMEOUT);
          return nodes.get(3).getValue(routingKey, 1).block(STEP_TIMEOUT);
        };
    Record found =
        step(
            "store the /pk record of an RSA key (its peer id is a hash) and fetch it from another node",
            run,
            r -> "fetched a " + r.value().length + "-byte public key");
    check(found != null);
  }

  private void providers(List<Dht> nodes) {
    Cid cid =
        Cid.v1(
            Cid.RAW, Multihash.sha256("hello from reactive-dht".getBytes(StandardCharsets.UTF_8)));
    List<PeerInfo> found =
        step(
            "provide " + cid + " from two nodes and stream its providers from a third",
            () -> {
              nodes.get(4).provide(cid).block(STEP_TIMEOUT);
              nodes.get(5).provide(cid).block(STEP_TIMEOUT);
              return nodes
                  .get(nodes.size() - 2)
                  .findProviders(cid)
                  .doOnNext(p -> out.println("      provider " + p.id() + " " + p.addresses()))
                  .take(2)
                  .collectList()
                  .block(STEP_TIMEOUT);
            },
            list -> list.size() + " providers found");
    check(found != null && found.size() == 2);
  }

  private void findPeer(List<Dht> nodes) {
    PeerId target = nodes.get(6).localPeer();
    PeerInfo found =
        step(
            "find the addresses of peer " + target,
            () -> nodes.get(nodes.size() - 3).findPeer(target).block(STEP_TIMEOUT),
            p -> "found at " + p.addresses());
    check(found != null && found.id().equals(target));
  }

  private <T> @Nullable T step(
      String title, Supplier<@Nullable T> action, java.util.function.Function<T, String> describe) {
    out.println("- " + title);
    out.flush();
    long start = System.nanoTime();
    try {
      T result = action.get();
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (result == null) {
        out.printf("  FAILED after %d ms: no result%n", ms);
        return null;
      }
      out.printf("  ok in %d ms: %s%n", ms, describe.apply(result));
      out.flush();
      return result;
    } catch (RuntimeException e) {
      out.printf(
          "  FAILED after %d ms: %s%n",
          (System.nanoTime() - start) / 1_000_000, Errors.describe(e));
      out.flush();
      return null;
    }
  }

  private void check(boolean ok) {
    if (!ok) {
      failures++;
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

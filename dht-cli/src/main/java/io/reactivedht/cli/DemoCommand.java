package io.reactivedht.cli;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.RsaPrivateKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peer.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.PutResult;
import io.reactivedht.reactor.sim.InMemoryNetwork;
import io.reactivedht.reactor.sim.LatencyModel;
import io.reactivedht.reactor.sim.NetworkConditions;
import io.reactivedht.reactor.sim.SimulatedTransport;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code dht demo}: a local swarm doing every DHT operation once, each step printed with its result and timing.
 * The nodes run on the in-memory network until the libp2p transport lands.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run a local DHT swarm and show every operation: IPNS, /pk records, providers, peer routing.")
final class DemoCommand implements Callable<Integer> {
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

  @Option(names = "--nodes", defaultValue = "20", description = "nodes in the swarm (default ${DEFAULT-VALUE})")
  int count;

  private int failures;

  @Override
  public Integer call() {
    if (count < 4) {
      System.err.println("dht demo: --nodes must be at least 4");
      return 2;
    }
    Scheduler scheduler = Schedulers.newParallel("dht-demo", 2, true);
    InMemoryNetwork network = new InMemoryNetwork(scheduler, new SplittableRandom(1),
        NetworkConditions.ideal().withLatency(LatencyModel.constant(Duration.ofMillis(2))));
    long start = System.nanoTime();
    List<Dht> nodes = step("start " + count + " nodes and bootstrap them (in-memory network)",
        () -> startSwarm(network, scheduler),
        swarm -> "routing tables hold " + swarm.stream().mapToInt(d -> d.routingTablePeers().size()).min().orElse(0)
            + " to " + swarm.stream().mapToInt(d -> d.routingTablePeers().size()).max().orElse(0) + " peers");
    if (nodes == null) {
      return 1;
    }
    ipns(nodes);
    publicKeyRecord(nodes);
    providers(nodes);
    findPeer(nodes);
    nodes.forEach(d -> d.close().block());
    scheduler.dispose();
    System.out.printf("%n%s: %d of 5 steps succeeded in %d ms%n", failures == 0 ? "OK" : "FAILED",
        5 - failures, (System.nanoTime() - start) / 1_000_000);
    return failures == 0 ? 0 : 1;
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
    Flux.fromIterable(nodes).flatMap(Dht::bootstrap).then().block(STEP_TIMEOUT); // second round: everyone knows everyone
    return nodes;
  }

  private void ipns(List<Dht> nodes) {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(new SecureRandom());
    IpnsName name = new IpnsName(PeerId.fromPublicKey(key.publicKey()));
    byte[] value = "/ipfs/bafkreihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc7y".getBytes(StandardCharsets.UTF_8);
    IpnsRecord record = IpnsRecord.create(key, value, 1, Instant.now().plus(Duration.ofHours(24)),
        Duration.ofMinutes(5), true);
    int quorum = Math.min(nodes.get(0).options().ipnsQuorum(), count / 2);
    Record resolved = step("publish IPNS name " + name + " and resolve it from another node (quorum " + quorum + ")",
        () -> {
          PutResult put = nodes.get(1).putValue(name.routingKey(), record.encode()).block(STEP_TIMEOUT);
          if (put == null || put.acceptedCount() == 0) {
            throw new IllegalStateException("no peer accepted the record");
          }
          return nodes.get(nodes.size() - 1).getValue(name.routingKey(), quorum).block(STEP_TIMEOUT);
        },
        r -> "resolved to " + IpnsRecord.decode(r.value()).path() + " (sequence "
            + IpnsRecord.decode(r.value()).sequence() + ")");
    check(resolved != null && Arrays.equals(resolved.value(), record.encode()));
  }

  private void publicKeyRecord(List<Dht> nodes) {
    Supplier<Record> run = () -> {
      RsaPrivateKey key = RsaPrivateKey.generate(2048, new SecureRandom());
      PeerId owner = PeerId.fromPublicKey(key.publicKey());
      byte[] routingKey = concat("/pk/".getBytes(StandardCharsets.UTF_8), owner.bytes());
      nodes.get(2).putValue(routingKey, key.publicKey().encoded()).block(STEP_TIMEOUT);
      return nodes.get(3).getValue(routingKey, 1).block(STEP_TIMEOUT);
    };
    Record found = step("store the /pk record of an RSA key (its peer id is a hash) and fetch it from another node",
        run, r -> "fetched a " + r.value().length + "-byte public key");
    check(found != null);
  }

  private void providers(List<Dht> nodes) {
    Cid cid = Cid.v1(Cid.RAW, Multihash.sha256("hello from reactive-dht".getBytes(StandardCharsets.UTF_8)));
    List<PeerInfo> found = step("provide " + cid + " from two nodes and stream its providers from a third",
        () -> {
          nodes.get(4).provide(cid).block(STEP_TIMEOUT);
          nodes.get(5).provide(cid).block(STEP_TIMEOUT);
          return nodes.get(nodes.size() - 2).findProviders(cid)
              .doOnNext(p -> System.out.println("      provider " + p.id() + " " + p.addresses()))
              .take(2).collectList().block(STEP_TIMEOUT);
        },
        list -> list.size() + " providers found");
    check(found != null && found.size() == 2);
  }

  private void findPeer(List<Dht> nodes) {
    PeerId target = nodes.get(6).localPeer();
    PeerInfo found = step("find the addresses of peer " + target,
        () -> nodes.get(nodes.size() - 3).findPeer(target).block(STEP_TIMEOUT),
        p -> "found at " + p.addresses());
    check(found != null && found.id().equals(target));
  }

  private <T> T step(String title, Supplier<T> action, java.util.function.Function<T, String> describe) {
    System.out.println("- " + title);
    long start = System.nanoTime();
    try {
      T result = action.get();
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (result == null) {
        System.out.printf("  FAILED after %d ms: no result%n", ms);
        return null;
      }
      System.out.printf("  ok in %d ms: %s%n", ms, describe.apply(result));
      return result;
    } catch (RuntimeException e) {
      System.out.printf("  FAILED after %d ms: %s%n", (System.nanoTime() - start) / 1_000_000, e.getMessage());
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

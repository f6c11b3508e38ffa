package io.reactivedht.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.CaffeineProviderStore;
import io.reactivedht.core.record.CaffeineValueStore;
import io.reactivedht.core.record.ProviderStoreOptions;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.record.ValueStoreOptions;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.Dht;
import io.reactivedht.transport.KeyFile;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's crash test. A daemon in another JVM, on a RocksDB datastore, takes PUT_VALUE ({@code
 * /pk} and {@code /ipns}) and ADD_PROVIDER records from this JVM and provides and publishes content
 * of its own. It is killed with SIGKILL at a random moment while the records come in, and restarted
 * on the same datastore, round after round. After every restart it must serve every record it
 * acknowledged before any kill (a PUT_VALUE answer; for ADD_PROVIDER, which has no answer, a
 * GET_PROVIDERS that listed it), and after the last one its own CIDs and IPNS record must reach the
 * network again on schedule, without the flags that first announced them.
 */
class DaemonCrashTest {
  private static final int ROUNDS = 6;
  private static final Duration RPC = Duration.ofSeconds(10);
  private static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final String IPNS_PATH =
      "/ipfs/bafkreihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc7y";

  @TempDir Path dir;

  private final Random random = new Random(12);
  private final CaffeineValueStore observerValues =
      new CaffeineValueStore(
          ValueStoreOptions.DEFAULTS, () -> System.currentTimeMillis() * 1_000_000);
  private final CaffeineProviderStore observerProviders =
      new CaffeineProviderStore(
          ProviderStoreOptions.DEFAULTS, () -> System.currentTimeMillis() * 1_000_000);

  /** What the daemon acknowledged: value records by key, and provider keys it listed us for. */
  private final Map<String, Record> ackedValues = new ConcurrentHashMap<>();

  private final List<byte[]> ackedProviderKeys = new java.util.concurrent.CopyOnWriteArrayList<>();

  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<RuntimeException> writerEnded =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private Process daemon;

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      daemon.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @Test
  void killedAtRandomMomentsTheDaemonLosesNoAcknowledgedRecordAndKeepsAnnouncingItsOwn()
      throws Exception {
    Libp2pTransport observerTransport = transport();
    Dht observer =
        Dht.builder(observerTransport)
            .valueStore(observerValues)
            .providerStore(observerProviders)
            .build();
    observer.start().block(RPC);
    open.add(() -> observer.close().block(RPC));
    String bootstrap =
        observerTransport.listenAddresses().get(0).withPeerId(observer.localPeer()).toString();
    Libp2pTransport writer = transport();
    Cid ownA = cid("own a");
    Cid ownB = cid("own b");
    int killed = 0;

    for (int round = 0; round <= ROUNDS; round++) {
      List<String> firstRunFlags =
          round == 0
              ? List.of(
                  "--provide",
                  ownA.toString(),
                  "--provide",
                  ownB.toString(),
                  "--publish-ipns",
                  IPNS_PATH)
              : List.of();
      PeerInfo node = startDaemon(bootstrap, firstRunFlags);
      assertServesEverythingAcknowledged(writer, node, round);
      if (round == ROUNDS) {
        break;
      }
      AtomicBoolean writing = new AtomicBoolean(true);
      CompletableFuture<Void> writes =
          CompletableFuture.runAsync(() -> writeUntilStopped(writer, node, writing));
      Thread.sleep(300 + random.nextInt(1500));
      daemon.destroyForcibly(); // SIGKILL
      assertThat(daemon.waitFor(20, TimeUnit.SECONDS)).isTrue();
      killed++;
      writing.set(false);
      writes.get(60, TimeUnit.SECONDS);
    }

    assertThat(killed).isEqualTo(ROUNDS);
    assertThat(ackedValues)
        .as("records acknowledged across the kills; the writes ended with %s", writerEnded)
        .hasSizeGreaterThan(ROUNDS);
    assertThat(ackedProviderKeys).as("provider records acknowledged").isNotEmpty();
    System.out.printf(
        "DaemonCrashTest: %d value records and %d provider records acknowledged across %d SIGKILLs,"
            + " every one served after every restart%n",
        ackedValues.size(), ackedProviderKeys.size(), killed);

    // after the last restart, without --provide and --publish-ipns, the daemon announces its own
    // content again on schedule
    Instant restarted = Instant.now();
    PeerId daemonId =
        PeerId.fromPublicKey(
            KeyFile.load(dir.resolve("store").resolve("identity.key")).publicKey());
    byte[] ipnsKey = new IpnsName(daemonId).routingKey();
    await(
        "the restarted daemon reprovides its CIDs and republishes its IPNS record to the observer",
        () ->
            announcedSince(ownA, daemonId, restarted)
                && announcedSince(ownB, daemonId, restarted)
                && observerValues
                    .get(ipnsKey)
                    .filter(r -> !r.timeReceived().isBefore(restarted))
                    .isPresent());
    IpnsRecord published = IpnsRecord.decode(observerValues.get(ipnsKey).orElseThrow().value());
    assertThat(new String(published.value(), StandardCharsets.UTF_8)).isEqualTo(IPNS_PATH);
    assertThat(published.sequence()).isZero(); // republished as it was, not published anew
  }

  /** Puts records on the daemon until told to stop or the daemon dies; records what it acked. */
  private void writeUntilStopped(Libp2pTransport writer, PeerInfo node, AtomicBoolean writing) {
    int i = 0;
    while (writing.get()) {
      i++;
      try {
        Record record = i % 3 == 0 ? ipnsRecord() : pkRecord();
        DhtResponse answer = writer.send(node, new DhtRequest.PutValue(record)).block(RPC);
        if (answer instanceof DhtResponse.PutValueResponse) {
          ackedValues.put(new String(record.key(), StandardCharsets.ISO_8859_1), record);
        }
        if (i % 4 == 0) {
          byte[] key = cid("provided " + ackedProviderKeys.size() + " " + i).providerKey();
          PeerInfo self = new PeerInfo(writer.localPeer(), writer.listenAddresses());
          writer.send(node, new DhtRequest.AddProvider(key, List.of(self))).block(RPC);
          if (providersOf(writer, node, key).contains(writer.localPeer())) {
            ackedProviderKeys.add(key);
          }
        }
      } catch (RuntimeException dead) {
        writerEnded.add(dead);
        return; // killed meanwhile: what was acknowledged is what counts
      }
    }
  }

  private void assertServesEverythingAcknowledged(
      Libp2pTransport writer, PeerInfo node, int round) {
    for (Record record : ackedValues.values()) {
      DhtResponse answer = writer.send(node, new DhtRequest.GetValue(record.key())).block(RPC);
      assertThat(answer)
          .as(
              "round %d: the record under %s",
              round, new String(record.key(), StandardCharsets.UTF_8))
          .isInstanceOfSatisfying(
              DhtResponse.GetValueResponse.class,
              r -> {
                assertThat(r.record()).isNotNull();
                assertThat(r.record().value()).isEqualTo(record.value());
              });
    }
    for (byte[] key : ackedProviderKeys) {
      assertThat(providersOf(writer, node, key))
          .as("round %d: the providers of an acknowledged key", round)
          .contains(writer.localPeer());
    }
  }

  private static List<PeerId> providersOf(Libp2pTransport writer, PeerInfo node, byte[] key) {
    DhtResponse answer = writer.send(node, new DhtRequest.GetProviders(key)).block(RPC);
    return answer instanceof DhtResponse.GetProvidersResponse r
        ? r.providers().stream().map(PeerInfo::id).toList()
        : List.of();
  }

  private boolean announcedSince(Cid cid, PeerId provider, Instant since) {
    return observerProviders.providers(cid.providerKey()).stream()
        .anyMatch(r -> r.provider().equals(provider) && !r.received().isBefore(since));
  }

  private PeerInfo startDaemon(String bootstrap, List<String> extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--listen",
                "/ip4/127.0.0.1/tcp/0",
                "--bootstrap",
                bootstrap,
                "--datastore",
                dir.resolve("store").toString(),
                "--reprovide-interval",
                INTERVAL.toSeconds() + "s",
                "--republish-interval",
                INTERVAL.toSeconds() + "s",
                "--request-rate", // this test writes and reads back as fast as it can
                "0"));
    args.addAll(extra);
    DaemonProcess started =
        DaemonProcess.start(dir.resolve("daemon-" + System.nanoTime() + ".err"), args);
    daemon = started.process();
    JsonNode ready = started.ready();
    Multiaddr address = Multiaddr.parse(ready.get("addrs").get(0).asText());
    return new PeerInfo(PeerId.parse(ready.get("peerId").asText()), List.of(address));
  }

  private Libp2pTransport transport() {
    Libp2pTransport t =
        Libp2pTransport.start(
                Libp2pOptions.defaults(newKey())
                    .withListen(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))))
            .block(RPC);
    open.add(() -> t.close().block(RPC));
    return t;
  }

  private Record pkRecord() {
    Ed25519PrivateKey key = newKey();
    byte[] prefix = "/pk/".getBytes(StandardCharsets.UTF_8);
    byte[] id = PeerId.fromPublicKey(key.publicKey()).bytes();
    byte[] name = Arrays.copyOf(prefix, prefix.length + id.length);
    System.arraycopy(id, 0, name, prefix.length, id.length);
    return Record.of(name, key.publicKey().encoded());
  }

  private Record ipnsRecord() {
    Ed25519PrivateKey key = newKey();
    IpnsRecord record =
        IpnsRecord.create(
            key,
            IPNS_PATH.getBytes(StandardCharsets.UTF_8),
            1,
            Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS),
            Duration.ofHours(1),
            true);
    return Record.of(
        new IpnsName(PeerId.fromPublicKey(key.publicKey())).routingKey(), record.encode());
  }

  private static Cid cid(String content) {
    return Cid.v1(Cid.RAW, Multihash.sha256(content.getBytes(StandardCharsets.UTF_8)));
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 60 s: " + what);
      }
      Thread.sleep(100);
    }
  }

  /** A key drawn from the seeded randomness. */
  private Ed25519PrivateKey newKey() {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    return Ed25519PrivateKey.fromSeed(seed);
  }
}

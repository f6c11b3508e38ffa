package io.reactivedht.routing.http;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.Mode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The API on a reactor-netty {@code HttpServer} (ephemeral port, loopback) serving {@link
 * DelegatedRoutingApi#httpHandler()} over a node in an in-memory swarm of 11 DHT nodes plus its own
 * (12 in all), as the CLI daemon would serve it; the tests of a class share one such network, and
 * each makes its own CIDs and names.
 */
abstract class RoutingTestSupport {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final Random KEYS = new Random(20260601);

  static InMemorySwarm swarm;
  static Dht service;
  private static DisposableServer server;

  @BeforeAll
  static void startNetworkAndServer() {
    swarm = new InMemorySwarm(11, DhtOptions.IPFS_PROTOCOL, KEYS);
    PeerId id = PeerId.fromPublicKey(InMemorySwarm.seededKey(KEYS).publicKey());
    service =
        Dht.builder(swarm.join(id))
            .options(DhtOptions.defaults().withMode(Mode.SERVER))
            .bootstrapPeers(swarm.seeds())
            .build();
    service.start().then(service.bootstrap()).block(TIMEOUT);
    DelegatedRoutingApi api =
        new DelegatedRoutingApi(
            service, DelegatedRoutingOptions.defaults().withRoutingTimeout(Duration.ofSeconds(20)));
    server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(new ReactorHttpHandlerAdapter(api.httpHandler()))
            .bindNow();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.disposeNow();
    }
    if (service != null) {
      service.close().block(TIMEOUT);
    }
    if (swarm != null) {
      swarm.close();
    }
  }

  static String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The swarm's nodes (not the service's). */
  static List<Dht> nodes() {
    return swarm.nodes();
  }

  /** A CID no one has used yet. */
  static Cid freshCid() {
    byte[] content = ("content " + COUNTER.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
    return Cid.v1(Cid.RAW, Multihash.sha256(content));
  }

  static Ed25519PrivateKey newKey() {
    synchronized (KEYS) {
      return InMemorySwarm.seededKey(KEYS);
    }
  }

  /** A record pointing at {@code path}, valid for a day, with a TTL of 42 s. */
  static IpnsRecord ipnsRecord(Ed25519PrivateKey key, String path, long sequence) {
    Instant validity = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
    return IpnsRecord.create(
        key,
        path.getBytes(StandardCharsets.UTF_8),
        sequence,
        validity,
        Duration.ofSeconds(42),
        true);
  }
}

package io.reactivedht.examples.routing;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.reactor.Dht;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The service on a random port over an in-memory swarm of 11 DHT nodes plus its own (12 in all);
 * the tests share one such context (Spring caches it), and each makes its own CIDs and names.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "example.transport=in-memory",
      "example.in-memory-nodes=11",
      "reactive-dht.mode=server",
      "reactive-dht.routing-api.timeout=20s"
    })
abstract class RoutingTestSupport {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final AtomicInteger COUNTER = new AtomicInteger();

  @Autowired InMemorySwarm swarm;
  @Autowired Dht service;

  /** The swarm's nodes (not the service's). */
  List<Dht> nodes() {
    return swarm.nodes();
  }

  /** A CID no one has used yet. */
  static Cid freshCid() {
    byte[] content =
        ("content " + COUNTER.incrementAndGet() + " " + System.nanoTime())
            .getBytes(StandardCharsets.UTF_8);
    return Cid.v1(Cid.RAW, Multihash.sha256(content));
  }

  static Ed25519PrivateKey newKey() {
    return Ed25519PrivateKey.generate(new SecureRandom());
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

package io.reactivedht.reactor.internal.value;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * IPNS records for the value tests that need no network (the same name and records as {@code
 * ValueNetwork} in dht-testkit's tests, which run the value operations on the simulated network).
 */
final class ValueFixtures {
  static final Ed25519PrivateKey NAME_KEY = Ed25519PrivateKey.fromSeed(new byte[32]);
  static final byte[] IPNS_KEY =
      new IpnsName(PeerId.fromPublicKey(NAME_KEY.publicKey())).routingKey();
  static final Instant FAR_FUTURE = Instant.parse("2099-01-01T00:00:00Z");

  private ValueFixtures() {}

  /** An IPNS record of {@link #NAME_KEY} for {@code /ipfs/<path>}, valid until {@code validity}. */
  static byte[] ipns(String path, long sequence, Instant validity) {
    return IpnsRecord.create(
            NAME_KEY,
            ("/ipfs/" + path).getBytes(StandardCharsets.UTF_8),
            sequence,
            validity,
            Duration.ofMinutes(5),
            false)
        .encode();
  }
}

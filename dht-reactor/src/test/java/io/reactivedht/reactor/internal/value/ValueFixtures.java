package io.reactivedht.reactor.internal.value;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * IPNS records for the value tests, those that need no network and those of {@code ValueNetwork} in
 * dht-testkit's tests (the same package), which run the value operations on a simulated network.
 */
final class ValueFixtures {
  static final Ed25519PrivateKey NAME_KEY = Ed25519PrivateKey.fromSeed(new byte[32]);
  static final byte[] IPNS_KEY = ipnsKey(NAME_KEY);
  static final Instant FAR_FUTURE = Instant.parse("2099-01-01T00:00:00Z");

  private ValueFixtures() {}

  /** An IPNS record of {@link #NAME_KEY} for {@code /ipfs/<path>}, valid until {@code validity}. */
  static byte[] ipns(String path, long sequence, Instant validity) {
    return ipns(NAME_KEY, path, sequence, validity);
  }

  /** An IPNS record of {@code name} for {@code /ipfs/<path>}, valid until {@code validity}. */
  static byte[] ipns(Ed25519PrivateKey name, String path, long sequence, Instant validity) {
    return IpnsRecord.create(
            name,
            ("/ipfs/" + path).getBytes(StandardCharsets.UTF_8),
            sequence,
            validity,
            Duration.ofMinutes(5),
            false)
        .encode();
  }

  /** The routing key of the IPNS name of {@code name}. */
  static byte[] ipnsKey(Ed25519PrivateKey name) {
    return new IpnsName(PeerId.fromPublicKey(name.publicKey())).routingKey();
  }
}

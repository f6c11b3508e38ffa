package io.reactivedht.core.routing;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiformats.Multihash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.random.RandomGenerator;

/**
 * Random FIND_NODE targets for refreshing one bucket. A FIND_NODE target is raw bytes that every
 * node hashes with SHA-256, so a target in bucket {@code cpl} needs raw bytes whose hash has
 * exactly {@code cpl} leading bits in common with the local key. SHA-256 cannot be inverted, so
 * this tries random candidates: each succeeds with probability 2<sup>-(cpl+1)</sup>, so it takes
 * 2<sup>cpl+1</sup> hashes on average, at most 65,536 (a few milliseconds) for {@link
 * RoutingTable#MAX_REFRESH_CPL}. go-libp2p-kbucket instead ships a table of 65,536 precomputed
 * prefixes; the search needs no table and, given a seeded generator, is just as reproducible.
 */
public final class RefreshKeys {
  /** The length of a key: a sha2-256 multihash, {@code 12 20} and 32 bytes. */
  public static final int LENGTH = 34;

  /**
   * Attempts allowed per expected attempt before giving up: a fair generator fails with odds of
   * e^-64.
   */
  private static final int ATTEMPT_FACTOR = 64;

  private RefreshKeys() {}

  /**
   * Random raw key bytes whose SHA-256 has exactly {@code cpl} leading bits in common with {@code
   * local}. The bytes form a sha2-256 multihash of random data, as go-libp2p-kad-dht's refresh
   * targets do, so they also parse as a peer id ({@code PeerId.fromBytes}).
   *
   * @param local the local key, as in {@link RoutingTable#localKey()}
   * @param cpl 0 to {@link RoutingTable#MAX_REFRESH_CPL}
   * @param random the source of the candidate digests; a seeded one makes the result reproducible
   * @return a new 34-byte ({@link #LENGTH}) sha2-256 multihash, to send as the FIND_NODE key
   * @throws IllegalStateException if {@code random} produced no match in 64 times the expected
   *     number of attempts
   */
  public static byte[] forCpl(Key local, int cpl, RandomGenerator random) {
    if (cpl < 0 || cpl > RoutingTable.MAX_REFRESH_CPL) {
      throw new IllegalArgumentException(
          "refresh cpl must be in [0, " + RoutingTable.MAX_REFRESH_CPL + "], got " + cpl);
    }
    MessageDigest sha256 = sha256();
    byte[] digest = new byte[32];
    long attempts = (long) ATTEMPT_FACTOR << (cpl + 1);
    for (long i = 0; i < attempts; i++) {
      random.nextBytes(digest);
      byte[] raw = Multihash.of(Multihash.SHA2_256, digest).bytes();
      if (Key.fromDigest(sha256.digest(raw)).commonPrefixLength(local) == cpl) {
        return raw;
      }
    }
    throw new IllegalStateException(
        "no key with cpl " + cpl + " after " + attempts + " random attempts");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

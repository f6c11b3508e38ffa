package io.reactivedht.core.routing;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiformats.Multihash;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Random FIND_NODE targets for refreshing one bucket. A FIND_NODE target is raw bytes that every
 * node hashes with SHA-256, so a target in bucket {@code cpl} needs raw bytes whose hash has
 * exactly {@code cpl} leading bits in common with the local key. SHA-256 cannot be inverted, so, as
 * go-libp2p-kbucket does, a table made once ({@value #SEEDS_RESOURCE}, 256 KiB) holds for each of
 * the 65,536 16-bit prefixes a seed whose key starts with it: a target is then one table read and
 * two hashes, where a search would take 2<sup>cpl+1</sup> hashes (65,536 at cpl 15; it was the
 * largest cost of a refresh round). The key of seed {@code s} is the sha2-256 multihash of the
 * SHA-256 of {@code s} as 4 big-endian bytes, so targets also parse as peer ids.
 */
public final class RefreshKeys {
  /** The length of a key: a sha2-256 multihash, {@code 12 20} and 32 bytes. */
  public static final int LENGTH = 34;

  /** The table of seeds, 65,536 big-endian ints indexed by prefix, beside this class. */
  static final String SEEDS_RESOURCE = "refresh-prefix-seeds.bin";

  private static final int PREFIXES = 1 << 16;

  private RefreshKeys() {}

  /**
   * Random raw key bytes whose SHA-256 has exactly {@code cpl} leading bits in common with {@code
   * local}: the local key's first {@code cpl} bits, the next one flipped, the rest of the 16-bit
   * prefix random.
   *
   * @param local the local key, as in {@link RoutingTable#localKey()}
   * @param cpl 0 to {@link RoutingTable#MAX_REFRESH_CPL}
   * @param random draws the free bits of the prefix; a seeded one makes the result reproducible
   * @return a new 34-byte ({@link #LENGTH}) sha2-256 multihash, to send as the FIND_NODE key
   */
  public static byte[] forCpl(Key local, int cpl, RandomGenerator random) {
    if (cpl < 0 || cpl > RoutingTable.MAX_REFRESH_CPL) {
      throw new IllegalArgumentException(
          "refresh cpl must be in [0, " + RoutingTable.MAX_REFRESH_CPL + "], got " + cpl);
    }
    byte[] own = local.bytes();
    int ownPrefix = ((own[0] & 0xff) << 8) | (own[1] & 0xff);
    int kept = ownPrefix & ~(0xffff >>> cpl); // the first cpl bits
    int flipped = ~ownPrefix & (0x8000 >>> cpl); // bit cpl, flipped
    int free = random.nextInt(PREFIXES) & (0x7fff >>> cpl); // the bits after it
    return keyOf(Seeds.TABLE[kept | flipped | free]);
  }

  /** The raw key of a seed: the sha2-256 multihash of the SHA-256 of its 4 big-endian bytes. */
  static byte[] keyOf(int seed) {
    byte[] bytes = {(byte) (seed >>> 24), (byte) (seed >>> 16), (byte) (seed >>> 8), (byte) seed};
    return Multihash.of(Multihash.SHA2_256, sha256().digest(bytes)).bytes();
  }

  /**
   * Makes the table: for each 16-bit prefix, the smallest seed whose key's SHA-256 starts with it.
   * About 750,000 seeds are tried, a second of work: the table ships precomputed instead.
   */
  static int[] computeSeeds() {
    int[] seeds = new int[PREFIXES];
    Arrays.fill(seeds, -1);
    MessageDigest sha256 = sha256();
    int missing = PREFIXES;
    for (int seed = 0; missing > 0; seed++) {
      byte[] hash = sha256.digest(keyOf(seed));
      int prefix = ((hash[0] & 0xff) << 8) | (hash[1] & 0xff);
      if (seeds[prefix] < 0) {
        seeds[prefix] = seed;
        missing--;
      }
    }
    return seeds;
  }

  /** The table, read on first use. */
  private static final class Seeds {
    static final int[] TABLE = read();

    private static int[] read() {
      try (InputStream in = RefreshKeys.class.getResourceAsStream(SEEDS_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(SEEDS_RESOURCE + " is missing from the class path");
        }
        DataInputStream data = new DataInputStream(in);
        int[] table = new int[PREFIXES];
        for (int i = 0; i < PREFIXES; i++) {
          table[i] = data.readInt();
        }
        return table;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + SEEDS_RESOURCE, e);
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

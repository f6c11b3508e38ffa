package io.reactivedht.core.routing;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Peers and independent keyspace arithmetic (BigInteger XOR) for the routing tests. */
final class RoutingFixtures {
  private RoutingFixtures() {}

  /**
   * A peer id with a sha2-256 multihash of the 8 bytes of {@code seed}: cheap and deterministic.
   */
  static PeerId peer(long seed) {
    return PeerId.fromBytes(Multihash.sha256(ByteBuffer.allocate(8).putLong(seed).array()).bytes());
  }

  /**
   * {@code key} with bit {@code bit} (0 = most significant) flipped: a key whose CPL with {@code
   * key} is {@code bit}.
   */
  static Key flipBit(Key key, int bit) {
    byte[] bytes = key.bytes();
    bytes[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
    return Key.fromDigest(bytes);
  }

  /** The XOR distance as an unsigned integer. */
  static BigInteger distance(Key a, Key b) {
    return new BigInteger(1, a.bytes()).xor(new BigInteger(1, b.bytes()));
  }

  /** The common prefix length: 256 minus the bit length of the XOR. */
  static int cpl(Key a, Key b) {
    return 256 - distance(a, b).bitLength();
  }

  /**
   * The first {@code count} peers (from seed {@code 1000} up) whose CPL with {@code local} is
   * {@code cpl}.
   */
  static List<PeerId> peersWithCpl(Key local, int cpl, int count) {
    List<PeerId> out = new ArrayList<>();
    for (long seed = 1000; out.size() < count; seed++) {
      PeerId p = peer(seed);
      if (cpl(local, p.key()) == cpl) {
        out.add(p);
      }
    }
    return out;
  }
}

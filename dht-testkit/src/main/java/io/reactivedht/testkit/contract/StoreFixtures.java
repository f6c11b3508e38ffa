package io.reactivedht.testkit.contract;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Keys, peers and addresses for the store contracts, all derived from small integers (as dht-core's
 * own store tests use).
 */
final class StoreFixtures {
  private StoreFixtures() {}

  /** A distinct provider key (a sha2-256 multihash, 34 bytes) per {@code i}. */
  static byte[] providerKey(int i) {
    return Multihash.sha256(("content " + i).getBytes(StandardCharsets.UTF_8)).bytes();
  }

  /** A distinct {@code /pk/}-style record key per {@code i}. */
  static byte[] recordKey(int i) {
    return ("/pk/" + i).getBytes(StandardCharsets.UTF_8);
  }

  /** A distinct (sha2-256) peer id per {@code i}. */
  static PeerId peer(int i) {
    return PeerId.fromBytes(
        Multihash.sha256(("peer " + i).getBytes(StandardCharsets.UTF_8)).bytes());
  }

  /** {@code /ip4/10.0.0.<i>/tcp/4001}; 8 bytes in binary. */
  static Multiaddr address(int i) {
    return Multiaddr.parse("/ip4/10.0.0." + i + "/tcp/4001");
  }

  /** {@code n} bytes of {@code fill}. */
  static byte[] bytes(int n, int fill) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) fill);
    return b;
  }
}

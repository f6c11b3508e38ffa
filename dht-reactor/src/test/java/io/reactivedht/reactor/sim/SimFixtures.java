package io.reactivedht.reactor.sim;

import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Peers and keys for the network tests. */
final class SimFixtures {
  private SimFixtures() {}

  /** A peer id with a sha2-256 multihash of the 8 bytes of {@code seed}: cheap and deterministic. */
  static PeerId peer(long seed) {
    return PeerId.fromBytes(Multihash.sha256(ByteBuffer.allocate(8).putLong(seed).array()).bytes());
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

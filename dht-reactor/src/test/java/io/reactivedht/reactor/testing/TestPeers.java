package io.reactivedht.reactor.testing;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Cheap, deterministic peers for tests: sha2-256 peer ids from a seeded generator, with a fake
 * address each.
 */
public final class TestPeers {
  private TestPeers() {}

  /** {@code n} distinct peers from {@code seed}. */
  public static List<PeerInfo> peers(int n, long seed) {
    Random random = new Random(seed);
    List<PeerInfo> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      PeerId id = PeerId.fromBytes(Multihash.sha256(bytes).bytes());
      out.add(
          new PeerInfo(
              id,
              List.of(
                  Multiaddr.parse("/ip4/10.0." + (i / 250) + "." + (i % 250 + 1) + "/tcp/4001"))));
    }
    return out;
  }

  /** One peer from {@code seed}. */
  public static PeerInfo peer(long seed) {
    return peers(1, seed).get(0);
  }
}

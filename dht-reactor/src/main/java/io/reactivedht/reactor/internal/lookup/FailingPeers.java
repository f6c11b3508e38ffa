package io.reactivedht.reactor.internal.lookup;

import io.reactivedht.core.peer.PeerId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The peers that failed since their last answer, with a one-hash Bloom filter of 4,096 bits in
 * front of the set. A server asks about each of the 20 peers of every answer it gives; most are not
 * failing, and the filter says so from the peer id's cached hash, without probing a set that may
 * hold hundreds of peers (the probe was 8% of a 10,000-node formation). Removals leave their bits
 * set until as many removals as members have passed, when the filter is rebuilt, so a removal costs
 * O(1) amortized and false positives stay few. Not thread-safe: {@link PeerHealth} guards it.
 */
final class FailingPeers {
  private static final int BITS_LOG2 = 12;

  private final Set<PeerId> peers = new HashSet<>();

  /** Allocated with the first failing peer: a node whose peers all answer holds none. */
  private long @Nullable [] filter;

  /** Removals since the filter was last built. */
  private int stale;

  void add(PeerId peer) {
    if (peers.add(peer)) {
      long[] f = filter;
      if (f == null) {
        f = new long[(1 << BITS_LOG2) / Long.SIZE];
        filter = f;
      }
      set(f, peer);
    }
  }

  void remove(PeerId peer) {
    long[] f = filter;
    if (!peers.remove(peer) || f == null) {
      return;
    }
    if (++stale > Math.max(64, peers.size())) {
      Arrays.fill(f, 0);
      for (PeerId member : peers) {
        set(f, member);
      }
      stale = 0;
    }
  }

  boolean contains(PeerId peer) {
    long[] f = filter;
    if (f == null || peers.isEmpty()) {
      return false;
    }
    int bit = bit(peer);
    return (f[bit >>> 6] & (1L << bit)) != 0 && peers.contains(peer);
  }

  int size() {
    return peers.size();
  }

  private static void set(long[] f, PeerId peer) {
    int bit = bit(peer);
    f[bit >>> 6] |= 1L << bit;
  }

  private static int bit(PeerId peer) {
    return (peer.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - BITS_LOG2);
  }
}

package io.reactivedht.core.query;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A synthetic DHT for lookup tests: peers with random ids, each with an ideal routing table (for
 * every common prefix length, the whole bucket if it holds at most {@link #BUCKET_SIZE} peers, else
 * that many chosen at random) plus its {@link #BUCKET_SIZE} closest peers, and a behaviour per
 * peer. Tables are built on first use.
 */
final class SimulatedNetwork {
  static final int BUCKET_SIZE = 20;

  /** How a peer responds to FIND_NODE. */
  enum Behaviour {
    /** Answers with the closest peers it knows. */
    RESPONSIVE,
    /** The request fails (dial error, reset). */
    FAILING,
    /** Never answers: the lookup's timeout fires. */
    SILENT
  }

  private final long seed;
  private final PeerId[] peers;
  private final byte[][] keys;
  private final Map<PeerId, Integer> indexOf = new HashMap<>();
  private final Behaviour[] behaviours;
  private final Map<Integer, List<PeerId>> tables = new HashMap<>();

  private SimulatedNetwork(long seed, PeerId[] sortedPeers) {
    this.seed = seed;
    this.peers = sortedPeers;
    this.keys = new byte[peers.length][];
    for (int i = 0; i < peers.length; i++) {
      keys[i] = peers[i].key().bytes();
      indexOf.put(peers[i], i);
    }
    this.behaviours = new Behaviour[peers.length];
    Arrays.fill(behaviours, Behaviour.RESPONSIVE);
  }

  /** A network of {@code size} responsive peers. */
  static SimulatedNetwork generate(int size, long seed) {
    Random random = new Random(seed);
    PeerId[] peers = new PeerId[size];
    for (int i = 0; i < size; i++) {
      peers[i] = randomPeer(random);
    }
    Arrays.sort(peers, (a, b) -> Arrays.compareUnsigned(a.key().bytes(), b.key().bytes()));
    return new SimulatedNetwork(seed, peers);
  }

  static PeerId randomPeer(Random random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return PeerId.fromBytes(Multihash.sha256(bytes).bytes());
  }

  static Key randomKey(Random random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Key.of(bytes);
  }

  /** Makes about the given shares of peers failing and silent. */
  void breakPeers(double failingShare, double silentShare, Random random) {
    for (int i = 0; i < peers.length; i++) {
      double r = random.nextDouble();
      behaviours[i] =
          r < failingShare
              ? Behaviour.FAILING
              : r < failingShare + silentShare ? Behaviour.SILENT : Behaviour.RESPONSIVE;
    }
  }

  List<PeerId> peers() {
    return List.of(peers);
  }

  PeerId peer(int index) {
    return peers[index];
  }

  int size() {
    return peers.length;
  }

  Behaviour behaviour(PeerId peer) {
    return behaviours[indexOf.get(peer)];
  }

  /**
   * Ground truth: the {@code count} peers closest to {@code target} that pass {@code filter},
   * closest first.
   */
  List<PeerId> closest(Key target, int count, Predicate<PeerId> filter) {
    return Arrays.stream(peers)
        .filter(filter)
        .sorted(Comparator.comparing(PeerId::key, target.byDistance()))
        .limit(count)
        .toList();
  }

  /**
   * {@code peer}'s answer to FIND_NODE(target): the {@link #BUCKET_SIZE} closest peers in its
   * table.
   */
  List<PeerId> findNode(PeerId peer, Key target) {
    return table(peer).stream()
        .sorted(Comparator.comparing(PeerId::key, target.byDistance()))
        .limit(BUCKET_SIZE)
        .toList();
  }

  /** The routing table of {@code peer}. */
  List<PeerId> table(PeerId peer) {
    return tables.computeIfAbsent(indexOf.get(peer), this::buildTable);
  }

  private List<PeerId> buildTable(int x) {
    Random random = new Random(seed * 31 + x);
    Set<PeerId> table = new LinkedHashSet<>();
    byte[] key = keys[x];
    int neighbourhood = -1;
    for (int cpl = 0; cpl < Key.BITS; cpl++) {
      int[] shared = range(key, cpl, false); // peers sharing the first cpl bits with x
      if (shared[1] - shared[0] <= 1) {
        break; // only x itself is left
      }
      if (shared[1] - shared[0] > BUCKET_SIZE) {
        neighbourhood = cpl;
      }
      int[] bucket = range(key, cpl, true); // sharing cpl bits, then differing
      int size = bucket[1] - bucket[0];
      if (size <= BUCKET_SIZE) {
        for (int i = bucket[0]; i < bucket[1]; i++) {
          table.add(peers[i]);
        }
      } else {
        for (int j = 0; j < BUCKET_SIZE; j++) {
          table.add(peers[bucket[0] + random.nextInt(size)]);
        }
      }
    }
    if (neighbourhood >= 0) {
      // The smallest prefix subtree around x with more than BUCKET_SIZE peers holds x's BUCKET_SIZE
      // closest.
      int[] around = range(key, neighbourhood, false);
      Key self = peers[x].key();
      Arrays.stream(peers, around[0], around[1])
          .sorted(Comparator.comparing(PeerId::key, self.byDistance()))
          .skip(1)
          .limit(BUCKET_SIZE)
          .forEach(table::add);
    }
    table.remove(peers[x]);
    return new ArrayList<>(table);
  }

  /**
   * The index range {@code [from, to)} of the peers whose key starts with the first {@code bits}
   * bits of {@code key}, followed by the flipped next bit if {@code flipNext}.
   */
  private int[] range(byte[] key, int bits, boolean flipNext) {
    int length = flipNext ? bits + 1 : bits;
    byte[] low = new byte[Key.BYTES];
    byte[] high = new byte[Key.BYTES];
    for (int i = 0; i < Key.BITS; i++) {
      boolean bit;
      if (i < bits) {
        bit = (key[i >>> 3] >>> (7 - (i & 7)) & 1) != 0;
      } else if (i < length) {
        bit = (key[i >>> 3] >>> (7 - (i & 7)) & 1) == 0;
      } else {
        high[i >>> 3] |= (byte) (1 << (7 - (i & 7)));
        continue;
      }
      if (bit) {
        low[i >>> 3] |= (byte) (1 << (7 - (i & 7)));
        high[i >>> 3] |= (byte) (1 << (7 - (i & 7)));
      }
    }
    return new int[] {lowerBound(low, false), lowerBound(high, true)};
  }

  /** The first index whose key is at least {@code bound} (above it, if {@code strict}). */
  private int lowerBound(byte[] bound, boolean strict) {
    int lo = 0;
    int hi = keys.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int c = Arrays.compareUnsigned(keys[mid], bound);
      if (c < 0 || (strict && c == 0)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}

package io.reactivedht.reactor.sim;

import io.reactivedht.core.peer.PeerId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Every node's Kademlia key in order, to find the peers of any bucket of any node in logarithmic
 * time: global knowledge for seeding routing tables ({@link Formation#SEEDED}).
 */
final class KeyIndex {
  private static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

  private final byte[][] keys;
  private final PeerId[] peers;

  KeyIndex(Collection<PeerId> all) {
    List<PeerId> sorted =
        all.stream().sorted(Comparator.comparing(p -> p.key().bytes(), UNSIGNED)).toList();
    this.peers = sorted.toArray(PeerId[]::new);
    this.keys = sorted.stream().map(p -> p.key().bytes()).toArray(byte[][]::new);
  }

  /**
   * What a converged routing table of {@code node} holds: for each bucket (common prefix length
   * with the node), up to {@code k} of its peers, chosen at random when there are more.
   */
  List<PeerId> tableOf(PeerId node, int k, RandomGenerator random) {
    byte[] own = node.key().bytes();
    List<PeerId> table = new ArrayList<>();
    for (int bucket = 0; bucket < own.length * 8; bucket++) {
      // keys sharing the first bucket bits with ours and differing in the next: one sorted run
      byte[] low = prefix(own, bucket, !bitOf(own, bucket), false);
      byte[] high = prefix(own, bucket, !bitOf(own, bucket), true);
      int from = lowerBound(low);
      int to = lowerBound(high) + (matches(high) ? 1 : 0);
      pick(from, to, k, random, table);
      // deeper buckets hold the keys sharing one more bit with ours: none but ours left, stop
      byte[] sameLow = prefix(own, bucket, bitOf(own, bucket), false);
      byte[] sameHigh = prefix(own, bucket, bitOf(own, bucket), true);
      int sameCount = lowerBound(sameHigh) + (matches(sameHigh) ? 1 : 0) - lowerBound(sameLow);
      if (sameCount <= 1) {
        break;
      }
    }
    return table;
  }

  /** Up to {@code k} distinct peers of {@code [from, to)}, at random. */
  private void pick(int from, int to, int k, RandomGenerator random, List<PeerId> out) {
    int size = to - from;
    if (size <= k) {
      out.addAll(Arrays.asList(peers).subList(from, to));
      return;
    }
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = from + i;
    }
    for (int i = 0; i < k; i++) { // a partial Fisher-Yates shuffle
      int j = i + random.nextInt(size - i);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
      out.add(peers[order[i]]);
    }
  }

  /** {@code key}'s first {@code bits} bits, then {@code next}, then all zeros or all ones. */
  private static byte[] prefix(byte[] key, int bits, boolean next, boolean ones) {
    byte[] out = new byte[key.length];
    for (int i = 0; i < key.length * 8; i++) {
      boolean bit = i < bits ? bitOf(key, i) : i == bits ? next : ones;
      if (bit) {
        out[i / 8] |= (byte) (0x80 >>> (i % 8));
      }
    }
    return out;
  }

  private static boolean bitOf(byte[] key, int index) {
    return (key[index / 8] & (0x80 >>> (index % 8))) != 0;
  }

  /** The first index whose key is at least {@code key}. */
  private int lowerBound(byte[] key) {
    int low = 0;
    int high = keys.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (UNSIGNED.compare(keys[mid], key) < 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private boolean matches(byte[] key) {
    int at = lowerBound(key);
    return at < keys.length && Arrays.equals(keys[at], key);
  }
}

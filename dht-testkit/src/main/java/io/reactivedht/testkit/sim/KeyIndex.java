package io.reactivedht.testkit.sim;

import io.reactivedht.core.key.Key;
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
    Key own = node.key();
    int bits = own.bytes().length * 8;
    List<PeerId> table = new ArrayList<>();
    for (int bucket = 0; bucket < bits; bucket++) {
      boolean ours = own.bit(bucket);
      // the bucket's peers share our first `bucket` bits and differ in the next: one sorted run
      pick(start(own, bucket, !ours), end(own, bucket, !ours), k, random, table);
      // the deeper buckets hold those sharing the next bit too: none but us left, stop
      if (end(own, bucket, ours) - start(own, bucket, ours) <= 1) {
        break;
      }
    }
    return table;
  }

  /** The index of the first key that starts with {@code own}'s first bits, then {@code next}. */
  private int start(Key own, int bits, boolean next) {
    return firstIndex(prefix(own, bits, next, false), false);
  }

  /** One past the index of the last such key. */
  private int end(Key own, int bits, boolean next) {
    return firstIndex(prefix(own, bits, next, true), true);
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
  private static byte[] prefix(Key key, int bits, boolean next, boolean ones) {
    byte[] out = new byte[key.bytes().length];
    for (int i = 0; i < out.length * 8; i++) {
      boolean bit = i < bits ? key.bit(i) : i == bits ? next : ones;
      if (bit) {
        out[i / 8] |= (byte) (0x80 >>> (i % 8));
      }
    }
    return out;
  }

  /**
   * The first index whose key is above {@code key}, or at least {@code key} unless {@code past}.
   */
  private int firstIndex(byte[] key, boolean past) {
    int low = 0;
    int high = keys.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      int order = UNSIGNED.compare(keys[mid], key);
      if (order < 0 || (past && order == 0)) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}

package io.reactivedht.transport.connection;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed addresses back off, as go-libp2p's swarm does: after the n-th failure in a row an address
 * of a peer is not dialed for {@code 5 s + n² s}, at most 5 minutes; a connection to the peer
 * (either way) forgets its failures. Bounded: at most {@value #MAX_PEERS} peers and {@value
 * #MAX_ADDRESSES_PER_PEER} addresses each are remembered (peers long past their backoff are dropped
 * first; beyond that a failure is not recorded). Thread-safe; time is given by the caller.
 */
final class DialBackoff {
  static final Duration BASE = Duration.ofSeconds(5);
  static final Duration STEP = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofMinutes(5);
  static final int MAX_PEERS = 4096;
  static final int MAX_ADDRESSES_PER_PEER = 32;

  /** Failures in a row, and until when the address is not dialed. */
  private record Entry(int failures, long untilNanos) {}

  /** Per peer, an immutable map replaced on each change. */
  private final Map<PeerId, Map<Multiaddr, Entry>> peers = new ConcurrentHashMap<>();

  /** Whether {@code address} of {@code peer} is backing off at {@code nowNanos}. */
  boolean isBackingOff(PeerId peer, Multiaddr address, long nowNanos) {
    Entry entry = peers.getOrDefault(peer, Map.of()).get(address);
    return entry != null && nowNanos < entry.untilNanos();
  }

  /** Records a failed dial of {@code address} of {@code peer} at {@code nowNanos}. */
  void failed(PeerId peer, Multiaddr address, long nowNanos) {
    if (peers.size() >= MAX_PEERS && !peers.containsKey(peer)) {
      // failures long past their backoff say little: a new one then counts as the first again
      peers.values().removeIf(failures -> expired(failures, nowNanos));
      if (peers.size() >= MAX_PEERS) {
        return;
      }
    }
    peers.compute(
        peer,
        (p, known) -> {
          Map<Multiaddr, Entry> failures = new HashMap<>(known == null ? Map.of() : known);
          Entry previous = failures.get(address);
          if (previous == null && failures.size() >= MAX_ADDRESSES_PER_PEER) {
            return known;
          }
          int count = previous == null ? 1 : previous.failures() + 1;
          failures.put(address, new Entry(count, nowNanos + delay(count).toNanos()));
          return Map.copyOf(failures);
        });
  }

  /** Forgets the failures of {@code peer}'s addresses: it is connected. */
  void connected(PeerId peer) {
    peers.remove(peer);
  }

  /** The backoff after {@code failures} failures in a row. */
  static Duration delay(int failures) {
    long steps = Math.min((long) failures * failures, MAX.toSeconds());
    Duration delay = BASE.plus(STEP.multipliedBy(steps));
    return delay.compareTo(MAX) > 0 ? MAX : delay;
  }

  private static boolean expired(Map<Multiaddr, Entry> failures, long nowNanos) {
    return failures.values().stream().allMatch(e -> nowNanos - e.untilNanos() > MAX.toNanos());
  }
}

package io.reactivedht.reactor.routing;

import io.reactivedht.core.peerinfo.PeerInfo;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A routing table as a node can keep it and start from again ({@code Dht.routingSnapshot()}, {@code
 * Dht.Builder.restore}): its peers with their addresses, and when each bucket was last refreshed.
 *
 * @param peers the table's peers, with the addresses known for them when the snapshot was taken
 * @param refreshedAt when each bucket (by common prefix length with the local key) was last looked
 *     into; buckets never looked into are absent
 */
public record RoutingSnapshot(List<PeerInfo> peers, Map<Integer, Instant> refreshedAt) {
  /** A snapshot of an empty table that was never refreshed. */
  public static final RoutingSnapshot EMPTY = new RoutingSnapshot(List.of(), Map.of());

  /**
   * Copies both; the map is ordered by bucket.
   *
   * @param peers the table's peers with their addresses
   * @param refreshedAt when each bucket was last looked into
   */
  public RoutingSnapshot {
    peers = List.copyOf(peers);
    refreshedAt = Collections.unmodifiableMap(new TreeMap<>(refreshedAt));
  }

  /**
   * The latest bucket refresh.
   *
   * @return the latest of {@link #refreshedAt()}'s times; empty if no bucket was ever refreshed
   */
  public Optional<Instant> lastRefresh() {
    return refreshedAt.values().stream().max(Instant::compareTo);
  }
}

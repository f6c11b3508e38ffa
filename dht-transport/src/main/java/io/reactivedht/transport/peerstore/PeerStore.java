package io.reactivedht.transport.peerstore;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Peer addresses with per-address time-to-live. Bounded in peers (least recently used go first) and
 * in addresses per peer (the oldest expiry goes first); thread-safe.
 */
public final class PeerStore {
  /**
   * How long addresses learned from a peer itself (identify) stay, go's {@code
   * RecentlyConnectedAddrTTL}-like.
   */
  public static final Duration CONNECTED_TTL = Duration.ofMinutes(30);

  /**
   * How long addresses learned from third parties (DHT responses) stay, go's {@code
   * TempAddrTTL}-like.
   */
  public static final Duration TEMPORARY_TTL = Duration.ofMinutes(2);

  /** The most addresses kept per peer. */
  public static final int MAX_ADDRESSES_PER_PEER = 32;

  private final Cache<PeerId, Map<Multiaddr, Long>> book;
  private final Ticker ticker;

  /**
   * @param maxPeers the most peers remembered
   * @param ticker nanosecond time source (a fake one in tests)
   */
  public PeerStore(long maxPeers, Ticker ticker) {
    this.ticker = ticker;
    this.book =
        Caffeine.newBuilder()
            .maximumSize(maxPeers)
            .ticker(ticker)
            .expireAfterAccess(CONNECTED_TTL)
            .build();
  }

  /** A store of at most 10,000 peers on the system clock. */
  public static PeerStore create() {
    return new PeerStore(10_000, Ticker.systemTicker());
  }

  /**
   * Adds or refreshes addresses of {@code peer}, each valid for {@code ttl} (an address never loses
   * time). Only the first {@value #MAX_ADDRESSES_PER_PEER} addresses of the list are read, so a
   * hostile list of any length costs as much as a short one.
   */
  public void add(PeerId peer, List<Multiaddr> addresses, Duration ttl) {
    if (addresses.isEmpty()) {
      return;
    }
    long expiry = ticker.read() + ttl.toNanos();
    List<Multiaddr> read = addresses.subList(0, Math.min(addresses.size(), MAX_ADDRESSES_PER_PEER));
    book.asMap()
        .compute(
            peer,
            (id, known) -> {
              Map<Multiaddr, Long> next = live(known);
              for (Multiaddr address : read) {
                next.merge(address.withoutPeerId(), expiry, Math::max);
              }
              return next.size() > MAX_ADDRESSES_PER_PEER ? longestLived(next) : next;
            });
  }

  /** The {@value #MAX_ADDRESSES_PER_PEER} addresses of {@code all} that expire last. */
  private static Map<Multiaddr, Long> longestLived(Map<Multiaddr, Long> all) {
    Map<Multiaddr, Long> kept = new LinkedHashMap<>();
    all.entrySet().stream()
        .sorted(Map.Entry.<Multiaddr, Long>comparingByValue().reversed())
        .limit(MAX_ADDRESSES_PER_PEER)
        .forEach(e -> kept.put(e.getKey(), e.getValue()));
    return Collections.synchronizedMap(kept);
  }

  /** The unexpired addresses of {@code peer}, longest-lived first; empty if unknown. */
  public List<Multiaddr> addresses(PeerId peer) {
    Map<Multiaddr, Long> known = book.getIfPresent(peer);
    if (known == null) {
      return List.of();
    }
    long now = ticker.read();
    synchronized (known) {
      return known.entrySet().stream()
          .filter(e -> e.getValue() - now > 0)
          .sorted(Map.Entry.<Multiaddr, Long>comparingByValue().reversed())
          .map(Map.Entry::getKey)
          .toList();
    }
  }

  /** Forgets a peer. */
  public void remove(PeerId peer) {
    book.invalidate(peer);
  }

  /** The number of peers remembered (expired entries may still count until cleaned up). */
  public long size() {
    return book.estimatedSize();
  }

  private Map<Multiaddr, Long> live(@Nullable Map<Multiaddr, Long> known) {
    Map<Multiaddr, Long> next = new LinkedHashMap<>();
    if (known != null) {
      long now = ticker.read();
      synchronized (known) {
        known.forEach(
            (address, expiry) -> {
              if (expiry - now > 0) {
                next.put(address, expiry);
              }
            });
      }
    }
    return Collections.synchronizedMap(next);
  }
}

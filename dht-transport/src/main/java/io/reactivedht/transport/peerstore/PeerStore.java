package io.reactivedht.transport.peerstore;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  private final Cache<PeerId, Addresses> book;
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
            // upkeep on the calling thread: every answer reads 20 peers, and handing the upkeep
            // to the common pool woke one of its threads over and over
            .executor(Runnable::run)
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
    long now = ticker.read();
    long expiry = now + ttl.toNanos();
    List<Multiaddr> read = addresses.subList(0, Math.min(addresses.size(), MAX_ADDRESSES_PER_PEER));
    book.asMap()
        .compute(
            peer,
            (id, known) -> {
              Map<Multiaddr, Long> next = known == null ? new LinkedHashMap<>() : known.liveAt(now);
              for (Multiaddr address : read) {
                next.merge(address.withoutPeerId(), expiry, Math::max);
              }
              return Addresses.latestFirst(next);
            });
  }

  /**
   * The unexpired addresses of {@code peer}, longest-lived first; empty if unknown. Every answer a
   * server sends asks this for each peer it names, so it allocates nothing while none expired.
   */
  public List<Multiaddr> addresses(PeerId peer) {
    Addresses known = book.getIfPresent(peer);
    return known == null ? List.of() : known.unexpiredAt(ticker.read());
  }

  /** Forgets a peer. */
  public void remove(PeerId peer) {
    book.invalidate(peer);
  }

  /** The number of peers remembered (expired entries may still count until cleaned up). */
  public long size() {
    return book.estimatedSize();
  }

  /**
   * A peer's addresses, immutable: sorted by expiry, the latest first (ties in the order they were
   * learned), at most {@value #MAX_ADDRESSES_PER_PEER}; a change replaces the whole value.
   */
  private static final class Addresses {
    private final List<Multiaddr> latestFirst;
    private final long[] expiries;

    private Addresses(List<Multiaddr> latestFirst, long[] expiries) {
      this.latestFirst = latestFirst;
      this.expiries = expiries;
    }

    /** The {@value #MAX_ADDRESSES_PER_PEER} addresses of {@code all} that expire last. */
    static Addresses latestFirst(Map<Multiaddr, Long> all) {
      List<Map.Entry<Multiaddr, Long>> sorted = new ArrayList<>(all.entrySet());
      sorted.sort(Map.Entry.<Multiaddr, Long>comparingByValue().reversed()); // stable
      int n = Math.min(sorted.size(), MAX_ADDRESSES_PER_PEER);
      Multiaddr[] addresses = new Multiaddr[n];
      long[] expiries = new long[n];
      for (int i = 0; i < n; i++) {
        addresses[i] = sorted.get(i).getKey();
        expiries[i] = sorted.get(i).getValue();
      }
      return new Addresses(List.of(addresses), expiries);
    }

    /** The addresses unexpired at {@code now}: a prefix, since the latest expiries come first. */
    List<Multiaddr> unexpiredAt(long now) {
      int live = 0;
      while (live < expiries.length && expiries[live] - now > 0) {
        live++;
      }
      return live == expiries.length ? latestFirst : latestFirst.subList(0, live);
    }

    /** The unexpired addresses with their expiries, to merge new ones into. */
    Map<Multiaddr, Long> liveAt(long now) {
      Map<Multiaddr, Long> live = new LinkedHashMap<>();
      for (int i = 0; i < expiries.length; i++) {
        if (expiries[i] - now > 0) {
          live.put(latestFirst.get(i), expiries[i]);
        }
      }
      return live;
    }
  }
}

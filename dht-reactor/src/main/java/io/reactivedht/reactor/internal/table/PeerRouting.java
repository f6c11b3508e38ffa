package io.reactivedht.reactor.internal.table;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.routing.InsertResult;
import io.reactivedht.core.routing.Removal;
import io.reactivedht.core.routing.RoutingTable;
import io.reactivedht.reactor.routing.RoutingSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The node's routing table, safe to share between the threads that answer requests and run lookups:
 * every call holds the table's monitor for a few microseconds of pure computation (no I/O, no
 * blocking), which keeps the single-owner {@link RoutingTable} consistent. Peers come out as {@link
 * PeerInfo} with the addresses the transport knows for them.
 */
public final class PeerRouting {
  private final RoutingTable table;
  private final Function<PeerId, PeerInfo> peers;

  /**
   * @param table the table, owned by this object from now on
   * @param peers a peer with its known addresses (the transport's peer store, {@link
   *     io.reactivedht.reactor.spi.DhtTransport#peerInfo})
   */
  public PeerRouting(RoutingTable table, Function<PeerId, PeerInfo> peers) {
    this.table = table;
    this.peers = peers;
  }

  /** Reports a sign of life of a peer; see {@link RoutingTable#insert}. */
  public synchronized InsertResult insert(PeerId peer, boolean dhtServer, Instant now) {
    return table.insert(peer, dhtServer, now);
  }

  /** Reports the outcome of a liveness check asked for by {@link InsertResult.Pending}. */
  public synchronized Optional<Removal> livenessChecked(PeerId peer, boolean alive, Instant now) {
    return table.livenessChecked(peer, alive, now);
  }

  /** Removes a peer, e.g. after it failed to answer; a replacement candidate may take its place. */
  public synchronized Optional<Removal> remove(PeerId peer, Instant now) {
    return table.remove(peer, now);
  }

  /** The n closest peer ids to a key, closest first. */
  public synchronized List<PeerId> closest(Key target, int n) {
    return table.closest(target, n);
  }

  /**
   * Up to n closest peers to a key that have at least one known address, closest first, without
   * {@code exclude} (the requester: closer peers never include it).
   */
  public List<PeerInfo> closestPeers(Key target, int n, @Nullable PeerId exclude) {
    return closestPeers(target, n, exclude, id -> false, n);
  }

  /**
   * Up to n peers, closest first, chosen among the {@code candidates} closest peers with a known
   * address other than {@code exclude}, leaving out those {@code leaveOut} names. It stops at the
   * n-th peer, so a wide candidate set costs address lookups only when peers are left out, and the
   * table sorts only the n closest (n + 1 with {@code exclude}) unless some were left out: the
   * closest m peers are the first m of the closest M.
   */
  public List<PeerInfo> closestPeers(
      Key target, int n, @Nullable PeerId exclude, Predicate<PeerId> leaveOut, int candidates) {
    int extra = exclude == null ? 0 : 1;
    int asked = Math.min(n, candidates) + extra;
    List<PeerId> ids = closest(target, asked);
    List<PeerInfo> out = new ArrayList<>(n);
    int considered = 0;
    for (int i = 0; out.size() < n && considered < candidates; i++) {
      if (i == ids.size()) {
        if (ids.size() < asked || asked == candidates + extra) {
          break; // the table has no more
        }
        asked = candidates + extra;
        ids = closest(target, asked);
        if (i == ids.size()) {
          break;
        }
      }
      PeerId id = ids.get(i);
      if (id.equals(exclude)) {
        continue;
      }
      PeerInfo peer = peers.apply(id);
      if (peer.addresses().isEmpty()) {
        continue;
      }
      considered++;
      if (!leaveOut.test(id)) {
        out.add(peer);
      }
    }
    return out;
  }

  /** A peer with the addresses known for it (possibly none). */
  public PeerInfo info(PeerId peer) {
    return peers.apply(peer);
  }

  /** Whether the peer is in the table. */
  public synchronized boolean contains(PeerId peer) {
    return table.contains(peer);
  }

  /** The number of peers in the table. */
  public synchronized int size() {
    return table.size();
  }

  /** All peers in the table. */
  public synchronized List<PeerId> peers() {
    return table.peers();
  }

  /** The bucket (common prefix length) of a key. */
  public synchronized int bucketIndex(Key key) {
    return table.bucketIndex(key);
  }

  /** Records that a lookup for a key in bucket {@code cpl} just ran. */
  public synchronized void markRefreshed(int cpl, Instant now) {
    table.markRefreshed(cpl, now);
  }

  /** The buckets due for a refresh lookup; see {@link RoutingTable#cplsNeedingRefresh}. */
  public synchronized List<Integer> cplsNeedingRefresh(Instant now, Duration interval) {
    return table.cplsNeedingRefresh(now, interval);
  }

  /** The table as it can be restored: its peers with their addresses, its bucket refresh times. */
  public synchronized RoutingSnapshot snapshot() {
    List<PeerInfo> peers = new ArrayList<>();
    for (PeerId peer : table.peers()) {
      peers.add(info(peer));
    }
    Map<Integer, Instant> refreshed = new HashMap<>();
    for (int cpl = 0; cpl <= RoutingTable.MAX_REFRESH_CPL; cpl++) {
      int bucket = cpl;
      table.lastRefreshed(cpl).ifPresent(at -> refreshed.put(bucket, at));
    }
    return new RoutingSnapshot(peers, refreshed);
  }

  /** The local key. */
  public Key localKey() {
    return table.localKey();
  }
}

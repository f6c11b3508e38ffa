package io.reactivedht.core.routing;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Kademlia routing table of one node: 256 k-buckets, where bucket {@code i} holds the DHT
 * servers whose key shares exactly {@code i} leading bits with the local key (the local key itself,
 * CPL 256, is never stored).
 *
 * <p>Each bucket keeps its entries from least to most recently seen, plus a bounded cache of
 * replacement candidates seen while it was full. The caller reports every sign of life of a DHT
 * server with {@link #insert}; when the bucket is full the result may be {@link
 * InsertResult.Pending}: ping the oldest entry and report the outcome with {@link
 * #livenessChecked}. A dead entry (or one {@link #remove}d after an RPC failure) gives its place to
 * the most recently seen candidate. Only peers that identify says are DHT servers get in; a peer
 * reported as a client leaves.
 *
 * <p>Not thread-safe: one serialized context (the DHT's event loop) owns the table. Time comes in
 * as {@code now} and is assumed never to go backwards. An IP-diversity filter (at most 2 peers per
 * IP group per bucket, 3 per table, as Amino recommends) is out of scope here, since addresses are
 * not known to the table; the caller applies one before {@link #insert} if it wants one.
 *
 * <h2>Implementation notes</h2>
 *
 * <p><b>Closest peers.</b> Let {@code d = target XOR local}. A peer in bucket {@code i} agrees with
 * the local key on bits {@code 0..i-1} and differs at bit {@code i}, so its distance to the target
 * has bits {@code 0..i-1} equal to those of {@code d} and bit {@code i} equal to {@code NOT d[i]}.
 * Every bucket therefore covers its own interval of distances, and for buckets {@code i < j} the
 * first bit where their distances can differ is bit {@code i}: bucket {@code i} is closer exactly
 * when {@code d[i] = 1}. The buckets ordered by distance to the target are thus: those with {@code
 * d[i] = 1} by ascending {@code i} (the first is the target's own CPL), then those with {@code d[i]
 * = 0} by descending {@code i}. {@link #closest} visits them in that order and sorts only the
 * buckets it takes from (about n/k of them, at most k entries each), so a query costs 256 bit tests
 * plus a few small sorts, and its answer is exactly the n closest stored peers.
 *
 * <p><b>Liveness checks.</b> As in rust-libp2p, a full bucket asks for one ping at a time and never
 * evicts without a report: the newcomer waits in the replacement cache (so with a running check,
 * further newcomers only refresh the cache), and an unanswered check is abandoned after {@link
 * RoutingTableConfig#livenessCheckTimeout()}. A full bucket whose oldest entry was seen within
 * {@link RoutingTableConfig#staleAfter()} asks for no ping at all: its members are all fresher than
 * that.
 *
 * <p><b>Refresh.</b> Like go-libp2p-kbucket, refresh times are tracked for CPLs 0 to {@link
 * #MAX_REFRESH_CPL} only: a random key in a deeper bucket costs 2<sup>cpl+1</sup> hashes to find
 * (see {@link RefreshKeys}). Bucket {@code c} can fill only when the network has k·2<sup>c+1</sup>
 * servers, so the cap matters only beyond about 1.3 million servers; the deeper buckets hold the
 * peers closest to the local key, which every self lookup finds anyway.
 */
public final class RoutingTable {
  /**
   * The deepest CPL that is refreshed with random-key lookups (go-libp2p-kbucket's {@code
   * maxCplForRefresh}).
   */
  public static final int MAX_REFRESH_CPL = 15;

  private static final InsertResult SELF = new InsertResult.Rejected(InsertResult.Reason.SELF);
  private static final InsertResult NOT_A_SERVER =
      new InsertResult.Rejected(InsertResult.Reason.NOT_A_SERVER);

  private final Key local;
  private final RoutingTableConfig config;

  /** Created on first use: in a large network most of the 256 stay empty. */
  private final @Nullable KBucket[] buckets = new KBucket[Key.BITS];

  /** One past the deepest bucket ever made: the searches stop there, not at bit 256. */
  private int bucketsEnd;

  private final @Nullable Instant[] refreshedAt = new Instant[MAX_REFRESH_CPL + 1];
  private int size;

  /**
   * An empty table around {@code local} (the local peer's {@link PeerId#key()}) with the default
   * config.
   *
   * @param local the local peer's key; peers are bucketed by their CPL with it
   */
  public RoutingTable(Key local) {
    this(local, RoutingTableConfig.DEFAULT);
  }

  /**
   * An empty table around {@code local} (the local peer's {@link PeerId#key()}).
   *
   * @param local the local peer's key; peers are bucketed by their CPL with it
   * @param config the bucket size, cache size and liveness-check timings
   */
  public RoutingTable(Key local, RoutingTableConfig config) {
    this.local = local;
    this.config = config;
  }

  /**
   * The local key the buckets are relative to.
   *
   * @return the key given to the constructor
   */
  public Key localKey() {
    return local;
  }

  /**
   * The settings.
   *
   * @return the config given to the constructor
   */
  public RoutingTableConfig config() {
    return config;
  }

  /**
   * Reports a sign of life of {@code peer} at {@code now} (identify, a successful RPC, an inbound
   * request): inserts it, refreshes it, or tells the caller what to check first. A peer that is not
   * a DHT server is rejected, and removed if it was in the table (it switched to client mode).
   *
   * @param peer the peer heard from; the local peer itself is rejected
   * @param dhtServer whether the peer's identify protocols list {@code /ipfs/kad/1.0.0}
   * @param now when it was heard from
   * @return what happened; a {@link InsertResult.Pending} asks the caller for a liveness check
   */
  public InsertResult insert(PeerId peer, boolean dhtServer, Instant now) {
    int cpl = bucketIndex(peer);
    if (cpl == Key.BITS) {
      return SELF;
    }
    if (!dhtServer) {
      Removal removal = removeFrom(cpl, peer, now);
      return removal == null ? NOT_A_SERVER : new InsertResult.Removed(removal);
    }
    KBucket bucket = buckets[cpl];
    if (bucket == null) {
      bucket = new KBucket(config);
      buckets[cpl] = bucket;
      bucketsEnd = Math.max(bucketsEnd, cpl + 1);
    }
    InsertResult result = bucket.insert(peer, now);
    if (result instanceof InsertResult.Inserted) {
      size++;
    }
    return result;
  }

  /**
   * Reports the outcome of a liveness check (usually the one a {@link InsertResult.Pending} asked
   * for). Alive: the entry becomes the most recently seen and the waiting candidates stay cached.
   * Dead: the entry is removed and the most recently seen candidate takes its place.
   *
   * @param peer the peer that was checked
   * @param alive whether it answered
   * @param now when the outcome is known; becomes its last-seen time if alive
   * @return the removal, when {@code peer} was dead and in the table
   */
  public Optional<Removal> livenessChecked(PeerId peer, boolean alive, Instant now) {
    if (alive) {
      KBucket bucket = bucketOf(peer);
      if (bucket != null) {
        bucket.markAlive(peer, now);
      }
      return Optional.empty();
    }
    return remove(peer, now);
  }

  /**
   * Removes {@code peer} (after an RPC timeout, a failed dial, a disconnect the caller treats as
   * fatal) from the table and from the replacement caches; the most recently seen candidate of its
   * bucket takes its place.
   *
   * @param peer the peer to drop; nothing happens if it is neither stored nor cached
   * @param now when the promoted candidate (if any) enters the bucket
   * @return the removal, when {@code peer} was in the table (not merely a candidate)
   */
  public Optional<Removal> remove(PeerId peer, Instant now) {
    int cpl = bucketIndex(peer);
    return cpl == Key.BITS ? Optional.empty() : Optional.ofNullable(removeFrom(cpl, peer, now));
  }

  /**
   * The (at most) {@code n} stored peers closest to {@code target}, closest first.
   *
   * @param target the key to measure XOR distance to; need not be a stored peer's key
   * @param n how many peers to return at most; must not be negative
   * @return a new list of at most {@code n} peers in XOR distance order; replacement candidates are
   *     not included
   */
  public List<PeerId> closest(Key target, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative, got " + n);
    }
    List<PeerId> out = new ArrayList<>(Math.min(n, size));
    for (int i = 0; i < bucketsEnd && out.size() < n; i++) {
      if (target.bit(i) != local.bit(i)) {
        addClosest(i, target, n, out);
      }
    }
    for (int i = bucketsEnd - 1; i >= 0 && out.size() < n; i--) {
      if (target.bit(i) == local.bit(i)) {
        addClosest(i, target, n, out);
      }
    }
    return out;
  }

  /**
   * The bucket {@code peer} belongs in: its CPL with the local key (256 for the local peer).
   *
   * @param peer any peer, stored or not
   * @return 0 to 256
   */
  public int bucketIndex(PeerId peer) {
    return bucketIndex(peer.key());
  }

  /**
   * The bucket {@code key} falls in: its CPL with the local key (256 for the local key).
   *
   * @param key any key, such as a lookup target
   * @return 0 to 256
   */
  public int bucketIndex(Key key) {
    return local.commonPrefixLength(key);
  }

  /**
   * Whether {@code peer} is in the table (replacement candidates do not count).
   *
   * @param peer the peer to look for
   * @return true if it is an entry of its bucket
   */
  public boolean contains(PeerId peer) {
    return entry(peer).isPresent();
  }

  /**
   * The entry of {@code peer}, if it is in the table.
   *
   * @param peer the peer to look for
   * @return its entry, or empty if it is not stored (or is only a replacement candidate)
   */
  public Optional<PeerEntry> entry(PeerId peer) {
    KBucket bucket = bucketOf(peer);
    return bucket == null ? Optional.empty() : Optional.ofNullable(bucket.entry(peer));
  }

  /**
   * The number of peers in the table.
   *
   * @return the number of bucket entries, replacement candidates not counted
   */
  public int size() {
    return size;
  }

  /**
   * The entries of bucket {@code cpl}, least recently seen first.
   *
   * @param cpl the bucket index, 0 to 255
   * @return an immutable snapshot, empty if the bucket was never used
   */
  public List<PeerEntry> bucket(int cpl) {
    KBucket bucket = buckets[checkCpl(cpl)];
    return bucket == null ? List.of() : bucket.entries();
  }

  /**
   * The replacement candidates of bucket {@code cpl}, least recently seen first (the last is
   * promoted first).
   *
   * @param cpl the bucket index, 0 to 255
   * @return an immutable snapshot, empty if the bucket has no candidates
   */
  public List<PeerEntry> replacementCandidates(int cpl) {
    KBucket bucket = buckets[checkCpl(cpl)];
    return bucket == null ? List.of() : bucket.candidates();
  }

  /**
   * All peers in the table, by bucket from CPL 0, each bucket least recently seen first.
   *
   * @return a new list of {@link #size()} peers
   */
  public List<PeerId> peers() {
    List<PeerId> out = new ArrayList<>(size);
    for (KBucket bucket : buckets) {
      if (bucket != null) {
        bucket.addPeersTo(out);
      }
    }
    return out;
  }

  /**
   * Records that a lookup for a key in bucket {@code cpl} completed at {@code now}: any lookup
   * counts, not only refresh lookups. CPLs deeper than {@link #MAX_REFRESH_CPL} are not tracked and
   * ignored.
   *
   * @param cpl 0 to 256 (256, a lookup of the local key, is ignored too)
   * @param now when the lookup completed; an earlier time than the recorded one is ignored
   */
  public void markRefreshed(int cpl, Instant now) {
    if (cpl < 0 || cpl > Key.BITS) {
      throw new IllegalArgumentException("cpl must be in [0, 256], got " + cpl);
    }
    if (cpl <= MAX_REFRESH_CPL && (refreshedAt[cpl] == null || now.isAfter(refreshedAt[cpl]))) {
      refreshedAt[cpl] = now;
    }
  }

  /**
   * When bucket {@code cpl} was last refreshed; empty if never, or if {@code cpl >
   * MAX_REFRESH_CPL}.
   *
   * @param cpl the bucket index, 0 to 255
   * @return the time last passed to {@link #markRefreshed} for this CPL
   */
  public Optional<Instant> lastRefreshed(int cpl) {
    checkCpl(cpl);
    return cpl <= MAX_REFRESH_CPL ? Optional.ofNullable(refreshedAt[cpl]) : Optional.empty();
  }

  /**
   * The CPLs to refresh now, ascending: those from 0 to the deepest non-empty bucket (0 when the
   * table is empty), capped at {@link #MAX_REFRESH_CPL}, that were never refreshed or last
   * refreshed more than {@code interval} ago. Refresh each with a lookup for {@link
   * RefreshKeys#forCpl} and report it with {@link #markRefreshed}.
   *
   * <p>go-libp2p-kad-dht additionally stops, after refreshing a CPL whose bucket is still empty, at
   * CPL {@code 2 * (cpl + 1)}; that depends on the outcome of the refresh, so it is the refresh
   * job's decision.
   *
   * @param now the current time
   * @param interval the refresh period; a CPL refreshed exactly {@code interval} ago is not due yet
   * @return the due CPLs, 0 to {@link #MAX_REFRESH_CPL}, ascending
   */
  public List<Integer> cplsNeedingRefresh(Instant now, Duration interval) {
    List<Integer> out = new ArrayList<>();
    int last = Math.min(deepestNonEmptyBucket(), MAX_REFRESH_CPL);
    for (int cpl = 0; cpl <= last; cpl++) {
      Instant at = refreshedAt[cpl];
      if (at == null || Duration.between(at, now).compareTo(interval) > 0) {
        out.add(cpl);
      }
    }
    return out;
  }

  private int deepestNonEmptyBucket() {
    for (int cpl = Key.BITS - 1; cpl > 0; cpl--) {
      KBucket bucket = buckets[cpl];
      if (bucket != null && bucket.size() > 0) {
        return cpl;
      }
    }
    return 0;
  }

  private void addClosest(int cpl, Key target, int n, List<PeerId> out) {
    KBucket bucket = buckets[cpl];
    if (bucket != null) {
      bucket.addClosestTo(target, n - out.size(), out);
    }
  }

  private @Nullable Removal removeFrom(int cpl, PeerId peer, Instant now) {
    KBucket bucket = buckets[cpl];
    Removal removal = bucket == null ? null : bucket.remove(peer, now);
    if (removal != null && removal.promoted() == null) {
      size--;
    }
    return removal;
  }

  private @Nullable KBucket bucketOf(PeerId peer) {
    int cpl = bucketIndex(peer);
    return cpl == Key.BITS ? null : buckets[cpl];
  }

  private static int checkCpl(int cpl) {
    if (cpl < 0 || cpl >= Key.BITS) {
      throw new IllegalArgumentException("bucket index must be in [0, 255], got " + cpl);
    }
    return cpl;
  }
}

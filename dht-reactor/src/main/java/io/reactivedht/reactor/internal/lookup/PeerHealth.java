package io.reactivedht.reactor.internal.lookup;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.query.PeerPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What a node has learned about how peers answer, shared by all its lookups: a round-trip estimate
 * per peer and one for the whole node, from which each request gets its slot timeout, and a short
 * backoff for peers that just failed.
 *
 * <p><b>Slot timeouts.</b> Two estimates set a request's slot timeout. The node's: {@link
 * #NODE_FACTOR} times the 99th percentile of its last {@link #NODE_SAMPLES} round trips with any
 * peer, the bar every request gets (a slot timeout that stalls one healthy request in a hundred
 * would cost a lookup for the k closest one of its 20 peers in five). The peer's, TCP's
 * retransmission timeout (RFC 6298): the first sample R gives {@code srtt = R}, {@code rttvar =
 * R/2}; each later one {@code rttvar = 3/4 rttvar + 1/4 |srtt - R|}, {@code srtt = 7/8 srtt + 1/8
 * R}, and the estimate is {@code srtt + 4 rttvar}: it lengthens the slot of a peer known to be
 * slower than the bar. The slot timeout is the larger of the two ({@link #INITIAL_SLOT_TIMEOUT}
 * while the node has fewer than {@link #MIN_NODE_SAMPLES} round trips and the peer none), always
 * between {@link #SLOT_TIMEOUT_FLOOR} and the RPC timeout. Past it the request stops counting
 * against alpha and stops holding up the lookup's end (rust-libp2p's stalled peers), while a late
 * answer is still taken until the RPC timeout.
 *
 * <p><b>Backoff.</b> A peer whose request failed, timed out, or was still stalled when its lookup
 * ended is avoided by the next lookups for {@link #BACKOFF_BASE}, doubled for each further failure
 * in a row up to {@link #BACKOFF_MAX}; an answer forgets its failures. Avoided peers are skipped
 * without a request.
 *
 * <p>Bounded: at most {@link #MAX_PEERS} peers are remembered, the least recently used forgotten
 * first. Thread-safe; every call is a few map operations under this object's monitor.
 */
public final class PeerHealth implements PeerPolicy {
  /** The shortest slot timeout: below it, jitter alone would stall healthy peers. */
  public static final Duration SLOT_TIMEOUT_FLOOR = Duration.ofMillis(250);

  /**
   * The slot timeout before the node has round trips to go by: twice TCP's initial retransmission
   * timeout, since a first request to a peer also dials it (TCP, Noise and yamux handshakes: about
   * four round trips).
   */
  public static final Duration INITIAL_SLOT_TIMEOUT = Duration.ofSeconds(2);

  /** How long a peer is avoided after one failure. */
  public static final Duration BACKOFF_BASE = Duration.ofSeconds(30);

  /** The longest a peer is avoided, however often it failed. */
  public static final Duration BACKOFF_MAX = Duration.ofMinutes(10);

  /** The most peers remembered. */
  public static final int MAX_PEERS = 1024;

  /** How many of the node's latest round trips its percentile is taken over. */
  public static final int NODE_SAMPLES = 256;

  /**
   * How many round trips the node needs before its percentile counts: the 99th percentile of fewer
   * than a hundred is their largest, which underestimates it (of 16, it is about the 94th, and at
   * 1.5 times that a fresh node stalled one healthy request in 250, missing one of the k closest in
   * about one lookup in twenty: measured on a simulated network whose nodes had just started).
   */
  public static final int MIN_NODE_SAMPLES = 100;

  /** How many round trips pass between two computations of the node's percentile. */
  private static final int BAR_EVERY = 16;

  /** The node's bar: this times the 99th percentile of its recent round trips. */
  public static final double NODE_FACTOR = 1.5;

  private final long floorNanos;
  private final long ceilingNanos;
  private final LongSupplier nanoClock;

  /**
   * The node's latest round trips, a ring; allocated with the first one (a node that never asks
   * holds none).
   */
  private long @Nullable [] recent;

  private long recentCount;

  /**
   * The node's bar in nanoseconds, recomputed every {@link #BAR_EVERY} samples; 0 until it counts.
   */
  private long nodeBarNanos;

  /**
   * The remembered peers with failures since their last answer: usually none, so that the question
   * a server asks of every peer it would recommend costs no probe of {@link #peers} (nor a change
   * of its access order).
   */
  private final FailingPeers failing = new FailingPeers();

  private final RecentPeers<Peer> peers =
      new RecentPeers<>(MAX_PEERS, Peer::new, forgotten -> failing.remove(forgotten.id));

  /**
   * @param rpcTimeout the longest slot timeout (a request is abandoned at it anyway)
   * @param nanoClock the time in nanoseconds (the node's scheduler, so that virtual time drives the
   *     backoff)
   */
  public PeerHealth(Duration rpcTimeout, LongSupplier nanoClock) {
    this.ceilingNanos = rpcTimeout.toNanos();
    this.floorNanos = Math.min(SLOT_TIMEOUT_FLOOR.toNanos(), ceilingNanos);
    this.nanoClock = nanoClock;
  }

  /**
   * Takes a round trip of {@code peer} into its estimate and the node's, and forgets its failures.
   */
  public synchronized void answered(PeerId peer, Duration rtt) {
    long r = Math.max(0, rtt.toNanos());
    Peer p = peers.getOrCreate(peer);
    p.add(r);
    p.failures = 0;
    failing.remove(peer);
    p.avoidUntilNanos = 0;
    long[] ring = recent;
    if (ring == null) {
      ring = new long[NODE_SAMPLES];
      recent = ring;
    }
    ring[(int) (recentCount++ % NODE_SAMPLES)] = r;
    if (recentCount >= MIN_NODE_SAMPLES && (recentCount - MIN_NODE_SAMPLES) % BAR_EVERY == 0) {
      nodeBarNanos = nodeBar();
    }
  }

  /**
   * {@link #NODE_FACTOR} times the 99th percentile of the ring: its r-th largest value (r = n -
   * ceil(0.99 n) + 1, 3 of 256), found in one pass over the ring rather than by sorting a copy.
   */
  private long nodeBar() {
    long[] ring = Objects.requireNonNull(recent);
    int n = (int) Math.min(recentCount, NODE_SAMPLES);
    int rank = n - Math.min(n - 1, (int) Math.ceil(0.99 * n) - 1); // 1 = the largest
    long[] top = new long[rank]; // the rank largest so far, largest first
    Arrays.fill(top, Long.MIN_VALUE);
    for (int i = 0; i < n; i++) {
      long v = ring[i];
      if (v > top[rank - 1]) {
        int at = rank - 1;
        while (at > 0 && top[at - 1] < v) {
          top[at] = top[at - 1];
          at--;
        }
        top[at] = v;
      }
    }
    return (long) (NODE_FACTOR * top[rank - 1]);
  }

  /**
   * Backs off from {@code peer}: it failed, timed out, or stalled until its lookup ended.
   *
   * @return how many times in a row it has failed now, this time included
   */
  public synchronized int failed(PeerId peer) {
    Peer p = peers.getOrCreate(peer);
    p.failures = Math.min(p.failures + 1, 30);
    failing.add(peer);
    long backoff =
        Math.min(BACKOFF_BASE.toNanos() << Math.min(p.failures - 1, 20), BACKOFF_MAX.toNanos());
    p.avoidUntilNanos = nanoClock.getAsLong() + backoff;
    return p.failures;
  }

  @Override
  public synchronized Duration slotTimeout(PeerId peer) {
    Peer p = peers.get(peer);
    long own = p != null && p.samples > 0 ? p.timeoutNanos() : 0;
    long bar = nodeBarNanos > 0 ? nodeBarNanos : (own > 0 ? 0 : INITIAL_SLOT_TIMEOUT.toNanos());
    return Duration.ofNanos(Math.max(floorNanos, Math.min(ceilingNanos, Math.max(own, bar))));
  }

  @Override
  public synchronized boolean avoid(PeerId peer) {
    Peer p = peers.get(peer);
    return p != null && p.avoidUntilNanos != 0 && nanoClock.getAsLong() - p.avoidUntilNanos < 0;
  }

  /**
   * Whether {@code peer} failed, timed out or stalled since it last answered (or ever, if it never
   * did), as far as this node remembers: a server leaves such peers out of its closer-peers
   * answers.
   */
  public synchronized boolean hasFailedSinceLastAnswer(PeerId peer) {
    return failing.contains(peer);
  }

  /** The number of peers remembered. */
  synchronized int size() {
    return peers.size();
  }

  /**
   * What is known of one peer: its failures in a row, its backoff, and RFC 6298's smoothed round
   * trip and its variation in nanoseconds (one object per peer, its own entry in {@link #peers}: a
   * node remembers up to {@link #MAX_PEERS}, and in a large simulation they are most of its heap).
   */
  private static final class Peer extends RecentPeers.Entry {
    int failures;

    /** Round trips taken into the estimate, saturating (only "none yet" matters). */
    int samples;

    long avoidUntilNanos;
    long srtt;
    long rttvar;

    Peer(PeerId id) {
      super(id);
    }

    void add(long r) {
      if (samples == 0) {
        srtt = r;
        rttvar = r / 2;
      } else {
        rttvar = (3 * rttvar + Math.abs(srtt - r)) / 4;
        srtt = (7 * srtt + r) / 8;
      }
      if (samples < Integer.MAX_VALUE) {
        samples++;
      }
    }

    long timeoutNanos() {
      return srtt + 4 * rttvar;
    }
  }
}

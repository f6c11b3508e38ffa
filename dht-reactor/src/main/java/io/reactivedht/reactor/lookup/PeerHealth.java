package io.reactivedht.reactor.lookup;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.query.PeerPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What a node has learned about how peers answer, shared by all its lookups: a round-trip estimate per peer and one
 * for the whole node, from which each request gets its slot timeout, and a short backoff for peers that just failed.
 *
 * <p><b>Slot timeouts.</b> The estimate is TCP's (RFC 6298): the first sample R gives {@code srtt = R}, {@code rttvar
 * = R/2}; each later one {@code rttvar = 3/4 rttvar + 1/4 |srtt - R|}, {@code srtt = 7/8 srtt + 1/8 R}. A request's
 * slot timeout is {@code srtt + 4 rttvar} of the peer, or of the node for a peer never heard from, or
 * {@link #INITIAL_SLOT_TIMEOUT} before any answer at all; always between {@link #SLOT_TIMEOUT_FLOOR} and the RPC
 * timeout. Past it the request stops counting against alpha and stops holding up the lookup's end (rust-libp2p's
 * stalled peers), while a late answer is still taken until the RPC timeout.
 *
 * <p><b>Backoff.</b> A peer whose request failed, timed out, or was still stalled when its lookup ended is avoided
 * by the next lookups for {@link #BACKOFF_BASE}, doubled for each further failure in a row up to
 * {@link #BACKOFF_MAX}; an answer forgets its failures. Avoided peers are skipped without a request.
 *
 * <p>Bounded: at most {@link #MAX_PEERS} peers are remembered, the least recently used forgotten first. Thread-safe;
 * every call is a few map operations under this object's monitor.
 */
public final class PeerHealth implements PeerPolicy {
  /** The shortest slot timeout: below it, jitter alone would stall healthy peers. */
  public static final Duration SLOT_TIMEOUT_FLOOR = Duration.ofMillis(250);
  /** The slot timeout before the node has any round trip to go by (TCP's initial retransmission timeout). */
  public static final Duration INITIAL_SLOT_TIMEOUT = Duration.ofSeconds(1);
  /** How long a peer is avoided after one failure. */
  public static final Duration BACKOFF_BASE = Duration.ofSeconds(30);
  /** The longest a peer is avoided, however often it failed. */
  public static final Duration BACKOFF_MAX = Duration.ofMinutes(10);
  /** The most peers remembered. */
  public static final int MAX_PEERS = 1024;

  private final long floorNanos;
  private final long ceilingNanos;
  private final LongSupplier nanoClock;
  private final Estimate node = new Estimate();
  private final Map<PeerId, Peer> peers = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<PeerId, Peer> eldest) {
      return size() > MAX_PEERS;
    }
  };

  /**
   * @param rpcTimeout the longest slot timeout (a request is abandoned at it anyway)
   * @param nanoClock the time in nanoseconds (the node's scheduler, so that virtual time drives the backoff)
   */
  public PeerHealth(Duration rpcTimeout, LongSupplier nanoClock) {
    this.ceilingNanos = rpcTimeout.toNanos();
    this.floorNanos = Math.min(SLOT_TIMEOUT_FLOOR.toNanos(), ceilingNanos);
    this.nanoClock = nanoClock;
  }

  /** Takes a round trip of {@code peer} into its estimate and the node's, and forgets its failures. */
  public synchronized void answered(PeerId peer, Duration rtt) {
    long r = Math.max(0, rtt.toNanos());
    Peer p = peers.computeIfAbsent(peer, id -> new Peer());
    p.estimate.add(r);
    p.failures = 0;
    p.avoidUntilNanos = 0;
    node.add(r);
  }

  /** Backs off from {@code peer}: it failed, timed out, or stalled until its lookup ended. */
  public synchronized void failed(PeerId peer) {
    Peer p = peers.computeIfAbsent(peer, id -> new Peer());
    p.failures = Math.min(p.failures + 1, 30);
    long backoff = Math.min(BACKOFF_BASE.toNanos() << Math.min(p.failures - 1, 20), BACKOFF_MAX.toNanos());
    p.avoidUntilNanos = nanoClock.getAsLong() + backoff;
  }

  @Override
  public synchronized Duration slotTimeout(PeerId peer) {
    Peer p = peers.get(peer);
    Estimate e = p != null && p.estimate.samples > 0 ? p.estimate : node;
    long timeout = e.samples > 0 ? e.timeoutNanos() : INITIAL_SLOT_TIMEOUT.toNanos();
    return Duration.ofNanos(Math.max(floorNanos, Math.min(ceilingNanos, timeout)));
  }

  @Override
  public synchronized boolean avoid(PeerId peer) {
    Peer p = peers.get(peer);
    return p != null && p.avoidUntilNanos != 0 && nanoClock.getAsLong() - p.avoidUntilNanos < 0;
  }

  /** The number of peers remembered. */
  synchronized int size() {
    return peers.size();
  }

  private static final class Peer {
    final Estimate estimate = new Estimate();
    int failures;
    long avoidUntilNanos;
  }

  /** RFC 6298's smoothed round trip and its variation, in nanoseconds. */
  private static final class Estimate {
    long srtt;
    long rttvar;
    long samples;

    void add(long r) {
      if (samples++ == 0) {
        srtt = r;
        rttvar = r / 2;
      } else {
        rttvar = (3 * rttvar + Math.abs(srtt - r)) / 4;
        srtt = (7 * srtt + r) / 8;
      }
    }

    long timeoutNanos() {
      return srtt + 4 * rttvar;
    }
  }
}

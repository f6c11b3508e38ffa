package io.reactivedht.core.query;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.query.Candidate.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/*
 * Implementation notes.
 *
 * Every peer the lookup hears of gets one Candidate, found by peer id in `known`. Its state is shared by all
 * paths: a peer is queried once, by the first path that wants it, and only that path learns the closer peers
 * it returns (S/Kademlia's disjointness); every path that knows the peer sees the outcome. Each path keeps the
 * candidates it knows in one distance-sorted set per live state, so the questions asked on every step are
 * answered from the heads of those sets:
 *
 *   - whom to query: the path's closest NOT_CONTACTED candidate, unless `quorum` answered peers are already
 *     closer (it could neither enter the result nor end the search), and only while the path has a free slot;
 *   - whether the path is settled: the closest candidate still NOT_CONTACTED or WAITING has `quorum` answered
 *     peers closer than it, or there is none. Failed and unresponsive peers are skipped, so they are replaced
 *     by the next closest. With quorum = k this is rust-libp2p's ClosestPeersIter rule (the k closest live
 *     peers have all succeeded, or no peers are left); with quorum = beta it is go-libp2p-kad-dht's
 *     isLookupTermination (the beta closest not-unreachable peers are all queried) together with
 *     isStarvationTermination (nothing heard and nothing waiting).
 *
 * Each step costs O(paths * (quorum + log n)) for n known peers. Timeouts sit in a priority queue by deadline
 * with lazy removal: a candidate enters it once, when queried, and is skipped when found no longer WAITING.
 * A candidate past its deadline becomes UNRESPONSIVE: it frees its slot and stops holding up termination, but
 * a late answer is still taken (as in rust-libp2p). Each request's deadline is its own: the PeerPolicy's slot
 * timeout for that peer (derived by the driver from measured round trips), capped at config.peerTimeout(). Unlike
 * rust-libp2p there is no "stalled" mode widening the parallelism to k: a stalled request frees its slot, so at
 * most alpha requests are ever within their slot timeout.
 *
 * One exception: while no peer has answered at all, a lookup with nothing left to ask waits for its stalled requests
 * until config.peerTimeout() (the driver's RPC timeout), as go's isStarvationTermination waits for every request in
 * flight. Otherwise a lookup whose every peer is slow (a cold start, where each request also opens a connection)
 * would end empty-handed at the first slot timeout. Waiting for them whenever fewer than quorum answered was tried
 * and measured: in a network that just lost a fifth of its nodes it made the slowest lookups wait the full RPC
 * timeout again. The scan over known candidates this costs happens only then.
 *
 * A peer the policy says to avoid is skipped when it would be queried: it becomes FAILED without a request, and
 * the next closest takes its place.
 *
 * Follow-up (config.followUp() with early termination): when a path settles at beta, it does not finish but
 * freezes what it knows (it learns no more closer peers) and settles again with quorum k, which asks exactly the
 * peers among the k closest known (failed and stalled ones replaced by the next) that were not asked yet.
 */

/**
 * The shared machinery of {@link ClosestPeersLookup} (one path) and {@link DisjointPathsLookup}
 * (several).
 */
abstract sealed class AbstractLookup implements Lookup
    permits ClosestPeersLookup, DisjointPathsLookup {
  private final Key target;
  private final PeerId self;
  private final LookupConfig config;
  private final PeerPolicy policy;
  private final int quorum;
  private final Comparator<Candidate> byDistance;
  private final Map<PeerId, Candidate> known = new HashMap<>();
  private final Path[] paths;
  private final NavigableSet<Candidate> answered;
  private final PriorityQueue<Candidate> deadlines =
      new PriorityQueue<>(
          Comparator.comparing((Candidate c) -> Objects.requireNonNull(c.deadline)));

  /** The path to offer the next query first, so that paths take turns. */
  private int turn;

  private int inFlight;
  private int contacted;
  private int succeeded;
  private int failed;
  private int timedOut;
  private int skipped;
  private boolean finished;

  AbstractLookup(
      Key target,
      PeerId self,
      Collection<PeerId> seeds,
      LookupConfig config,
      PeerPolicy policy,
      int pathCount) {
    this.target = Objects.requireNonNull(target, "target");
    this.self = Objects.requireNonNull(self, "self");
    this.config = Objects.requireNonNull(config, "config");
    this.policy = Objects.requireNonNull(policy, "policy");
    if (pathCount < 1 || pathCount > config.alpha()) {
      throw new IllegalArgumentException(
          "the number of paths must be between 1 and alpha ("
              + config.alpha()
              + "), got "
              + pathCount);
    }
    this.quorum = config.quorum();
    this.byDistance =
        (a, b) -> {
          if (a == b) {
            return 0; // the last step of every search of a sorted set for a member
          }
          int byPrefix = Long.compareUnsigned(a.distancePrefix, b.distancePrefix);
          if (byPrefix != 0) {
            return byPrefix;
          }
          int order = target.compareDistance(a.key, b.key);
          // Equal keys mean a SHA-256 collision; order by id anyway so that no set ever merges two
          // peers.
          return order != 0 ? order : Arrays.compareUnsigned(a.peer.bytes(), b.peer.bytes());
        };
    this.answered = new TreeSet<>(byDistance);
    this.paths = new Path[pathCount];
    for (int i = 0; i < pathCount; i++) {
      // alpha slots shared out: alpha / d each, the first alpha % d paths one more.
      int slots = config.alpha() / pathCount + (i < config.alpha() % pathCount ? 1 : 0);
      paths[i] = new Path(i, slots, byDistance);
    }
    for (PeerId seed : seeds) {
      for (Path path : paths) {
        learn(path, seed);
      }
    }
  }

  @Override
  public Key target() {
    return target;
  }

  @Override
  public LookupConfig config() {
    return config;
  }

  @Override
  public LookupStep next(Instant now) {
    Objects.requireNonNull(now, "now");
    if (finished) {
      return new LookupStep.Finished();
    }
    expire(now);
    boolean slotsFull = false;
    boolean allSettled = true;
    for (int i = 0; i < paths.length; i++) {
      Path path = paths[(turn + i) % paths.length];
      settle(path);
      if (path.finished) {
        continue;
      }
      allSettled = false;
      Candidate candidate = path.nextToQuery(quorumOf(path));
      while (candidate != null && policy.avoid(candidate.peer)) {
        transition(candidate, State.FAILED);
        skipped++;
        candidate = path.nextToQuery(quorumOf(path));
      }
      if (candidate == null) {
        continue;
      }
      if (path.hasFreeSlot()) {
        query(path, candidate, now);
        turn = (path.index + 1) % paths.length;
        return new LookupStep.Query(candidate.peer);
      }
      slotsFull = true;
    }
    Candidate earliest = deadlines.peek();
    if ((allSettled || earliest == null) && answered.isEmpty()) {
      Instant lastChance = earliestPeerTimeout();
      if (lastChance != null && now.isBefore(lastChance)) {
        // Nobody answered yet: rather than end empty-handed, wait for the stalled requests.
        return new LookupStep.Waiting(lastChance);
      }
    }
    if (allSettled || earliest == null) {
      // earliest == null cannot happen while a path is unsettled: with nothing in flight, a path's
      // closest
      // pending peer is a candidate to query and the path has a free slot. Ending is the safe
      // answer anyway.
      finish();
      return new LookupStep.Finished();
    }
    Instant deadline = Objects.requireNonNull(earliest.deadline);
    return slotsFull ? new LookupStep.AtCapacity(deadline) : new LookupStep.Waiting(deadline);
  }

  @Override
  public boolean onSuccess(PeerId peer, Collection<PeerId> closerPeers) {
    Candidate c = awaitedCandidate(peer);
    if (c == null) {
      return false;
    }
    settle(c, State.SUCCEEDED);
    succeeded++;
    answered.add(c);
    Path path = paths[c.path];
    if (!path.finished && !path.followingUp) {
      for (PeerId closer : closestDistinct(closerPeers)) {
        learn(path, closer);
      }
    }
    return true;
  }

  @Override
  public boolean onFailure(PeerId peer) {
    Candidate c = awaitedCandidate(peer);
    if (c == null) {
      return false;
    }
    settle(c, State.FAILED);
    failed++;
    return true;
  }

  @Override
  public boolean isFinished() {
    return finished;
  }

  @Override
  public void finish() {
    finished = true;
  }

  @Override
  public List<PeerId> result() {
    return answered.stream().limit(config.numResults()).map(c -> c.peer).toList();
  }

  @Override
  public int inFlight() {
    return inFlight;
  }

  @Override
  public LookupStats stats() {
    return new LookupStats(contacted, succeeded, failed, timedOut, skipped);
  }

  int pathCount() {
    return paths.length;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "[target="
        + target
        + ", paths="
        + paths.length
        + ", inFlight="
        + inFlight
        + ", finished="
        + finished
        + ", "
        + stats()
        + "]";
  }

  /**
   * Finishes a path whose search is over, or with follow-up, moves it to its follow-up phase first
   * (and finishes it only once that phase too is settled).
   */
  private void settle(Path path) {
    if (path.finished || !path.isSettled(quorumOf(path))) {
      return;
    }
    if (config.followUp() && !path.followingUp && quorum < config.numResults()) {
      path.followingUp = true;
      if (!path.isSettled(quorumOf(path))) {
        return;
      }
    }
    path.finished = true;
  }

  /** How many of a path's closest live peers must have answered: k in the follow-up phase. */
  private int quorumOf(Path path) {
    return path.followingUp ? config.numResults() : quorum;
  }

  /** The candidate for {@code peer} if an outcome from it is expected now, else null. */
  private @Nullable Candidate awaitedCandidate(PeerId peer) {
    if (finished) {
      return null;
    }
    Candidate c = known.get(peer);
    return c != null && (c.state == State.WAITING || c.state == State.UNRESPONSIVE) ? c : null;
  }

  /** Makes {@code peer} known to {@code path}, unless it is the local peer. */
  private void learn(Path path, PeerId peer) {
    if (peer.equals(self)) {
      return;
    }
    Candidate c = known.get(peer);
    if (c == null) {
      c = new Candidate(peer, target); // not computeIfAbsent: its lambda would capture target
      known.put(peer, c);
    }
    path.learn(c);
  }

  private void query(Path path, Candidate c, Instant now) {
    c.path = path.index;
    c.queriedAt = now;
    Duration slot = policy.slotTimeout(c.peer);
    c.deadline =
        now.plus(
            slot.compareTo(config.peerTimeout()) < 0 && !slot.isNegative()
                ? slot
                : config.peerTimeout());
    transition(c, State.WAITING);
    deadlines.add(c);
    path.inFlight++;
    inFlight++;
    contacted++;
  }

  /**
   * When the first stalled request reaches {@link LookupConfig#peerTimeout()}, or null if none is
   * stalled.
   */
  private @Nullable Instant earliestPeerTimeout() {
    Instant earliest = null;
    for (Candidate c : known.values()) {
      if (c.state == State.UNRESPONSIVE) {
        Instant end = Objects.requireNonNull(c.queriedAt).plus(config.peerTimeout());
        if (earliest == null || end.isBefore(earliest)) {
          earliest = end;
        }
      }
    }
    return earliest;
  }

  /** Moves requests past their deadline to UNRESPONSIVE, freeing their slots. */
  private void expire(Instant now) {
    dropStaleDeadlines();
    Candidate head;
    while ((head = deadlines.peek()) != null
        && !now.isBefore(Objects.requireNonNull(head.deadline))) {
      deadlines.poll();
      transition(head, State.UNRESPONSIVE);
      releaseSlot(head);
      timedOut++;
      dropStaleDeadlines();
    }
  }

  /**
   * Removes queue heads whose request is no longer waiting, so that the head is the earliest live
   * deadline.
   */
  private void dropStaleDeadlines() {
    Candidate head;
    while ((head = deadlines.peek()) != null && head.state != State.WAITING) {
      deadlines.poll();
    }
  }

  /** Records the final outcome of a request, in time or late. */
  private void settle(Candidate c, State outcome) {
    boolean wasWaiting = c.state == State.WAITING;
    transition(c, outcome);
    if (wasWaiting) {
      releaseSlot(c);
    }
  }

  private void releaseSlot(Candidate c) {
    paths[c.path].inFlight--;
    inFlight--;
  }

  private void transition(Candidate c, State to) {
    for (Path path : paths) {
      path.move(c, c.state, to);
    }
    c.state = to;
  }

  /**
   * The distinct peers of a response other than the local peer, at most {@code maxCloserPeers} of
   * them, the closest to the target. A response larger than k breaks the protocol; keeping the
   * closest (rather than the first) makes the outcome independent of the order the peer chose, and
   * keeps what matters of what an honest peer with a larger bucket size would have sent. The cost
   * is O(m log k) for m peers, which the message size limit bounds; a response of at most that many
   * peers, as every honest one is, is taken as it is (learning a peer twice changes nothing).
   */
  private Collection<PeerId> closestDistinct(Collection<PeerId> peers) {
    if (peers.size() <= config.maxCloserPeers()) {
      return peers; // learn() leaves out the local peer
    }
    TreeMap<Key, PeerId> closest = new TreeMap<>(target.byDistance());
    for (PeerId peer : peers) {
      if (peer.equals(self)) {
        continue;
      }
      closest.put(peer.key(), peer);
      if (closest.size() > config.maxCloserPeers()) {
        closest.pollLastEntry();
      }
    }
    return closest.values();
  }
}

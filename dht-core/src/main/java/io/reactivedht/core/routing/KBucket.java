package io.reactivedht.core.routing;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One k-bucket: up to k entries from least to most recently seen, a bounded replacement cache in
 * the same order, and at most one running liveness check of its oldest entry. The entries and the
 * candidates never share a peer. Lists of at most k are scanned linearly (their key prefixes, see
 * {@link EntryList}); with k = 20 that beats any index.
 */
final class KBucket {
  private static final InsertResult INSERTED = new InsertResult.Inserted();
  private static final InsertResult UPDATED = new InsertResult.Updated();
  private static final InsertResult FULL = new InsertResult.Rejected(InsertResult.Reason.FULL);

  private final RoutingTableConfig config;

  /** Head = least recently seen. */
  private final EntryList entries;

  /** Head = least recently seen; the tail is promoted first. */
  private final EntryList candidates;

  private @Nullable LivenessCheck check;

  /** A ping of {@code peer} asked for at {@code startedAt} and not reported yet. */
  private record LivenessCheck(PeerId peer, Instant startedAt) {}

  KBucket(RoutingTableConfig config) {
    this.config = config;
    this.entries = new EntryList(config.bucketSize());
    this.candidates = new EntryList(config.replacementCacheSize() + 1);
  }

  int size() {
    return entries.size();
  }

  /** Inserts or refreshes a DHT server whose key falls in this bucket. */
  InsertResult insert(PeerId peer, Instant now) {
    int index = entries.indexOf(peer);
    if (index >= 0) {
      markSeen(index, now);
      return UPDATED;
    }
    if (entries.size() < config.bucketSize()) {
      dropCandidate(peer);
      entries.add(new PeerEntry(peer, now, now));
      return INSERTED;
    }
    rememberCandidate(peer, now);
    if (checkRunning(now)) {
      return FULL;
    }
    PeerEntry oldest = entries.get(0);
    if (oldest.lastSeen().plus(config.staleAfter()).isAfter(now)) {
      return FULL;
    }
    check = new LivenessCheck(oldest.peer(), now);
    return new InsertResult.Pending(oldest.peer());
  }

  /** Moves {@code peer} to the most recently seen end, if it is an entry. */
  boolean markAlive(PeerId peer, Instant now) {
    int index = entries.indexOf(peer);
    if (index < 0) {
      return false;
    }
    markSeen(index, now);
    return true;
  }

  /**
   * Removes {@code peer} from the entries and the candidates; if it was an entry, promotes the most
   * recently seen candidate into the freed place.
   *
   * @return the removal, or null if {@code peer} was not an entry
   */
  @Nullable Removal remove(PeerId peer, Instant now) {
    dropCandidate(peer);
    int index = entries.indexOf(peer);
    if (index < 0) {
      return null;
    }
    entries.remove(index);
    endCheckOf(peer);
    if (candidates.isEmpty()) {
      return new Removal(peer, null);
    }
    PeerEntry candidate = candidates.remove(candidates.size() - 1);
    insertByLastSeen(new PeerEntry(candidate.peer(), now, candidate.lastSeen()));
    return new Removal(peer, candidate.peer());
  }

  @Nullable PeerEntry entry(PeerId peer) {
    int index = entries.indexOf(peer);
    return index < 0 ? null : entries.get(index);
  }

  List<PeerEntry> entries() {
    return entries.snapshot();
  }

  List<PeerEntry> candidates() {
    return candidates.snapshot();
  }

  void addPeersTo(List<PeerId> out) {
    entries.addPeersTo(out);
  }

  /** Appends up to {@code limit} entries to {@code out}, closest to {@code target} first. */
  void addClosestTo(Key target, int limit, List<PeerId> out) {
    entries.addClosestTo(target, limit, out);
  }

  private void markSeen(int index, Instant now) {
    PeerEntry seen = entries.remove(index).seenAt(now);
    entries.add(seen);
    endCheckOf(seen.peer());
  }

  private boolean checkRunning(Instant now) {
    return check != null && check.startedAt().plus(config.livenessCheckTimeout()).isAfter(now);
  }

  private void endCheckOf(PeerId peer) {
    if (check != null && check.peer().equals(peer)) {
      check = null;
    }
  }

  /**
   * Keeps entries ordered by last sighting: a promoted candidate was last seen before the newest
   * entries.
   */
  private void insertByLastSeen(PeerEntry entry) {
    int at = entries.size();
    while (at > 0 && entries.get(at - 1).lastSeen().isAfter(entry.lastSeen())) {
      at--;
    }
    entries.add(at, entry);
  }

  private void rememberCandidate(PeerId peer, Instant now) {
    int index = candidates.indexOf(peer);
    PeerEntry candidate =
        index < 0 ? new PeerEntry(peer, now, now) : candidates.remove(index).seenAt(now);
    candidates.add(candidate);
    if (candidates.size() > config.replacementCacheSize()) {
      candidates.remove(0);
    }
  }

  private void dropCandidate(PeerId peer) {
    int index = candidates.indexOf(peer);
    if (index >= 0) {
      candidates.remove(index);
    }
  }
}

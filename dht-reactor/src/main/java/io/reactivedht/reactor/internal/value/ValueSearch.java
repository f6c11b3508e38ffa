package io.reactivedht.reactor.internal.value;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.validation.Validator;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The state of one value search (libp2p kad-dht "Getting values"): the best record so far and who
 * holds it, the peers that returned an outdated record, and every peer that answered. Each record
 * taken is validated; an invalid one (or one under another key) counts as no record. A record
 * strictly better than the best by {@code Select} ({@link #isBetter}, which the operations' own
 * reductions use too) becomes the best, and the peers that held the former best become outdated.
 *
 * <p>Not thread-safe: one search is fed from one serialized stream of lookup events.
 */
final class ValueSearch {
  private final byte[] key;
  private final Key target;
  private final Validator validator;

  private final Map<PeerId, PeerInfo> answered = new LinkedHashMap<>();
  private final Map<PeerId, PeerInfo> outdated = new LinkedHashMap<>();
  private final Set<PeerId> withBest = new HashSet<>();
  private @Nullable Record best;
  private boolean localOutdated;
  private @Nullable PeerId local;

  /**
   * @param key the record key searched for
   * @param validator validates records and selects between them
   */
  ValueSearch(byte[] key, Validator validator) {
    this.key = key.clone();
    this.target = Key.of(key);
    this.validator = validator;
  }

  /**
   * Takes a peer's answer into the search.
   *
   * @param record the record it returned, or null if none
   * @return the record if it is valid (then {@link #best()} is it if it was strictly better), else
   *     null
   */
  @Nullable Record accept(PeerInfo peer, @Nullable Record record, Instant now) {
    answered.putIfAbsent(peer.id(), peer);
    return take(peer.id(), peer, record, now);
  }

  /** Takes the local store's record into the search: see {@link #accept}. */
  @Nullable Record acceptLocal(PeerId self, @Nullable Record record, Instant now) {
    local = self;
    return take(self, null, record, now);
  }

  private @Nullable Record take(
      PeerId from, @Nullable PeerInfo peer, @Nullable Record record, Instant now) {
    if (record == null || !isValid(record, now)) {
      return null;
    }
    if (best == null) {
      becomeBest(from, record);
      return record;
    }
    if (Arrays.equals(record.value(), best.value())) {
      withBest.add(from);
      return record;
    }
    if (isBetter(record, best)) {
      for (PeerId previous : withBest) {
        markOutdated(previous, answered.get(previous));
      }
      becomeBest(from, record);
      return record;
    }
    markOutdated(from, peer);
    return record;
  }

  private void becomeBest(PeerId from, Record record) {
    best = record;
    withBest.clear();
    withBest.add(from);
    outdated.remove(from);
    if (from.equals(local)) {
      localOutdated = false;
    }
  }

  private void markOutdated(PeerId peer, @Nullable PeerInfo info) {
    if (peer.equals(local)) {
      localOutdated = true;
    } else if (info != null) {
      outdated.put(peer, info);
    }
  }

  private boolean isValid(Record record, Instant now) {
    if (!Arrays.equals(record.key(), key)) {
      return false;
    }
    try {
      validator.validate(record, now);
      return true;
    } catch (DecodingException e) {
      return false;
    }
  }

  /**
   * Whether {@code candidate} beats {@code than} by the key's Select; a record Select cannot read
   * never does.
   */
  boolean isBetter(Record candidate, Record than) {
    try {
      return validator.select(key, List.of(than.value(), candidate.value())) == 1;
    } catch (DecodingException e) {
      return false;
    }
  }

  /** The best valid record so far, if any. */
  Optional<Record> best() {
    return Optional.ofNullable(best);
  }

  /** Whether the local store held a valid record that is not the best. */
  boolean localOutdated() {
    return localOutdated;
  }

  /**
   * The peers to send the best record to: those of the {@code k} closest peers that answered which
   * do not hold it (no record, an invalid one or an outdated one: go's {@code updatePeerValues}
   * over the lookup result), then the farther peers that returned an outdated record (the spec's
   * outdated set {@code Po}). Closest first; empty when there is no best record.
   */
  List<PeerInfo> correctionTargets(int k) {
    if (best == null) {
      return List.of();
    }
    Map<PeerId, PeerInfo> targets = new LinkedHashMap<>();
    answered.values().stream()
        .sorted((a, b) -> target.compareDistance(a.id().key(), b.id().key()))
        .limit(k)
        .filter(peer -> !withBest.contains(peer.id()))
        .forEach(peer -> targets.put(peer.id(), peer));
    outdated.values().forEach(peer -> targets.putIfAbsent(peer.id(), peer));
    return List.copyOf(targets.values());
  }
}

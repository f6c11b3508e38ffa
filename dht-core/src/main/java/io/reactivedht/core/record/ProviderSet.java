package io.reactivedht.core.record;

import io.reactivedht.core.peer.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The provider entries of one key: at most one per provider, in the order providers first arrived
 * (a refresh keeps its place). Immutable; every change returns a new set (at most a few tens of
 * entries), so a cache can swap sets atomically and re-weigh them.
 */
final class ProviderSet {
  static final ProviderSet EMPTY = new ProviderSet(List.of());

  private final List<ProviderRecord> entries;
  private final long byteSize;

  private ProviderSet(List<ProviderRecord> entries) {
    this.entries = List.copyOf(entries);
    this.byteSize = entries.stream().mapToLong(ProviderRecord::byteSize).sum();
  }

  /**
   * This set with {@code record} in place of its provider's entry, or added: when the set already
   * holds {@code max} entries, the newcomer takes the place of the least recently received one if
   * it is fresher (the freshest stay); this very set when it is not.
   */
  ProviderSet with(ProviderRecord record, int max) {
    int i = indexOf(record.provider());
    List<ProviderRecord> next = new ArrayList<>(entries);
    if (i >= 0) {
      next.set(i, record);
      return new ProviderSet(next);
    }
    if (entries.size() >= max) {
      int stalest = stalest();
      if (!record.received().isAfter(entries.get(stalest).received())) {
        return this;
      }
      next.remove(stalest);
    }
    next.add(record);
    return new ProviderSet(next);
  }

  /** This set without {@code provider}'s entry. */
  ProviderSet without(PeerId provider) {
    int i = indexOf(provider);
    if (i < 0) {
      return this;
    }
    List<ProviderRecord> next = new ArrayList<>(entries);
    next.remove(i);
    return new ProviderSet(next);
  }

  /** The entries live at {@code now}; this very set when all are. */
  ProviderSet live(Duration providerTtl, long now) {
    List<ProviderRecord> live =
        entries.stream().filter(r -> Lifetime.isLive(r.received(), providerTtl, now)).toList();
    return live.size() == entries.size() ? this : new ProviderSet(live);
  }

  /**
   * The live entries, those past {@code addressTtl} without addresses: what is served and what is
   * worth keeping.
   */
  List<ProviderRecord> served(Duration providerTtl, Duration addressTtl, long now) {
    List<ProviderRecord> out = new ArrayList<>(entries.size());
    for (ProviderRecord r : entries) {
      if (Lifetime.isLive(r.received(), providerTtl, now)) {
        out.add(Lifetime.isLive(r.received(), addressTtl, now) ? r : r.withoutAddresses());
      }
    }
    return List.copyOf(out);
  }

  /** The set of what is {@link #served}; this very set when nothing would change. */
  ProviderSet compacted(Duration providerTtl, Duration addressTtl, long now) {
    List<ProviderRecord> kept = served(providerTtl, addressTtl, now);
    return kept.equals(entries) ? this : new ProviderSet(kept);
  }

  /** When the newest entry was received: the set expires a provider TTL after it. */
  Instant newestReceived() {
    return entries.stream()
        .map(ProviderRecord::received)
        .max(Instant::compareTo)
        .orElse(Instant.MIN);
  }

  /** The bytes the entries hold. */
  long byteSize() {
    return byteSize;
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  boolean contains(ProviderRecord record) {
    return entries.contains(record);
  }

  /** Whether {@code provider} has an entry. */
  boolean has(PeerId provider) {
    return indexOf(provider) >= 0;
  }

  /** The providers with an entry, in arrival order. */
  List<PeerId> providers() {
    return entries.stream().map(ProviderRecord::provider).toList();
  }

  /** The index of the least recently received entry, the first of equals; the set is not empty. */
  private int stalest() {
    int stalest = 0;
    for (int i = 1; i < entries.size(); i++) {
      if (entries.get(i).received().isBefore(entries.get(stalest).received())) {
        stalest = i;
      }
    }
    return stalest;
  }

  private int indexOf(PeerId provider) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).provider().equals(provider)) {
        return i;
      }
    }
    return -1;
  }
}

package io.reactivedht.core.record;

import io.reactivedht.core.peer.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The provider entries of one key: at most one per provider, in the order providers first arrived.
 * Immutable; every change returns a new set (at most a few tens of entries), so a cache can swap
 * sets atomically and re-weigh them.
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
   * This set with {@code record} in place of its provider's entry, or added when there is room
   * under {@code max}; this very set when there is no room.
   */
  ProviderSet with(ProviderRecord record, int max) {
    int i = indexOf(record.provider());
    if (i < 0 && entries.size() >= max) {
      return this;
    }
    List<ProviderRecord> next = new ArrayList<>(entries);
    if (i < 0) {
      next.add(record);
    } else {
      next.set(i, record);
    }
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

  private int indexOf(PeerId provider) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).provider().equals(provider)) {
        return i;
      }
    }
    return -1;
  }
}

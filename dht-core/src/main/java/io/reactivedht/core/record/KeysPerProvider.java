package io.reactivedht.core.record;

import io.reactivedht.core.peer.PeerId;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * How many keys each provider holds an entry for, kept by a provider store inside its per-key
 * atomic changes. Adds of one provider racing on different keys may pass {@link #full} together, so
 * the bound holds up to the number of such concurrent adds.
 */
final class KeysPerProvider {
  private final ConcurrentHashMap<PeerId, Integer> counts = new ConcurrentHashMap<>();

  /** Whether {@code provider} already holds entries for {@code max} keys. */
  boolean full(PeerId provider, int max) {
    return count(provider) >= max;
  }

  /** The keys {@code provider} holds entries for. */
  int count(PeerId provider) {
    return counts.getOrDefault(provider, 0);
  }

  /** Counts the change of one key's set from {@code before} to {@code after} (null: none). */
  void account(@Nullable ProviderSet before, @Nullable ProviderSet after) {
    if (before == after) {
      return;
    }
    if (before != null) {
      for (PeerId provider : before.providers()) {
        if (after == null || !after.has(provider)) {
          counts.computeIfPresent(provider, (p, n) -> n == 1 ? null : n - 1);
        }
      }
    }
    if (after != null) {
      for (PeerId provider : after.providers()) {
        if (before == null || !before.has(provider)) {
          counts.merge(provider, 1, Integer::sum);
        }
      }
    }
  }
}

package io.reactivedht.core.routing;

import io.reactivedht.core.peer.PeerId;
import java.time.Instant;

/**
 * A peer in the routing table (or waiting in a bucket's replacement cache), with when it got there
 * and when it was last heard from. Immutable.
 *
 * @param peer the peer
 * @param addedAt when it entered the bucket (or the replacement cache)
 * @param lastSeen when the caller last reported it alive
 */
public record PeerEntry(PeerId peer, Instant addedAt, Instant lastSeen) {
  /** The same entry, seen at {@code now}. */
  PeerEntry seenAt(Instant now) {
    return new PeerEntry(peer, addedAt, now);
  }
}

package io.reactivedht.core.query;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A peer known to one lookup and how its request stands. Mutable; belongs to exactly one lookup.
 */
final class Candidate {
  /** Where a candidate's request stands; the last two are final. */
  enum State {
    /** Known, not asked yet. */
    NOT_CONTACTED,
    /** Asked, within its timeout: holds one of its path's slots. */
    WAITING,
    /** Asked, past its timeout: holds no slot, may still answer. */
    UNRESPONSIVE,
    /** The request failed. */
    FAILED,
    /** The peer answered. */
    SUCCEEDED
  }

  final PeerId peer;
  final Key key;

  /**
   * The first 64 bits of the XOR distance to the lookup's target: compared unsigned, they order
   * most candidates without reading the keys (see {@link Key#prefix()}).
   */
  final long distancePrefix;

  State state = State.NOT_CONTACTED;

  /**
   * The paths that know it, one bit per path index below 64 (see {@link Path#learn}): a peer named
   * in many answers is added to a path's sorted sets once, not searched for again each time.
   */
  long knownToPaths;

  /** The index of the path that queried it, once queried. */
  int path = -1;

  /** When a waiting request times out. */
  @Nullable Instant deadline;

  /** When the request went out, once queried. */
  @Nullable Instant queriedAt;

  Candidate(PeerId peer, Key target) {
    this.peer = peer;
    this.key = peer.key();
    this.distancePrefix = key.prefix() ^ target.prefix();
  }

  @Override
  public String toString() {
    return peer + " " + state;
  }
}

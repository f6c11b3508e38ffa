package io.reactivedht.core.routing;

import io.reactivedht.core.peer.PeerId;

/**
 * What {@link RoutingTable#insert} did, and what the caller must do next. Only {@link Pending} asks
 * for work: ping the oldest entry, then report with {@link RoutingTable#livenessChecked}.
 */
public sealed interface InsertResult {

  /** The peer entered its bucket as the most recently seen entry. */
  record Inserted() implements InsertResult {}

  /** The peer was already in its bucket; it is now the most recently seen entry. */
  record Updated() implements InsertResult {}

  /**
   * The bucket is full and its oldest entry has not been seen for a while: ping {@code oldest},
   * then call {@link RoutingTable#livenessChecked}. Meanwhile the newcomer waits in the bucket's
   * replacement cache; if {@code oldest} is dead, the most recently seen candidate takes its place.
   *
   * @param oldest the least recently seen entry of the bucket
   */
  record Pending(PeerId oldest) implements InsertResult {}

  /**
   * The peer was not inserted.
   *
   * @param reason why
   */
  record Rejected(Reason reason) implements InsertResult {}

  /**
   * The peer was in the table but is no longer a DHT server (it switched to client mode), so it was
   * removed.
   *
   * @param removal the peer and the replacement candidate that took its place
   */
  record Removed(Removal removal) implements InsertResult {}

  /** Why a peer was not inserted. */
  enum Reason {
    /** It is the local peer, which is never stored. */
    SELF,
    /** It is not a DHT server (its identify protocols lack {@code /ipfs/kad/1.0.0}). */
    NOT_A_SERVER,
    /**
     * Its bucket is full and either a liveness check is already running for it or its oldest entry
     * was seen recently. The peer waits in the replacement cache.
     */
    FULL
  }
}

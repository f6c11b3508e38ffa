package io.reactivedht.reactor.internal.lookup;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;

/**
 * What lookups tell the routing table, as they learn it: the port through which the driver reports
 * to whoever keeps the table (the routing package implements it). Called from a lookup's drain
 * loop: must be quick and must not block.
 */
public interface LookupFeedback {
  /** A feedback that does nothing (for lookups outside a node, e.g. in tests). */
  LookupFeedback IGNORE = new LookupFeedback() {};

  /** {@code peer} answered a request. */
  default void answered(PeerInfo peer) {}

  /**
   * The request to {@code peer} failed, or got no answer within the RPC timeout, or it stalled
   * until its lookup ended for the second time in a row.
   */
  default void failed(PeerId peer) {}

  /**
   * The request to {@code peer} passed its slot timeout unanswered and was still unanswered when
   * the lookup ended (the request was then cancelled), its first such stall since it last answered:
   * the peer may be slow or gone, which only a check can tell.
   */
  default void stalled(PeerId peer) {}

  /**
   * A lookup for {@code target} ended, by its own rule or because its subscriber cancelled it,
   * after {@code answered} peers answered.
   */
  default void finished(Key target, int answered) {}
}

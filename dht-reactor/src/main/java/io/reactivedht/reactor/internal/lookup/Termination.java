package io.reactivedht.reactor.internal.lookup;

/** When a lookup may end; chosen per call of {@link LookupDriver#lookup}. */
public enum Termination {
  /**
   * Once the beta closest live peers have answered (go-libp2p-kad-dht's resiliency): the fastest
   * end, for searches that stop at the first hit anyway (a peer's addresses). With beta 0 in the
   * options, as {@link #K_CLOSEST}.
   */
  BETA,
  /**
   * At beta, then a follow-up round: the peers among the k closest known that were not asked yet
   * are asked too, without learning new peers from them (go-libp2p-kad-dht's {@code
   * runLookupWithFollowup}). For value searches, so that a quorum of k can be met and more outdated
   * peers are heard. With beta 0, as {@link #K_CLOSEST}.
   */
  BETA_THEN_FOLLOW_UP,
  /**
   * Once the k closest live peers known have all answered: the true k closest, for puts, provides
   * and refresh.
   */
  K_CLOSEST
}

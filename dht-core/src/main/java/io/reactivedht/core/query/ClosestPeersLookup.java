package io.reactivedht.core.query;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import java.util.Collection;

/**
 * The Kademlia lookup for the {@code numResults} (k) peers closest to a key, in the manner of
 * rust-libp2p's {@code ClosestPeersIter}. It always asks the closest peer it has not asked yet,
 * with at most α requests in flight; a peer that fails or passes its timeout is skipped, so the
 * next closest takes its place, and a peer past its timeout frees its slot but may still answer
 * late. A peer is asked only while fewer than k (with early termination, β) answered peers are
 * closer than it: otherwise it could neither enter the result nor end the search.
 *
 * <p>The lookup finishes when the k closest peers it knows, leaving out failed and unresponsive
 * ones, have all answered, or when no peer is left to ask and none is awaited. With {@link
 * LookupConfig#earlyTermination()} it finishes as soon as the β closest such peers have answered:
 * go-libp2p-kad-dht's rule ({@code isLookupTermination}: the β closest peers that are not
 * unreachable are all queried), where a peer past its timeout counts as unreachable. The {@link
 * #result()} is then the k closest peers that answered, which may leave out closer peers never
 * asked; a driver that needs all k (PUT, ADD_PROVIDER) follows up as go-libp2p-kad-dht's {@code
 * runLookupWithFollowup} does.
 */
public final class ClosestPeersLookup extends AbstractLookup {
  /**
   * A lookup for {@code target} that starts from {@code seeds} (typically the k closest peers in
   * the routing table; all are kept as fallbacks, duplicates and the local peer dropped).
   *
   * @param target the key whose closest peers are sought
   * @param self the local peer, never queried nor returned
   * @param seeds the peers to start from, in any order
   * @param config α, k and the other settings; every peer gets {@link LookupConfig#peerTimeout()}
   */
  public ClosestPeersLookup(
      Key target, PeerId self, Collection<PeerId> seeds, LookupConfig config) {
    this(target, self, seeds, config, PeerPolicy.uniform(config.peerTimeout()));
  }

  /**
   * A lookup whose slot timeouts and skipped peers follow {@code policy}.
   *
   * @param target the key whose closest peers are sought
   * @param self the local peer, never queried nor returned
   * @param seeds the peers to start from, in any order; duplicates and the local peer are dropped
   * @param config α, k and the other settings
   * @param policy the per-peer slot timeouts (capped at {@link LookupConfig#peerTimeout()}) and the
   *     peers to skip
   */
  public ClosestPeersLookup(
      Key target, PeerId self, Collection<PeerId> seeds, LookupConfig config, PeerPolicy policy) {
    super(target, self, seeds, config, policy, 1);
  }

  /**
   * A lookup with the {@linkplain LookupConfig#DEFAULT default configuration}.
   *
   * @param target the key whose closest peers are sought
   * @param self the local peer, never queried nor returned
   * @param seeds the peers to start from, in any order; duplicates and the local peer are dropped
   */
  public ClosestPeersLookup(Key target, PeerId self, Collection<PeerId> seeds) {
    this(target, self, seeds, LookupConfig.DEFAULT);
  }
}

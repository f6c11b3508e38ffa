package io.reactivedht.core.query;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import java.util.Collection;

/**
 * The S/Kademlia lookup over d disjoint paths (Baumgart and Mies, 2007, section 4.4), so that an
 * adversary on one path cannot steer the others. Each path is a {@link ClosestPeersLookup} of its
 * own with two twists:
 *
 * <ul>
 *   <li>a peer is queried by one path only, the first that wants it, and only that path learns the
 *       closer peers it returns; other paths that know the peer see its outcome (answered, failed,
 *       unresponsive) without its closer peers, as in rust-libp2p's {@code
 *       ClosestDisjointPeersIter};
 *   <li>all paths start from all the seeds (rust-libp2p does the same rather than splitting the
 *       seeds into d buckets as the paper does, so that a path whose seeds are dead is not stuck
 *       while another path's spare seeds go unused); the paths take turns, so the closest seeds
 *       spread over the paths one by one.
 * </ul>
 *
 * <p>d defaults to α, as in rust-libp2p, which uses its parallelism as the number of paths. Unlike
 * rust-libp2p, where every path may have α requests in flight (α² in all), the paths here share the
 * α slots: path i gets α / d of them, and the first α % d paths one more, so the whole lookup never
 * has more than α requests in flight and d must not exceed α. With the defaults each path is a
 * sequential lookup.
 *
 * <p>Each path finishes by the rule of {@link ClosestPeersLookup} applied to the peers it knows;
 * the lookup finishes when every path has. The {@link #result()} merges the paths: the {@code
 * numResults} closest peers that answered on any path.
 */
public final class DisjointPathsLookup extends AbstractLookup {
  /**
   * A lookup over {@code paths} disjoint paths.
   *
   * @param target the key whose closest peers are sought
   * @param self the local peer, never queried nor returned
   * @param seeds the peers every path starts from; duplicates and the local peer are dropped
   * @param config α (shared by the paths), k and the other settings; every peer gets {@link
   *     LookupConfig#peerTimeout()}
   * @param paths the number of paths d, from 1 to {@code config.alpha()}
   */
  public DisjointPathsLookup(
      Key target, PeerId self, Collection<PeerId> seeds, LookupConfig config, int paths) {
    this(target, self, seeds, config, PeerPolicy.uniform(config.peerTimeout()), paths);
  }

  /**
   * A lookup over {@code paths} disjoint paths whose slot timeouts and skipped peers follow {@code
   * policy}.
   *
   * @param target the key whose closest peers are sought
   * @param self the local peer, never queried nor returned
   * @param seeds the peers every path starts from; duplicates and the local peer are dropped
   * @param config α (shared by the paths), k and the other settings
   * @param policy the per-peer slot timeouts (capped at {@link LookupConfig#peerTimeout()}) and the
   *     peers to skip
   * @param paths the number of paths d, from 1 to {@code config.alpha()}
   */
  public DisjointPathsLookup(
      Key target,
      PeerId self,
      Collection<PeerId> seeds,
      LookupConfig config,
      PeerPolicy policy,
      int paths) {
    super(target, self, seeds, config, policy, paths);
  }

  /**
   * A lookup over α disjoint paths.
   *
   * @param target the key whose closest peers are sought
   * @param self the local peer, never queried nor returned
   * @param seeds the peers every path starts from; duplicates and the local peer are dropped
   * @param config α (the number of paths, each with one slot), k and the other settings
   */
  public DisjointPathsLookup(
      Key target, PeerId self, Collection<PeerId> seeds, LookupConfig config) {
    this(target, self, seeds, config, config.alpha());
  }

  /**
   * The number of paths d.
   *
   * @return 1 to {@link LookupConfig#alpha()}, as given at construction
   */
  public int paths() {
    return pathCount();
  }
}

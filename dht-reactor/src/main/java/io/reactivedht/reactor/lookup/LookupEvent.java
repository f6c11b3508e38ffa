package io.reactivedht.reactor.lookup;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.query.LookupStats;
import io.reactivedht.core.wire.DhtResponse;
import java.time.Duration;
import java.util.List;

/**
 * What a running lookup reports: one event per request sent, answered or failed, then one at the
 * end.
 */
public sealed interface LookupEvent {
  /**
   * A request went out.
   *
   * @param peer the peer it went to
   */
  record RequestSent(PeerId peer) implements LookupEvent {}

  /**
   * A peer answered.
   *
   * @param peer the peer, with the addresses it was reached at
   * @param response its response
   * @param rtt how long the request took
   * @param hop how far the peer is from the lookup's start: 1 for a seed (a peer from the routing
   *     table), 2 for a peer a seed named, and so on
   */
  record Answered(PeerInfo peer, DhtResponse response, Duration rtt, int hop)
      implements LookupEvent {
    /**
     * The closer peers of the response (none for a response that has no such field).
     *
     * @return the peers the answering peer named, as it sent them; possibly empty
     */
    public List<PeerInfo> closerPeers() {
      return response.closerPeers();
    }
  }

  /**
   * A request failed or timed out.
   *
   * @param peer the peer
   * @param reason what went wrong
   */
  record Failed(PeerId peer, String reason) implements LookupEvent {}

  /**
   * The lookup is over.
   *
   * @param closest the up to k closest peers that answered, closest first
   * @param stats what the lookup did
   * @param hops the longest chain of referrals from a seed peer to a peer that answered
   */
  record Finished(List<PeerInfo> closest, LookupStats stats, int hops) implements LookupEvent {
    /**
     * Copies the list.
     *
     * @param closest the up to k closest peers that answered, closest first; copied
     * @param stats what the lookup did
     * @param hops the longest referral chain, 0 if no peer answered
     */
    public Finished {
      closest = List.copyOf(closest);
    }
  }
}

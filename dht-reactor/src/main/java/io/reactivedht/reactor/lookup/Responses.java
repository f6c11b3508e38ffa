package io.reactivedht.reactor.lookup;

import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtResponse;
import java.util.List;

/** What the lookups read from a response. */
final class Responses {
  private Responses() {}

  /** The closer peers of a FIND_NODE, GET_VALUE or GET_PROVIDERS response; none for the others. */
  static List<PeerInfo> closerPeers(DhtResponse response) {
    if (response instanceof DhtResponse.FindNodeResponse r) {
      return r.closerPeers();
    } else if (response instanceof DhtResponse.GetValueResponse r) {
      return r.closerPeers();
    } else if (response instanceof DhtResponse.GetProvidersResponse r) {
      return r.closerPeers();
    }
    return List.of();
  }
}

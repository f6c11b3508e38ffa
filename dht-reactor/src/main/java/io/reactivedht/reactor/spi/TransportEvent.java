package io.reactivedht.reactor.spi;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import java.util.Set;

/** What a transport reports about peers and about the local node. */
public sealed interface TransportEvent {
  /**
   * A peer told us who it is (libp2p identify, or its equivalent): its listen addresses and the
   * protocols it accepts. A peer listing the DHT protocol is a DHT server and may enter the routing
   * table; one that does not (any more) must not be in it.
   *
   * @param peer the peer and its listen addresses
   * @param protocols the protocol ids it accepts inbound streams for
   */
  record Identified(PeerInfo peer, Set<String> protocols) implements TransportEvent {
    /**
     * Copies the protocols.
     *
     * @param peer the peer and its listen addresses
     * @param protocols the protocol ids it accepts inbound streams for; copied
     */
    public Identified {
      protocols = Set.copyOf(protocols);
    }

    /**
     * Whether the peer accepts {@code protocolId}.
     *
     * @param protocolId a protocol id, e.g. {@code /ipfs/kad/1.0.0}, matched exactly
     * @return true if the peer listed it
     */
    public boolean speaks(String protocolId) {
      return protocols.contains(protocolId);
    }
  }

  /**
   * The last connection to a peer closed.
   *
   * @param peer the peer
   */
  record Disconnected(PeerId peer) implements TransportEvent {}

  /**
   * The node's reachability from the outside changed (or is reported for the first time).
   *
   * @param publiclyReachable whether others can dial this node (drives {@code Mode.AUTO})
   */
  record ReachabilityChanged(boolean publiclyReachable) implements TransportEvent {}
}

package io.reactivedht.examples.routing;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import java.util.List;

/**
 * The peers the service's node joins the network through; each transport configuration provides
 * them.
 *
 * @param peers the bootstrap peers, possibly none
 */
public record BootstrapPeers(List<PeerInfo> peers) {
  /** Copies the list. */
  public BootstrapPeers {
    peers = List.copyOf(peers);
  }

  /**
   * Parses {@code /ip4/.../tcp/.../p2p/<peer id>} multiaddrs.
   *
   * @throws IllegalArgumentException naming an address that does not parse or lacks its {@code
   *     /p2p} peer id
   */
  public static BootstrapPeers parse(List<String> addresses) {
    return new BootstrapPeers(addresses.stream().map(BootstrapPeers::parseOne).toList());
  }

  private static PeerInfo parseOne(String text) {
    Multiaddr address;
    try {
      address = Multiaddr.parse(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("dht.bootstrap: " + text + ": " + e.getMessage(), e);
    }
    PeerId id =
        address
            .peerId()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "dht.bootstrap: " + text + " does not end with /p2p/<peer id>"));
    return new PeerInfo(id, List.of(address.withoutPeerId()));
  }
}

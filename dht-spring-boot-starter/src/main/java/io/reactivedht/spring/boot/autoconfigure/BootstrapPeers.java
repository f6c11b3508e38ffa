package io.reactivedht.spring.boot.autoconfigure;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import java.util.List;

/**
 * The peers the node joins the network through. The auto-configuration parses them from {@code
 * reactive-dht.bootstrap}; an application that finds them elsewhere declares its own bean.
 *
 * @param peers the bootstrap peers, possibly none
 */
public record BootstrapPeers(List<PeerInfo> peers) {
  /**
   * Copies the list.
   *
   * @param peers the bootstrap peers, possibly none
   */
  public BootstrapPeers {
    peers = List.copyOf(peers);
  }

  /**
   * Parses {@code /ip4/.../tcp/.../p2p/<peer id>} multiaddrs.
   *
   * @param addresses the multiaddrs, each ending with the peer's id
   * @return the peers, in order
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
      throw new IllegalArgumentException(
          ReactiveDhtProperties.PREFIX + ".bootstrap: " + text + ": " + e.getMessage(), e);
    }
    PeerId id =
        address
            .peerId()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        ReactiveDhtProperties.PREFIX
                            + ".bootstrap: "
                            + text
                            + " does not end with /p2p/<peer id>"));
    return new PeerInfo(id, List.of(address.withoutPeerId()));
  }
}

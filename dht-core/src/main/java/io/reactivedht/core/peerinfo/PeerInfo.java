package io.reactivedht.core.peerinfo;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A peer and the addresses it can be dialed at, as DHT messages carry them ({@code closerPeers},
 * {@code providerPeers}). The addresses are kept without a trailing {@code /p2p/<id>}, which go and
 * js leave out; one naming this peer is accepted and stripped. Immutable.
 *
 * @param id the peer
 * @param addresses its addresses, without {@code /p2p}; may be empty
 */
public record PeerInfo(PeerId id, List<Multiaddr> addresses) {
  /**
   * Copies the list and strips a trailing {@code /p2p/<id>} from each address.
   *
   * @param id the peer
   * @param addresses its addresses, with or without a trailing {@code /p2p/<id>} of this peer; an
   *     address that is only {@code /p2p/<id>} is kept as it is
   * @throws IllegalArgumentException if an address ends with the {@code /p2p} of another peer
   */
  public PeerInfo {
    // the same list when it is already immutable and names no peer, as most do
    addresses = namesAPeer(addresses) ? stripped(id, addresses) : List.copyOf(addresses);
  }

  private static boolean namesAPeer(List<Multiaddr> addresses) {
    // by index: a server makes a PeerInfo for each of the 20 peers of every answer, and the
    // iterator showed in its allocation profile
    for (int i = 0; i < addresses.size(); i++) {
      if (addresses.get(i).hasPeerId()) {
        return true;
      }
    }
    return false;
  }

  private static List<Multiaddr> stripped(PeerId id, List<Multiaddr> addresses) {
    List<Multiaddr> stripped = new ArrayList<>(addresses.size());
    for (Multiaddr address : addresses) {
      Optional<PeerId> named = address.peerId();
      if (named.isPresent() && !named.get().equals(id)) {
        throw new IllegalArgumentException("address " + address + " names another peer than " + id);
      }
      stripped.add(address.withoutPeerId());
    }
    return List.copyOf(stripped);
  }

  /**
   * A peer with the given addresses.
   *
   * @param id the peer
   * @param addresses its addresses, as for the {@linkplain #PeerInfo(PeerId, List) constructor}
   * @return the peer info
   */
  public static PeerInfo of(PeerId id, Multiaddr... addresses) {
    return new PeerInfo(id, List.of(addresses));
  }
}

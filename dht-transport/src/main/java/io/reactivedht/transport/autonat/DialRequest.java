package io.reactivedht.transport.autonat;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import java.util.List;

/**
 * A DIAL message: dial {@code peer} back at one of {@code addresses}.
 *
 * @param peer who asks (must be the peer at the other end of the stream)
 * @param addresses where it says it can be reached; those that did not parse are left out
 */
public record DialRequest(PeerId peer, List<Multiaddr> addresses) {
  /** Copies the list. */
  public DialRequest {
    addresses = List.copyOf(addresses);
  }
}

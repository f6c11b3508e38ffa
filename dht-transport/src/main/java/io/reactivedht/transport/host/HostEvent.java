package io.reactivedht.transport.host;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.identify.IdentifyInfo;

/** What a host learns about its peers. */
public sealed interface HostEvent {
  /**
   * A connected peer told us about itself (identify, or a later identify push).
   *
   * @param info what it told
   */
  record Identified(IdentifyInfo info) implements HostEvent {}

  /**
   * The last connection to a peer closed.
   *
   * @param peer the peer
   */
  record Disconnected(PeerId peer) implements HostEvent {}
}

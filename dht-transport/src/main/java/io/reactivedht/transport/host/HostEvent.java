package io.reactivedht.transport.host;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.identify.IdentifyInfo;

/** What a host learns about its peers. */
public sealed interface HostEvent {
  /**
   * @param info what a connected peer told us about itself (identify, or a later identify push)
   */
  record Identified(IdentifyInfo info) implements HostEvent {}

  /**
   * @param peer a peer whose last connection closed
   */
  record Disconnected(PeerId peer) implements HostEvent {}
}

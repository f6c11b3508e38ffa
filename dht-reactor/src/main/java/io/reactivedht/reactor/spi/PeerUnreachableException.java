package io.reactivedht.reactor.spi;

import io.reactivedht.core.peer.PeerId;

/**
 * A peer could not be reached: no address, dial refused, handshake failed, or it does not speak the
 * protocol.
 */
public class PeerUnreachableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient PeerId peer;

  /**
   * A peer that could not be reached.
   *
   * @param peer the peer
   * @param reason why it could not be reached
   */
  public PeerUnreachableException(PeerId peer, String reason) {
    super(peer + ": " + reason);
    this.peer = peer;
  }

  /**
   * The peer that could not be reached.
   *
   * @return the peer the constructor was given
   */
  public PeerId peer() {
    return peer;
  }
}

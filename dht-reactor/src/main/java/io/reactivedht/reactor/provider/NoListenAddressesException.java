package io.reactivedht.reactor.provider;

import io.reactivedht.core.peer.PeerId;

/**
 * This node cannot provide: it has no listen addresses to announce. go refuses to provide without
 * addresses, and servers drop provider entries that carry none, so an announcement without them
 * would reach nobody useful.
 */
public class NoListenAddressesException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient PeerId peer;

  /**
   * @param peer the local peer, which has no listen addresses
   */
  public NoListenAddressesException(PeerId peer) {
    super(peer + " has no listen addresses to announce as a provider");
    this.peer = peer;
  }

  /**
   * The local peer.
   *
   * @return the peer that has no listen addresses
   */
  public PeerId peer() {
    return peer;
  }
}

package io.reactivedht.transport.connection;

import io.reactivedht.core.peer.PeerId;

/** No connection to a peer could be made: every address failed, or none was known. */
public class DialException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient PeerId peer;

  /**
   * A dial that failed.
   *
   * @param peer who we tried to reach
   * @param reason why each address failed
   */
  public DialException(PeerId peer, String reason) {
    super("cannot connect to " + peer + ": " + reason);
    this.peer = peer;
  }

  /** Who we tried to reach. */
  public PeerId peer() {
    return peer;
  }
}

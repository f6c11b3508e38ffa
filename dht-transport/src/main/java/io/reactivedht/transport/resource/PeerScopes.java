package io.reactivedht.transport.resource;

import io.reactivedht.core.peer.PeerId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link ResourceScope} per connected peer under the node's, shared by all of that peer's
 * connections, so that a peer with several connections gets no more than one peer's budget. A
 * peer's scope lives while it has a connection: {@link #open} for each, {@link #close} when it
 * ends.
 */
public final class PeerScopes {
  private final ResourceScope node;
  private final long peerMemory;
  private final int peerStreams;
  private final Map<PeerId, Held> peers = new ConcurrentHashMap<>();

  private record Held(ResourceScope scope, int connections) {}

  /**
   * @param node the node's scope, the parent of every peer's
   * @param peerMemory the most unread bytes one peer's streams may hold
   * @param peerStreams the most inbound streams one peer may have open
   */
  public PeerScopes(ResourceScope node, long peerMemory, int peerStreams) {
    this.node = node;
    this.peerMemory = peerMemory;
    this.peerStreams = peerStreams;
  }

  /**
   * The scope of {@code peer} for one more of its connections, made if it has none.
   *
   * @return the peer's scope; give it back with {@link #close} when the connection ends
   */
  public ResourceScope open(PeerId peer) {
    return peers
        .compute(
            peer,
            (p, held) ->
                held == null
                    ? new Held(node.child("peer " + p, peerMemory, peerStreams), 1)
                    : new Held(held.scope(), held.connections() + 1))
        .scope();
  }

  /** Ends one connection's hold on the scope of {@code peer}; the last one drops it. */
  public void close(PeerId peer) {
    peers.computeIfPresent(
        peer,
        (p, held) ->
            held.connections() <= 1 ? null : new Held(held.scope(), held.connections() - 1));
  }

  /**
   * The scope of a connected peer.
   *
   * @return empty when the peer has no connection
   */
  public Optional<ResourceScope> of(PeerId peer) {
    return Optional.ofNullable(peers.get(peer)).map(Held::scope);
  }
}

package io.reactivedht.testkit.sim;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.reactor.spi.RequestHandler;
import io.reactivedht.reactor.spi.TransportEvent;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One node's view of an {@link InMemoryNetwork}, obtained from {@link InMemoryNetwork#join}.
 * Requests travel by peer id (the addresses in a {@link PeerInfo} are not needed to reach a joined
 * node); {@link #close()} makes the node leave the network.
 */
public final class SimulatedTransport implements DhtTransport {
  private final InMemoryNetwork network;
  private final Node node;

  SimulatedTransport(InMemoryNetwork network, Node node) {
    this.network = network;
    this.node = node;
  }

  @Override
  public PeerId localPeer() {
    return node.id();
  }

  /**
   * The node's one fake address, e.g. {@code /ip4/10.0.0.1/tcp/4001}: unique in the network, never
   * dialled.
   */
  @Override
  public List<Multiaddr> listenAddresses() {
    return node.info.addresses();
  }

  /**
   * The DHT protocol this node speaks and, when serving, accepts.
   *
   * @return the protocol id the node joined with, {@link
   *     io.reactivedht.reactor.config.DhtOptions#IPFS_PROTOCOL} unless another was given
   */
  public String protocolId() {
    return node.protocolId;
  }

  /**
   * Whether the node is still in the network (it has not left or been closed).
   *
   * @return false for good once the node left; a peer that joins again gets a new transport
   */
  public boolean isJoined() {
    return network.isJoined(node);
  }

  @Override
  public Mono<DhtResponse> send(PeerInfo peer, DhtRequest request) {
    return network.send(node, peer.id(), request);
  }

  /** Also pushes the new protocol set to every connected peer, as libp2p identify push does. */
  @Override
  public void serve(@Nullable RequestHandler handler) {
    network.serve(node, handler);
  }

  /**
   * Identified when a peer is first connected (both ends, on the first request between them) and
   * when a connected peer switches mode, Disconnected when a connected peer leaves or the
   * connection limit closes the connection, ReachabilityChanged when {@link
   * InMemoryNetwork#setPubliclyReachable} says so. Delivered on the network's scheduler; up to
   * {@code 256} events wait for a slow or absent subscriber, further ones are dropped and counted
   * ({@link NetworkStats#eventsDropped()}). Completes when the node leaves.
   */
  @Override
  public Flux<TransportEvent> events() {
    return node.events();
  }

  /**
   * The network's directory: the address of any peer that ever joined (also after it left, as a
   * peer store remembers), empty for one that never did.
   */
  @Override
  public List<Multiaddr> addressesOf(PeerId peer) {
    return network.addressesOf(peer);
  }

  /** The network's one {@link PeerInfo} of the peer, as {@link #addressesOf} describes. */
  @Override
  public PeerInfo peerInfo(PeerId peer) {
    return network.peerInfo(peer);
  }

  /** Leaves the network: see {@link InMemoryNetwork#leave}. Idempotent. */
  @Override
  public Mono<Void> close() {
    return Mono.fromRunnable(() -> network.leave(node));
  }

  @Override
  public String toString() {
    return "SimulatedTransport[" + node.id() + " at " + node.info.addresses().get(0) + "]";
  }
}

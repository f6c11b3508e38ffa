package io.reactivedht.reactor.spi;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The port a network implements for the DHT: carry requests to peers, deliver inbound requests to
 * the handler, and report what it learns about peers. Two implementations exist: the in-memory
 * network of the simulator and the libp2p stack of {@code dht-transport}; the DHT logic cannot tell
 * them apart. Every implementation passes {@code DhtTransportContract}.
 */
public interface DhtTransport {
  /**
   * The local peer.
   *
   * @return the id this transport authenticates as; it never changes
   */
  PeerId localPeer();

  /**
   * The addresses others can dial this node at (without {@code /p2p}).
   *
   * @return the current addresses, possibly none (then the node cannot provide)
   */
  List<Multiaddr> listenAddresses();

  /**
   * Sends one request to a peer, dialing it at {@code peer.addresses()} (or addresses the transport
   * already knows) when not connected. Lazy: nothing is sent before subscription; cancelling
   * abandons the exchange (the stream is reset). The caller applies its own timeout.
   *
   * @param peer the peer, with the addresses to dial it at if they are known
   * @param request the request; {@link DhtRequest#expectsResponse()} says whether it gets an answer
   * @return the response; for a request that gets none ({@link DhtRequest#expectsResponse()} false)
   *     a Mono that completes empty once the request was written. Fails with {@link
   *     PeerUnreachableException} when the peer cannot be reached, or another exception when the
   *     exchange breaks (e.g. a malformed response).
   */
  Mono<DhtResponse> send(PeerInfo peer, DhtRequest request);

  /**
   * Starts answering inbound DHT requests with {@code handler} and advertising the DHT protocol
   * (server mode), or, with {@code null}, stops both (client mode): peers then no longer add this
   * node to their routing tables.
   *
   * @param handler answers every inbound DHT request from now on; null for client mode
   */
  void serve(@Nullable RequestHandler handler);

  /**
   * What the transport learns about peers and about itself; hot, never completes before {@link
   * #close()}.
   *
   * @return the events as they happen; a subscriber may miss those from before it subscribed
   */
  Flux<TransportEvent> events();

  /**
   * Tells the transport whether the DHT needs a peer: it does while the peer is in the routing
   * table. A transport that trims its connections under load keeps those of the peers it needs (as
   * go-libp2p-kad-dht protects its routing-table peers in the connection manager). By default
   * nothing happens.
   *
   * @param peer a peer that entered or left the routing table
   * @param needed true when it entered, false when it left
   */
  default void protect(PeerId peer, boolean needed) {}

  /**
   * Addresses the transport currently knows for a peer (its peer store), possibly empty.
   *
   * @param peer any peer id
   * @return a snapshot of its known addresses
   */
  List<Multiaddr> addressesOf(PeerId peer);

  /**
   * A peer with the addresses the transport knows for it: what the node puts in its answers and
   * dials. The default builds {@code new PeerInfo(peer, addressesOf(peer))}; a transport that keeps
   * one {@link PeerInfo} per peer can hand out that instance, which spares a server answering
   * FIND_NODE an allocation and a check of every address for each of its 20 peers.
   *
   * @param peer any peer id
   * @return the peer with its known addresses (possibly none)
   */
  default PeerInfo peerInfo(PeerId peer) {
    return new PeerInfo(peer, addressesOf(peer));
  }

  /**
   * Keeps addresses learned outside the transport (a restored routing table's) for later dials and
   * {@link #addressesOf}. The default ignores them: for transports that know every peer's
   * addresses.
   *
   * @param peer a peer and addresses it was last known at
   */
  default void rememberAddresses(PeerInfo peer) {}

  /**
   * Releases the transport's resources; in-flight exchanges finish or fail.
   *
   * @return completes empty once the resources are released
   */
  Mono<Void> close();
}

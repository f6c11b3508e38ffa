package io.reactivedht.transport.autonat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.address.AddressScope;
import io.reactivedht.transport.autonat.DialResponse.Status;
import io.reactivedht.transport.config.AutoNatOptions;
import io.reactivedht.transport.connection.Libp2pConnection;
import io.reactivedht.transport.connection.ProtocolHandler;
import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.tcp.TcpAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Answers AutoNAT DIAL requests: dials the asker back, on a fresh connection of its own, at the
 * addresses it sent that are TCP at the very IP its request came from (so nobody can make us dial a
 * third party), public IPs only unless {@link AutoNatOptions#allowPrivateAddresses()}. Bounded: at
 * most {@link AutoNatOptions#maxConcurrentDialBacks()} dial-backs at once and {@link
 * AutoNatOptions#maxRequestsPerPeer()} per peer per {@link AutoNatOptions#rateWindow()}; requests
 * beyond are refused (E_DIAL_REFUSED).
 */
public final class AutoNatServer implements ProtocolHandler {
  /** The most addresses of one request tried (go {@code maxPeerAddresses}). */
  public static final int MAX_ADDRESSES_TRIED = 16;

  private static final int MAX_PEERS_TRACKED = 10_000;

  /**
   * Dials a peer at an address on a fresh, short-lived connection, proving it is that peer, then
   * closes it.
   */
  @FunctionalInterface
  public interface DialBack {
    /**
     * Completes when {@code peer} was reached and authenticated at {@code address}; fails
     * otherwise.
     */
    Mono<Void> dial(PeerId peer, Multiaddr address);
  }

  private final DialBack dialBack;
  private final AutoNatOptions options;
  private final Scheduler scheduler;
  private final AtomicInteger inProgress = new AtomicInteger();
  private final Cache<PeerId, AtomicInteger> requestsPerPeer;

  /**
   * @param dialBack how to dial back (a host's {@code dialBack})
   * @param options limits and whether private IPs are dialed
   * @param scheduler times the dial-backs and the rate window
   */
  public AutoNatServer(DialBack dialBack, AutoNatOptions options, Scheduler scheduler) {
    this.dialBack = dialBack;
    this.options = options;
    this.scheduler = scheduler;
    this.requestsPerPeer =
        Caffeine.newBuilder()
            .maximumSize(MAX_PEERS_TRACKED)
            .expireAfterWrite(options.rateWindow())
            .ticker(() -> scheduler.now(TimeUnit.NANOSECONDS))
            .build();
  }

  @Override
  public Mono<Void> handle(Libp2pConnection connection, ByteStream stream) {
    return AutoNat.serve(
        stream, request -> answer(connection.remotePeer(), connection.remoteAddress(), request));
  }

  /**
   * The answer to {@code request} arriving on a connection from {@code remotePeer} at {@code
   * remoteAddress}.
   */
  public Mono<DialResponse> answer(
      PeerId remotePeer, Multiaddr remoteAddress, DialRequest request) {
    return Mono.defer(
        () -> {
          if (!request.peer().equals(remotePeer)) {
            return refuse(Status.E_BAD_REQUEST, "the request is about another peer than the asker");
          }
          Optional<InetAddress> observed =
              TcpAddresses.toSocketAddress(remoteAddress).map(InetSocketAddress::getAddress);
          if (observed.isEmpty()) {
            return refuse(Status.E_DIAL_REFUSED, "the request did not come over TCP/IP");
          }
          List<Multiaddr> candidates = candidates(request.addresses(), observed.get());
          if (candidates.isEmpty()) {
            return refuse(
                Status.E_DIAL_REFUSED, "no dialable address at the IP the request came from");
          }
          if (requestsPerPeer.get(remotePeer, p -> new AtomicInteger()).incrementAndGet()
              > options.maxRequestsPerPeer()) {
            return refuse(Status.E_DIAL_REFUSED, "too many requests");
          }
          if (inProgress.incrementAndGet() > options.maxConcurrentDialBacks()) {
            inProgress.decrementAndGet();
            return refuse(Status.E_DIAL_REFUSED, "too many dial-backs in progress");
          }
          return dialEach(remotePeer, candidates, 0)
              .doFinally(signal -> inProgress.decrementAndGet());
        });
  }

  /** The number of dial-backs in progress. */
  public int dialBacksInProgress() {
    return inProgress.get();
  }

  private List<Multiaddr> candidates(List<Multiaddr> addresses, InetAddress observed) {
    return addresses.stream()
        .map(Multiaddr::withoutPeerId)
        .filter(
            address ->
                TcpAddresses.toSocketAddress(address)
                    .filter(socket -> !socket.isUnresolved() && socket.getPort() != 0)
                    .map(InetSocketAddress::getAddress)
                    .filter(observed::equals)
                    .filter(ip -> options.allowPrivateAddresses() || AddressScope.isPublic(ip))
                    .isPresent())
        .distinct()
        .limit(MAX_ADDRESSES_TRIED)
        .toList();
  }

  private Mono<DialResponse> dialEach(PeerId peer, List<Multiaddr> addresses, int index) {
    if (index == addresses.size()) {
      return refuse(Status.E_DIAL_ERROR, "dial back failed");
    }
    Multiaddr address = addresses.get(index);
    return dialBack
        .dial(peer, address)
        .timeout(options.dialTimeout(), scheduler)
        .then(Mono.just(DialResponse.ok(address)))
        .onErrorResume(e -> dialEach(peer, addresses, index + 1));
  }

  private static Mono<DialResponse> refuse(Status status, String text) {
    return Mono.just(DialResponse.failure(status, text));
  }
}

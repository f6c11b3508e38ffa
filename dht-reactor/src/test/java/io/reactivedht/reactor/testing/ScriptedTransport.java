package io.reactivedht.reactor.testing;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.reactor.spi.PeerUnreachableException;
import io.reactivedht.reactor.spi.RequestHandler;
import io.reactivedht.reactor.spi.TransportEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A fake transport for unit tests: each remote peer is a {@link RequestHandler} script (answer,
 * fail, never answer, delay on a virtual-time scheduler...), every request sent is recorded, and
 * events are pushed by the test. Unknown peers are unreachable.
 */
public final class ScriptedTransport implements DhtTransport {
  /** A request as it was sent. */
  public record Sent(PeerId to, DhtRequest request) {}

  private final PeerId local;
  private final Map<PeerId, RequestHandler> remotes = new ConcurrentHashMap<>();
  private final Map<PeerId, List<Multiaddr>> addresses = new ConcurrentHashMap<>();
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final Sinks.Many<TransportEvent> events = Sinks.many().multicast().directBestEffort();
  private volatile @Nullable RequestHandler served;

  /** A transport for the local peer. */
  public ScriptedTransport(PeerId local) {
    this.local = local;
  }

  /** Scripts how a remote peer answers; its address becomes known. */
  public ScriptedTransport remote(PeerInfo peer, RequestHandler script) {
    remotes.put(peer.id(), script);
    addresses.put(peer.id(), peer.addresses());
    return this;
  }

  /** Pushes a transport event to subscribers. */
  public void emit(TransportEvent event) {
    events.tryEmitNext(event);
  }

  /** Every request sent so far, in order. */
  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** The handler passed to {@link #serve}, or null in client mode. */
  public @Nullable RequestHandler served() {
    return served;
  }

  @Override
  public PeerId localPeer() {
    return local;
  }

  @Override
  public List<Multiaddr> listenAddresses() {
    return List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"));
  }

  @Override
  public Mono<DhtResponse> send(PeerInfo peer, DhtRequest request) {
    return Mono.defer(
        () -> {
          sent.add(new Sent(peer.id(), request));
          if (!peer.addresses().isEmpty()) {
            addresses.putIfAbsent(peer.id(), peer.addresses());
          }
          RequestHandler remote = remotes.get(peer.id());
          if (remote == null) {
            return Mono.error(
                new PeerUnreachableException(peer.id(), "no such peer in the script"));
          }
          return remote.handle(local, request);
        });
  }

  @Override
  public void serve(@Nullable RequestHandler handler) {
    this.served = handler;
  }

  @Override
  public Flux<TransportEvent> events() {
    return events.asFlux();
  }

  @Override
  public List<Multiaddr> addressesOf(PeerId peer) {
    return addresses.getOrDefault(peer, List.of());
  }

  /** Keeps them as a peer store would: they replace what was known. */
  @Override
  public void rememberAddresses(PeerInfo peer) {
    addresses.put(peer.id(), peer.addresses());
  }

  @Override
  public Mono<Void> close() {
    return Mono.fromRunnable(events::tryEmitComplete);
  }
}

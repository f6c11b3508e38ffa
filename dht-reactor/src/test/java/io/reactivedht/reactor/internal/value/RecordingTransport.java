package io.reactivedht.reactor.internal.value;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.reactor.spi.RequestHandler;
import io.reactivedht.reactor.spi.TransportEvent;
import java.util.List;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A transport that reports every request when it is actually sent (on subscription), then
 * delegates.
 */
final class RecordingTransport implements DhtTransport {
  private final DhtTransport delegate;
  private final BiConsumer<PeerId, DhtRequest> onSend;

  RecordingTransport(DhtTransport delegate, BiConsumer<PeerId, DhtRequest> onSend) {
    this.delegate = delegate;
    this.onSend = onSend;
  }

  @Override
  public Mono<DhtResponse> send(PeerInfo peer, DhtRequest request) {
    return Mono.defer(
        () -> {
          onSend.accept(peer.id(), request);
          return delegate.send(peer, request);
        });
  }

  @Override
  public PeerId localPeer() {
    return delegate.localPeer();
  }

  @Override
  public List<Multiaddr> listenAddresses() {
    return delegate.listenAddresses();
  }

  @Override
  public void serve(@Nullable RequestHandler handler) {
    delegate.serve(handler);
  }

  @Override
  public Flux<TransportEvent> events() {
    return delegate.events();
  }

  @Override
  public List<Multiaddr> addressesOf(PeerId peer) {
    return delegate.addressesOf(peer);
  }

  @Override
  public Mono<Void> close() {
    return delegate.close();
  }
}

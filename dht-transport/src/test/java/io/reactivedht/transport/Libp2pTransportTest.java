package io.reactivedht.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.spi.TransportEvent;
import io.reactivedht.transport.connection.Libp2pConnection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class Libp2pTransportTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void aPeerThatRestartedIsReachedOnAFreshConnection() {
    var key = Ed25519PrivateKey.generate(Seeds.random(5));
    Libp2pTransport a = start(Ed25519PrivateKey.generate(Seeds.random(4)));
    Libp2pTransport b = start(key);
    b.serve((from, request) -> Mono.just(new DhtResponse.FindNodeResponse(List.of())));
    DhtRequest request = new DhtRequest.FindNode(new byte[] {1});
    try {
      assertThat(a.send(new PeerInfo(b.localPeer(), b.listenAddresses()), request).block(WAIT))
          .isNotNull();
      Libp2pConnection old =
          TransportInternals.host(a).connect(b.localPeer(), List.of()).block(WAIT);
      b.close().block(WAIT);
      Libp2pTransport restarted = start(key); // the same peer, back on another port
      restarted.serve((from, r) -> Mono.just(new DhtResponse.FindNodeResponse(List.of())));
      try {
        PeerInfo there = new PeerInfo(restarted.localPeer(), restarted.listenAddresses());
        assertThat(a.send(there, request).block(WAIT))
            .isEqualTo(new DhtResponse.FindNodeResponse(List.of()));
        assertThat(old.isClosed()).isTrue();
      } finally {
        restarted.close().block(WAIT);
      }
    } finally {
      a.close().block(WAIT);
    }
  }

  private static Libp2pTransport start(io.reactivedht.core.crypto.PrivateKey key) {
    return Libp2pTransport.start(Libp2pOptions.defaults(key)).block(WAIT);
  }

  @Test
  void aLoopbackNodeReportsItselfAsNotPubliclyReachable() {
    Libp2pTransport transport =
        Libp2pTransport.start(Libp2pOptions.defaults(Ed25519PrivateKey.generate(Seeds.random(3))))
            .block(Duration.ofSeconds(10));
    try {
      StepVerifier.create(transport.events().take(1))
          .expectNext(new TransportEvent.ReachabilityChanged(false))
          .verifyComplete();
    } finally {
      transport.close().block(Duration.ofSeconds(10));
    }
  }
}

package io.reactivedht.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.transport.stream.ByteStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The figures of {@link Libp2pTransport#figures()} move as two nodes talk on loopback. */
class TransportFiguresTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final Libp2pTransport a = start(6);
  private final Libp2pTransport b = start(7);

  @AfterEach
  void close() {
    a.close().block(WAIT);
    b.close().block(WAIT);
  }

  @Test
  void aFreshTransportHasCarriedNothing() {
    TransportFigures figures = a.figures();
    assertThat(figures.connectionsOpen()).isZero();
    assertThat(figures.streamsOpen()).isZero();
    assertThat(figures.bytesReceived()).isZero();
    assertThat(figures.bytesSent()).isZero();
  }

  @Test
  void connectionsStreamsAndBytesAreCountedOnBothSides() {
    b.serve((from, request) -> Mono.just(new DhtResponse.FindNodeResponse(List.of())));
    PeerInfo there = new PeerInfo(b.localPeer(), b.listenAddresses());
    DhtRequest request = new DhtRequest.FindNode(new byte[] {1});

    assertThat(a.send(there, request).block(WAIT)).isNotNull();

    TransportFigures ours = a.figures();
    TransportFigures theirs = b.figures();
    assertThat(ours.connectionsOpen()).isPositive();
    assertThat(theirs.connectionsOpen()).isPositive();
    assertThat(ours.bytesSent()).isPositive();
    assertThat(ours.bytesReceived()).isPositive(); // the handshake and the answer at least
    assertThat(theirs.bytesReceived()).isPositive();

    long sentBefore = ours.bytesSent();
    long receivedBefore = ours.bytesReceived();
    assertThat(a.send(there, request).block(WAIT)).isNotNull();
    assertThat(ours.bytesSent()).isGreaterThan(sentBefore);
    assertThat(ours.bytesReceived()).isGreaterThan(receivedBefore);

    ByteStream stream =
        TransportInternals.host(a)
            .newStream(b.localPeer(), b.listenAddresses(), Libp2pOptions.IPFS_KAD)
            .block(WAIT);
    try {
      assertThat(ours.streamsOpen()).isPositive();
    } finally {
      if (stream != null) {
        stream.reset();
      }
    }
  }

  private static Libp2pTransport start(long seed) {
    Libp2pTransport transport =
        Libp2pTransport.start(
                Libp2pOptions.defaults(Ed25519PrivateKey.generate(Seeds.random(seed))))
            .block(WAIT);
    if (transport == null) {
      throw new IllegalStateException("not started");
    }
    return transport;
  }
}

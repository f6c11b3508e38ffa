package io.reactivedht.transport.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import io.reactivedht.transport.Seeds;
import io.reactivedht.transport.TransportInternals;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("interop")
class JavaJsConnectTest {
  @Test
  void aJavaNodeAsksAJsNodeAndTheJsNodeAsksBack() {
    try (JsPeer js = JsPeer.start(JsPeer.Options.defaults())) {
      Libp2pTransport java =
          Libp2pTransport.start(Libp2pOptions.defaults(Ed25519PrivateKey.generate(Seeds.random(7))))
              .block(Duration.ofSeconds(10));
      try {
        java.serve(
            (from, request) ->
                reactor.core.publisher.Mono.just(new DhtResponse.FindNodeResponse(List.of())));
        DhtResponse response =
            java.send(
                    new PeerInfo(js.peerId(), List.of(js.tcpAddr())),
                    new DhtRequest.FindNode(new byte[] {1, 2, 3}))
                .block(Duration.ofSeconds(20));
        assertThat(response).isInstanceOf(DhtResponse.FindNodeResponse.class);
        assertThat(TransportInternals.host(java).identifyInfo(js.peerId())).isPresent();
        Eventually.await(
            "js has the Java node in its routing table",
            Duration.ofSeconds(20),
            js::routingTable,
            peers -> peers.contains(java.localPeer()));
      } finally {
        java.close().block(Duration.ofSeconds(10));
      }
    }
  }
}

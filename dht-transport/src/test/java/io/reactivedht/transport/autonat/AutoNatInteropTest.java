package io.reactivedht.transport.autonat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import io.reactivedht.transport.Seeds;
import io.reactivedht.transport.TransportInternals;
import io.reactivedht.transport.autonat.DialResponse.Status;
import io.reactivedht.transport.config.AutoNatOptions;
import io.reactivedht.transport.interop.JsPeer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** AutoNAT v1 between a Java node and js-libp2p ({@code @libp2p/autonat}) on loopback. */
@Tag("interop")
class AutoNatInteropTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aJsServerAnswersOurDialWithASpecStatusRefusingLoopback() {
    try (JsPeer js = JsPeer.start(JsPeer.Options.defaults())) {
      Libp2pTransport java = start(AutoNatOptions.DEFAULT);
      try {
        TransportInternals.host(java).connect(js.peerId(), List.of(js.tcpAddr())).block(WAIT);
        awaitTrue(
            () ->
                TransportInternals.host(java)
                    .identifyInfo(js.peerId())
                    .map(info -> info.protocols().contains(AutoNat.PROTOCOL_ID))
                    .orElse(false));

        DialResponse answer =
            new AutoNatClient(
                    TransportInternals.host(java), java::listenAddresses, AutoNatOptions.DEFAULT)
                .ask(js.peerId())
                .block(WAIT);

        // js dials back public addresses only (autonat.js: isPrivate(ma) => skipped, then "no
        // dialable addresses")
        assertThat(answer.status()).isEqualTo(Status.E_DIAL_REFUSED);
        assertThat(answer.address()).isNull();
      } finally {
        java.close().block(WAIT);
      }
    }
  }

  @Test
  void ourServerDialsAJsClientBackAndAnswersOkWithItsAddress() {
    try (JsPeer js = JsPeer.start(JsPeer.Options.defaults())) {
      Libp2pTransport java = start(AutoNatOptions.DEFAULT.withAllowPrivateAddresses(true));
      try {
        js.dial(java.listenAddresses().get(0).withPeerId(java.localPeer()));

        JsonNode answer = js.call("autonatDial", Map.of("peer", java.localPeer().toBase58()), WAIT);

        assertThat(answer.path("type").asText()).isEqualTo("DIAL_RESPONSE");
        assertThat(answer.path("status").asText()).isEqualTo("OK");
        assertThat(answer.path("addr").asText()).isEqualTo(js.tcpAddr().toString());
      } finally {
        java.close().block(WAIT);
      }
    }
  }

  @Test
  void ourDefaultServerRefusesToDialAJsClientAtLoopback() {
    try (JsPeer js = JsPeer.start(JsPeer.Options.defaults())) {
      Libp2pTransport java = start(AutoNatOptions.DEFAULT);
      try {
        js.dial(java.listenAddresses().get(0).withPeerId(java.localPeer()));

        JsonNode answer = js.call("autonatDial", Map.of("peer", java.localPeer().toBase58()), WAIT);

        assertThat(answer.path("status").asText()).isEqualTo("E_DIAL_REFUSED");
        assertThat(answer.path("addr").isNull()).isTrue();
      } finally {
        java.close().block(WAIT);
      }
    }
  }

  private static Libp2pTransport start(AutoNatOptions autoNat) {
    return Libp2pTransport.start(
            Libp2pOptions.defaults(Ed25519PrivateKey.generate(Seeds.random(7)))
                .withAutoNat(autoNat))
        .block(WAIT);
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition met in time").isLessThan(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}

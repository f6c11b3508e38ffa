package io.reactivedht.transport.identify;

import static io.reactivedht.transport.identify.IdentifyTest.ALICE;
import static io.reactivedht.transport.identify.IdentifyTest.BOB;
import static io.reactivedht.transport.identify.IdentifyTest.BOB_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.envelope.PeerRecord;
import io.reactivedht.core.multiaddr.Multiaddr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentifyInfoTest {
  @Test
  void anEnvelopeSignedByAnotherKeyIsRefused() {
    assertThatThrownBy(
            () ->
                new IdentifyInfo(
                    ALICE.publicKey(),
                    List.of(),
                    Set.of(),
                    null,
                    "",
                    "",
                    new PeerRecord(BOB_ID, 1, List.of()).seal(BOB)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(BOB_ID.toString());
  }

  @Test
  void theCollectionsAreCopiedAndTheProtocolsKeepTheirOrder() {
    List<Multiaddr> listen = new ArrayList<>(List.of(Multiaddr.parse("/ip4/1.2.3.4/tcp/1")));
    Set<String> protocols = new LinkedHashSet<>(List.of("/c", "/a", "/b"));
    IdentifyInfo info = IdentifyInfo.local(BOB, 1, listen, protocols, "bob");
    listen.clear();
    protocols.clear();

    assertThat(info.listenAddresses()).containsExactly(Multiaddr.parse("/ip4/1.2.3.4/tcp/1"));
    assertThat(info.protocols()).containsExactly("/c", "/a", "/b");
    assertThat(info.addresses()).isEqualTo(info.listenAddresses());
    assertThat(info.withObservedAddress(Multiaddr.parse("/ip4/5.6.7.8/tcp/9")).observedAddress())
        .isEqualTo(Multiaddr.parse("/ip4/5.6.7.8/tcp/9"));
  }
}

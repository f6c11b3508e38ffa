package io.reactivedht.transport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import org.junit.jupiter.api.Test;

class Libp2pOptionsTest {
  private final Libp2pOptions defaults =
      Libp2pOptions.defaults(Ed25519PrivateKey.fromSeed(new byte[32]));

  @Test
  void aBadOptionFailsWhenTheOptionsAreMadeNotAfterTheHostStarted() {
    assertThatThrownBy(() -> new Libp2pOptions(defaults.host(), Libp2pOptions.IPFS_KAD, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxMessageSize");
    assertThatThrownBy(
            () -> new Libp2pOptions(defaults.host(), Libp2pOptions.IPFS_KAD, Integer.MAX_VALUE))
        .hasMessageContaining("maxMessageSize");
    assertThatThrownBy(() -> defaults.withProtocolId("ipfs/kad/1.0.0"))
        .hasMessageContaining("protocolId");
  }
}

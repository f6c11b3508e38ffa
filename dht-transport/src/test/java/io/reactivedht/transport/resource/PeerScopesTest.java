package io.reactivedht.transport.resource;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.Seeds;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PeerScopesTest {
  private final SecureRandom random = Seeds.random(3);
  private final PeerId alice = peer();
  private final PeerId bob = peer();
  private final ResourceScope node = ResourceScope.root("node", 100, 10);
  private final PeerScopes peers = new PeerScopes(node, 40, 4);

  @Test
  void aPeersConnectionsShareOneBudget() {
    ResourceScope first = peers.open(alice).child("connection 1", 30, 4);
    ResourceScope second = peers.open(alice).child("connection 2", 30, 4);

    assertThat(first.tryReserve(30)).isTrue();
    assertThat(second.tryReserve(11)).as("alice has 10 left of 40").isFalse();
    assertThat(second.tryReserve(10)).isTrue();
    assertThat(peers.open(bob).tryReserve(40)).as("bob has his own").isTrue();
    assertThat(node.used()).isEqualTo(80);
  }

  @Test
  void aPeersScopeLivesWhileItHasAConnection() {
    ResourceScope scope = peers.open(alice);
    peers.open(alice);

    peers.close(alice);
    assertThat(peers.of(alice)).contains(scope);
    peers.close(alice);

    assertThat(peers.of(alice)).isEmpty();
    assertThat(peers.open(alice)).isNotSameAs(scope);
  }

  private PeerId peer() {
    return PeerId.fromPublicKey(Ed25519PrivateKey.generate(random).publicKey());
  }
}

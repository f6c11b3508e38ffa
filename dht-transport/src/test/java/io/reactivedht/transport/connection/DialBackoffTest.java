package io.reactivedht.transport.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.Seeds;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DialBackoffTest {
  private final SecureRandom random = Seeds.random(5);
  private final DialBackoff backoff = new DialBackoff();
  private final Multiaddr address = Multiaddr.parse("/ip4/192.0.2.1/tcp/4001");

  @Test
  void theDelayGrowsWithTheSquareOfTheFailuresUpToFiveMinutes() {
    assertThat(DialBackoff.delay(1)).isEqualTo(Duration.ofSeconds(6));
    assertThat(DialBackoff.delay(3)).isEqualTo(Duration.ofSeconds(14));
    assertThat(DialBackoff.delay(20)).isEqualTo(Duration.ofMinutes(5));
    assertThat(DialBackoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void anAddressBacksOffPerPeer() {
    PeerId a = peer();
    PeerId b = peer();
    backoff.failed(a, address, 0);

    assertThat(backoff.isBackingOff(a, address, 1)).isTrue();
    assertThat(backoff.isBackingOff(b, address, 1))
        .as("the same address of another peer")
        .isFalse();
    assertThat(backoff.isBackingOff(a, address, Duration.ofSeconds(6).toNanos())).isFalse();
  }

  @Test
  void peersBeyondTheBoundAreNotRememberedUntilOldOnesExpire() {
    for (int i = 0; i < DialBackoff.MAX_PEERS; i++) {
      backoff.failed(peer(), address, 0);
    }
    PeerId late = peer();

    backoff.failed(late, address, 1);
    assertThat(backoff.isBackingOff(late, address, 2)).isFalse();

    long later = DialBackoff.MAX.multipliedBy(3).toNanos();
    backoff.failed(late, address, later);
    assertThat(backoff.isBackingOff(late, address, later + 1)).isTrue();
  }

  private PeerId peer() {
    return PeerId.fromPublicKey(Ed25519PrivateKey.generate(random).publicKey());
  }
}

package io.reactivedht.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LookupConfigTest {
  @Test
  void defaultsAreTheAminoDhtParameters() {
    LookupConfig config = LookupConfig.DEFAULT;

    assertThat(config.alpha()).isEqualTo(10);
    assertThat(config.numResults()).isEqualTo(20);
    assertThat(config.peerTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.beta()).isEqualTo(3);
    assertThat(config.earlyTermination()).isFalse();
    assertThat(config.maxCloserPeers()).isEqualTo(20);
    assertThat(config.quorum()).isEqualTo(20);
  }

  @Test
  void withersChangeOneValue() {
    LookupConfig config =
        LookupConfig.DEFAULT
            .withAlpha(3)
            .withNumResults(16)
            .withPeerTimeout(Duration.ofSeconds(5))
            .withMaxCloserPeers(30);

    assertThat(config).isEqualTo(new LookupConfig(3, 16, Duration.ofSeconds(5), 3, false, 30));
  }

  @Test
  void betaSwitchesEarlyTerminationOn() {
    assertThat(LookupConfig.DEFAULT.withBeta(4).quorum()).isEqualTo(4);
    assertThat(LookupConfig.DEFAULT.withEarlyTermination(true).quorum()).isEqualTo(3);
    assertThat(LookupConfig.DEFAULT.withBeta(4).withEarlyTermination(false).quorum()).isEqualTo(20);
    assertThat(LookupConfig.DEFAULT.withBeta(50).quorum()).as("capped at numResults").isEqualTo(20);
  }

  @Test
  void rejectsValuesThatCannotWork() {
    assertThatIllegalArgumentException().isThrownBy(() -> LookupConfig.DEFAULT.withAlpha(0));
    assertThatIllegalArgumentException().isThrownBy(() -> LookupConfig.DEFAULT.withNumResults(0));
    assertThatIllegalArgumentException().isThrownBy(() -> LookupConfig.DEFAULT.withBeta(0));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LookupConfig.DEFAULT.withMaxCloserPeers(0));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LookupConfig.DEFAULT.withPeerTimeout(Duration.ZERO));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LookupConfig.DEFAULT.withPeerTimeout(Duration.ofSeconds(-1)));
  }
}

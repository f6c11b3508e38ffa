package io.reactivedht.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RoutingTableConfigTest {
  @Test
  void defaultsAreTheAminoValues() {
    RoutingTableConfig c = RoutingTableConfig.DEFAULT;
    assertThat(c.bucketSize()).isEqualTo(20);
    assertThat(c.replacementCacheSize()).isEqualTo(20);
    assertThat(c.staleAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.livenessCheckTimeout()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void withersChangeOneSetting() {
    RoutingTableConfig c =
        RoutingTableConfig.DEFAULT
            .withBucketSize(8)
            .withReplacementCacheSize(3)
            .withStaleAfter(Duration.ZERO)
            .withLivenessCheckTimeout(Duration.ofSeconds(5));
    assertThat(c).isEqualTo(new RoutingTableConfig(8, 3, Duration.ZERO, Duration.ofSeconds(5)));
  }

  @Test
  void outOfRangeSettingsAreRejected() {
    RoutingTableConfig d = RoutingTableConfig.DEFAULT;
    assertThatThrownBy(() -> d.withBucketSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withReplacementCacheSize(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withStaleAfter(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withLivenessCheckTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package io.reactivedht.routing.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelegatedRoutingOptionsTest {
  @Test
  void defaultsAreThirtySecondsAndAnyOrigin() {
    DelegatedRoutingOptions options = DelegatedRoutingOptions.defaults();
    assertThat(options.routingTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.allowedOrigins()).containsExactly("*");
  }

  @Test
  void copiesChangeOneSettingAndCheckIt() {
    DelegatedRoutingOptions options =
        DelegatedRoutingOptions.defaults()
            .withRoutingTimeout(Duration.ofSeconds(5))
            .withAllowedOrigins(List.of("https://example.org"));
    assertThat(options)
        .isEqualTo(
            new DelegatedRoutingOptions(Duration.ofSeconds(5), List.of("https://example.org")));
    assertThatThrownBy(() -> options.withRoutingTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> options.withAllowedOrigins(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

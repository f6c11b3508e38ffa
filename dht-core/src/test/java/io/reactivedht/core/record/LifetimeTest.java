package io.reactivedht.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LifetimeTest {
  static final Instant T = Instant.parse("2025-01-01T00:00:00Z");
  static final long T_NANOS = T.getEpochSecond() * 1_000_000_000L;
  static final Duration TTL = Duration.ofHours(48);

  @Test
  void aTickerReadingIsNanosecondsSinceTheEpoch() {
    assertThat(Lifetime.instant(T_NANOS + 5)).isEqualTo(T.plusNanos(5));
    assertThat(Lifetime.instant(0)).isEqualTo(Instant.EPOCH);
  }

  @Test
  void theLifetimeEndsAtExactlyTheTtl() {
    assertThat(Lifetime.nanosLeft(T, TTL, T_NANOS)).isEqualTo(TTL.toNanos());
    assertThat(Lifetime.nanosLeft(T, TTL, T_NANOS + TTL.toNanos() - 1)).isEqualTo(1);
    assertThat(Lifetime.nanosLeft(T, TTL, T_NANOS + TTL.toNanos())).isZero();
    assertThat(Lifetime.isLive(T, TTL, T_NANOS + TTL.toNanos() - 1)).isTrue();
    assertThat(Lifetime.isLive(T, TTL, T_NANOS + TTL.toNanos())).isFalse();
    assertThat(Lifetime.nanosLeft(Instant.MIN, TTL, T_NANOS)).isZero();
  }

  @Test
  void aFutureTimestampLivesNoLongerThanTheTtlFromNow() {
    assertThat(Lifetime.nanosLeft(T.plus(Duration.ofDays(365)), TTL, T_NANOS))
        .isEqualTo(TTL.toNanos());
    assertThat(Lifetime.nanosLeft(Instant.MAX, TTL, T_NANOS)).isEqualTo(TTL.toNanos());
  }

  @Test
  void aTtlIsPositiveAndWithinCaffeinesLimit() {
    assertThat(Lifetime.checkTtl("ttl", TTL)).isEqualTo(TTL);
    assertThatThrownBy(() -> Lifetime.checkTtl("ttl", Duration.ZERO))
        .hasMessageContaining("ttl must be positive");
    assertThatThrownBy(() -> Lifetime.checkTtl("ttl", Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Lifetime.checkTtl("ttl", Duration.ofDays(365 * 200)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

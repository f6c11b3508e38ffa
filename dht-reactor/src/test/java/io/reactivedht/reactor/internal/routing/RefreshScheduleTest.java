package io.reactivedht.reactor.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The cadence rules, against the spec's 10 minutes and go's fast retries while the table is low.
 */
class RefreshScheduleTest {
  private final RefreshSchedule amino = new RefreshSchedule(20, Duration.ofMinutes(10));

  @Test
  void aTableOfKPeersIsRefreshedEveryRefreshInterval() {
    assertThat(amino.period(20)).isEqualTo(Duration.ofMinutes(10));
    assertThat(amino.period(500)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void aTableOfFewerThanKPeersIsRefreshedEveryMinute() {
    assertThat(amino.period(0)).isEqualTo(Duration.ofMinutes(1));
    assertThat(amino.period(19)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aRefreshIntervalShorterThanAMinuteIsNeverStretched() {
    RefreshSchedule fast = new RefreshSchedule(20, Duration.ofSeconds(30));
    assertThat(fast.period(0)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void periodsCountFromTheStartOfTheRoundAndRoundsNeverOverlap() {
    assertThat(amino.pauseAfter(Duration.ofSeconds(25), 20))
        .isEqualTo(Duration.ofMinutes(10).minusSeconds(25));
    assertThat(amino.pauseAfter(Duration.ofSeconds(25), 3)).isEqualTo(Duration.ofSeconds(35));
    assertThat(amino.pauseAfter(Duration.ofMinutes(2), 3)).isZero();
  }

  @Test
  void aBucketRefreshedByThePreviousRoundIsDueInTheNext() {
    assertThat(amino.bucketDueAfter()).isEqualTo(Duration.ofMinutes(9));
    // refreshed 20 s into the previous round, checked at the start of this one
    assertThat(Duration.ofMinutes(10).minusSeconds(20)).isGreaterThan(amino.bucketDueAfter());
  }
}

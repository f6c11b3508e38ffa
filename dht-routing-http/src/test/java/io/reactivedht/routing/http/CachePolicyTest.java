package io.reactivedht.routing.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CachePolicyTest {
  @Test
  void resultsAreCachedForFiveMinutesNoResultsForFifteenSecondsBothStaleForTwoDays() {
    assertThat(CachePolicy.forResults(true))
        .isEqualTo("public, max-age=300, stale-while-revalidate=172800, stale-if-error=172800");
    assertThat(CachePolicy.forResults(false))
        .isEqualTo("public, max-age=15, stale-while-revalidate=172800, stale-if-error=172800");
  }

  @Test
  void anIpnsRecordIsCachedForItsTtlOrAMinuteAndServedStaleWhileValid() {
    assertThat(CachePolicy.forIpnsRecord(Duration.ofSeconds(42), Duration.ofHours(1)))
        .isEqualTo("public, max-age=42, stale-while-revalidate=3600, stale-if-error=3600");
    assertThat(CachePolicy.forIpnsRecord(Duration.ZERO, Duration.ofSeconds(-5)))
        .isEqualTo("public, max-age=60, stale-while-revalidate=0, stale-if-error=0");
  }
}

package io.reactivedht.reactor.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.reactor.config.RequestRateLimit;
import io.reactivedht.reactor.testing.TestPeers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PeerRateLimiterTest {
  private static final PeerId A =
      PeerId.parse("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA");
  private static final PeerId B = PeerId.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
  private final AtomicLong nanos = new AtomicLong(1_000);

  private long granted(PeerRateLimiter limiter, PeerId peer, int tries) {
    return IntStream.range(0, tries).filter(i -> limiter.tryAcquire(peer)).count();
  }

  @Test
  void aBurstIsGrantedThenTheSustainedRate() {
    PeerRateLimiter limiter = new PeerRateLimiter(new RequestRateLimit(100, 200), nanos::get);

    assertThat(granted(limiter, A, 1_000)).isEqualTo(200);
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(granted(limiter, A, 1_000)).isEqualTo(100);
  }

  @Test
  void eachPeerHasItsOwnBucket() {
    PeerRateLimiter limiter = new PeerRateLimiter(new RequestRateLimit(1, 3), nanos::get);

    assertThat(granted(limiter, A, 10)).isEqualTo(3);
    assertThat(granted(limiter, B, 10)).isEqualTo(3);
  }

  @Test
  void aQuietPeerRefillsOnlyUpToTheBurst() {
    PeerRateLimiter limiter = new PeerRateLimiter(new RequestRateLimit(10, 20), nanos::get);
    granted(limiter, A, 20);

    nanos.addAndGet(Duration.ofHours(1).toNanos());

    assertThat(granted(limiter, A, 100)).isEqualTo(20);
  }

  @Test
  void timeGoingBackwardsGrantsNothingExtra() {
    PeerRateLimiter limiter = new PeerRateLimiter(new RequestRateLimit(10, 2), nanos::get);
    granted(limiter, A, 2);

    nanos.addAndGet(-Duration.ofSeconds(5).toNanos());

    assertThat(granted(limiter, A, 10)).isZero();
  }

  @Test
  void atMostMaxPeersAreRemembered() {
    PeerRateLimiter limiter = new PeerRateLimiter(new RequestRateLimit(10, 2), nanos::get);
    for (int i = 0; i <= PeerRateLimiter.MAX_PEERS; i++) {
      limiter.tryAcquire(TestPeers.peer(i).id());
    }

    assertThat(limiter.size()).isEqualTo(PeerRateLimiter.MAX_PEERS);
  }

  @Test
  void aPeerQuietLongEnoughToRefillIsForgottenWhenAnotherArrives() {
    PeerRateLimiter limiter = new PeerRateLimiter(new RequestRateLimit(10, 20), nanos::get);
    granted(limiter, A, 5);
    nanos.addAndGet(Duration.ofSeconds(3).toNanos()); // 2 s refill

    granted(limiter, B, 1);

    assertThat(limiter.size()).isEqualTo(1);
    assertThat(granted(limiter, A, 100)).as("a full bucket, as if remembered").isEqualTo(20);
  }

  @Test
  void unlimitedGrantsEverything() {
    PeerRateLimiter limiter = new PeerRateLimiter(RequestRateLimit.UNLIMITED, nanos::get);

    assertThat(granted(limiter, A, 100_000)).isEqualTo(100_000);
  }
}

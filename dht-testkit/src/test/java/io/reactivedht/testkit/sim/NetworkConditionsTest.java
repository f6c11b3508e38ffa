package io.reactivedht.testkit.sim;

import static io.reactivedht.testkit.sim.SimFixtures.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.testkit.sim.NetworkConditions.AbsentPeer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NetworkConditionsTest {
  @Test
  void idealIsInstantAndLosslessWithGoLibp2pDefaults() {
    NetworkConditions ideal = NetworkConditions.ideal();
    assertThat(ideal.latency()).isEqualTo(LatencyModel.constant(Duration.ZERO));
    assertThat(ideal.lossProbability()).isZero();
    assertThat(ideal.dialTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(ideal.absentPeer()).isEqualTo(AbsentPeer.FAIL_AFTER_DIAL_TIMEOUT);
    assertThat(ideal.connectionLimit()).isEqualTo(192);
  }

  @Test
  void eachWithChangesOneSetting() {
    NetworkConditions ideal = NetworkConditions.ideal();
    LatencyModel latency = LatencyModel.constant(ms(30));
    assertThat(ideal.withLatency(latency))
        .isEqualTo(
            new NetworkConditions(
                latency, 0, Duration.ofSeconds(5), AbsentPeer.FAIL_AFTER_DIAL_TIMEOUT, 192));
    assertThat(ideal.withLossProbability(0.25).lossProbability()).isEqualTo(0.25);
    assertThat(ideal.withDialTimeout(ms(70)).dialTimeout()).isEqualTo(ms(70));
    assertThat(ideal.withAbsentPeer(AbsentPeer.HANG).absentPeer()).isEqualTo(AbsentPeer.HANG);
    assertThat(ideal.withConnectionLimit(3).connectionLimit()).isEqualTo(3);
    assertThat(ideal.withConnectionLimit(3).withLossProbability(0.5))
        .isEqualTo(
            new NetworkConditions(
                ideal.latency(), 0.5, ideal.dialTimeout(), ideal.absentPeer(), 3));
  }

  @Test
  void rejectsImpossibleSettings() {
    NetworkConditions ideal = NetworkConditions.ideal();
    assertThatThrownBy(() -> ideal.withLossProbability(-0.01))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ideal.withLossProbability(1.01))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ideal.withLossProbability(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ideal.withDialTimeout(ms(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ideal.withConnectionLimit(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ideal.withLossProbability(1).lossProbability()).isEqualTo(1);
    assertThat(ideal.withDialTimeout(Duration.ZERO).dialTimeout()).isZero();
  }
}

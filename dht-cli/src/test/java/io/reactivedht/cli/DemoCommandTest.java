package io.reactivedht.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo runs every step to success, over TCP and on the in-memory network. */
class DemoCommandTest {
  @Test
  void overTcpEveryStepSucceeds() {
    Cli.Result result = Cli.run("demo", "--nodes", "8");
    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("over TCP")
        .contains("OK: 5 of 5 steps succeeded")
        .doesNotContain("FAILED");
    assertThat(result.out().lines().filter(l -> l.startsWith("  ok in "))).hasSize(5);
  }

  @Test
  void onTheInMemoryNetworkEveryStepSucceeds() {
    Cli.Result result = Cli.run("demo", "--nodes", "8", "--in-memory");
    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.out()).contains("in-memory network").contains("OK: 5 of 5 steps succeeded");
  }
}

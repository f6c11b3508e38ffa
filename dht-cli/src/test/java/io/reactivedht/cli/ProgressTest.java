package io.reactivedht.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When the one-shots and {@code simulate} draw progress on stderr: the decision, and how stderr is
 * recognised as a terminal, without needing one.
 */
class ProgressTest {
  @ParameterizedTest(name = "terminal {0}, --json {1}: shown {2}")
  @CsvSource({
    "true, false, true",
    "true, true, false",
    "false, false, false",
    "false, true, false"
  })
  void progressIsShownOnATerminalAndNeverWithJson(boolean terminal, boolean json, boolean shown) {
    assertThat(Progress.shown(terminal, json)).isEqualTo(shown);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "/dev/pts/3, true",
    "/dev/tty1, true",
    "/dev/ttyS0, true",
    "/dev/console, true",
    "'pipe:[48213]', false",
    "'socket:[1234]', false",
    "/dev/null, false",
    "/tmp/daemon.err, false",
    "/home/me/dev/pts/log, false"
  })
  void aTerminalIsAPseudoTerminalConsoleOrSerialLine(String target, boolean terminal) {
    assertThat(Progress.isTerminalDevice(target)).isEqualTo(terminal);
  }

  @Test
  void theTestsStderrRedirectedToAFileIsNoTerminal() {
    // surefire runs the tests with stderr piped to it, never a terminal
    assertThat(Progress.stderrIsTerminal()).isFalse();
  }
}

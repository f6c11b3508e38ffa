package io.reactivedht.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code dht daemon --json} in another JVM (this test classpath), once it printed its ready line.
 *
 * @param process the daemon's JVM
 * @param ready the ready line: {@code {"event":"ready","peerId":...,"addrs":[...],...}}
 * @param log where its stderr goes
 */
record DaemonProcess(Process process, JsonNode ready, Path log) {
  /** Starts {@code dht daemon --json} with {@code args} and waits up to 90 s for its ready line. */
  static DaemonProcess start(Path log, List<String> args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                DhtCommand.class.getName(),
                "daemon",
                "--json"));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    String line = FirstLine.of(process, Duration.ofSeconds(90));
    assertThat(line).as("ready line; daemon stderr: %s", stderr(log)).isNotNull();
    return new DaemonProcess(process, Cli.parseObject(line), log);
  }

  /**
   * Stops the daemon as Ctrl-C or a service manager would (SIGTERM: its shutdown hook closes the
   * node) and waits for it; fails if it does not stop within 20 s.
   */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the daemon did not stop on SIGTERM; stderr: " + stderr());
    }
  }

  /** What the daemon wrote on stderr so far. */
  String stderr() {
    return stderr(log);
  }

  private static String stderr(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}

package io.reactivedht.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The first stdout line of a process started by a test or benchmark, such as a daemon's ready line.
 */
public final class FirstLine {
  private FirstLine() {}

  /**
   * Waits for the process's first stdout line.
   *
   * @param process a process whose stdout nobody else reads
   * @param wait how long to wait
   * @return the line, or null if stdout ended first
   * @throws IllegalStateException if no line came within {@code wait}
   */
  public static @Nullable String of(Process process, Duration wait) {
    BufferedReader stdout =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    try {
      return CompletableFuture.supplyAsync(
              () -> {
                try {
                  return stdout.readLine();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the first line", e);
    } catch (Exception e) {
      throw new IllegalStateException("no first line within " + wait, e);
    }
  }
}

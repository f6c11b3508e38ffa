package io.reactivedht.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The version and commit the jar was built from, read from the {@code build.properties} the build
 * filters; "unknown" where the build had no git checkout to read.
 */
record BuildInfo(String version, String commit, boolean dirty) {
  private static final String RESOURCE = "build.properties";

  /** The build info on the class path. */
  static BuildInfo current() {
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return of(properties);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The build info in {@code properties}, where an unfilled placeholder reads as unknown. */
  static BuildInfo of(Properties properties) {
    return new BuildInfo(
        known(properties.getProperty("version")),
        known(properties.getProperty("commit")),
        Boolean.parseBoolean(properties.getProperty("dirty")));
  }

  private static String known(@Nullable String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
  }

  /** One line: {@code reactive-dht 0.1.0 (commit 1a2b3c4)}, with "+ changes" for a dirty tree. */
  String describe() {
    return "reactive-dht " + version + " (commit " + commit + (dirty ? " + changes" : "") + ")";
  }
}

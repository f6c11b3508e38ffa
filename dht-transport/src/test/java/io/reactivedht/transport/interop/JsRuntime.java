package io.reactivedht.transport.interop;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the js peer runs: the {@code node} executable on the PATH and the {@code interop/js-peer}
 * directory with its installed {@code node_modules}. Applies the skipping policy of this package
 * when either is missing: fail in CI, skip elsewhere.
 */
record JsRuntime(Path node, Path peerDir) {

  /**
   * The system property (set by the dht-transport pom for Surefire) naming the js peer's directory.
   */
  static final String PEER_DIR_PROPERTY = "interop.jsPeerDir";

  /**
   * The runtime, or a failed test (in CI, environment variable {@code CI=true}) or an aborted one
   * (elsewhere) naming what is missing.
   */
  static JsRuntime require() {
    Path peerDir = configuredPeerDir();
    Optional<Path> node = findOnPath(isWindows() ? "node.exe" : "node");
    String missing = null;
    if (node.isEmpty()) {
      missing = "`node` is not on the PATH (" + System.getenv("PATH") + ")";
    } else if (!Files.isRegularFile(peerDir.resolve("peer.mjs"))) {
      missing = "no js peer at " + peerDir + " (system property " + PEER_DIR_PROPERTY + ")";
    } else if (!Files.isDirectory(peerDir.resolve("node_modules"))) {
      missing =
          peerDir.resolve("node_modules")
              + " is missing: run `npm ci` there, or build without -DskipNpm";
    }
    if (missing != null) {
      String message = "js-libp2p interop tests need Node.js and the installed js peer: " + missing;
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(message);
      }
      Assumptions.abort(message + " (skipped outside CI)");
    }
    return new JsRuntime(node.orElseThrow(), peerDir);
  }

  private static Path configuredPeerDir() {
    String configured = System.getProperty(PEER_DIR_PROPERTY);
    Path dir =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of("..", "interop", "js-peer");
    return dir.toAbsolutePath().normalize();
  }

  private static Optional<Path> findOnPath(String executable) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, executable);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "")
        .toLowerCase(java.util.Locale.ROOT)
        .startsWith("windows");
  }
}

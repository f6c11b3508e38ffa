package io.reactivedht.examples.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.peer.PeerId;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code js-client/client.mjs}: {@code @helia/delegated-routing-v1-http-api-client} (pinned in
 * {@code js-client/package-lock.json}, installed by the build's {@code npm ci}) reads the providers
 * of a CID, a peer and an IPNS record (which it validates) from a Delegated Routing V1 server, and
 * prints what it got as one JSON object. The tests that run it against the Spring service ({@link
 * HeliaClientTest}) and against {@code dht daemon --http} ({@link HeliaDaemonClientTest}) check the
 * same things.
 *
 * <p>Skipping policy (as dht-transport's interop tests): without {@code node} on the PATH or the
 * installed client, a test fails when the environment variable {@code CI} is {@code true} and is
 * skipped elsewhere.
 */
final class HeliaClient {
  static final String CLIENT_DIR_PROPERTY = "routing.jsClientDir";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private HeliaClient() {}

  /**
   * What the client read from the server at {@code baseUrl}: {@code providers} and {@code peers}
   * (lists of {@link #peerRecord}s) and {@code ipns} ({@link #ipns}).
   */
  static Map<String, Object> read(String baseUrl, Cid cid, PeerId peer, IpnsName name)
      throws IOException, InterruptedException {
    Path node = requireNode();
    Path dir = clientDir();
    List<String> command =
        new ArrayList<>(
            List.of(
                node.toString(),
                "--import",
                "./polyfill.mjs",
                "client.mjs",
                baseUrl,
                cid.toString(),
                peer.toString(),
                name.toString()));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
    process.getOutputStream().close();
    CompletableFuture<String> stdout =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    CompletableFuture<String> stderr =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      Assertions.fail("client.mjs did not finish; stderr: " + stderr.getNow(""));
    }
    assertThat(process.exitValue()).as("client.mjs exit code; stderr: %s", stderr.join()).isZero();
    String lastLine = stdout.join().strip().lines().reduce((a, b) -> b).orElse("");
    return JsonMapper.builder()
        .build()
        .readValue(lastLine, new TypeReference<Map<String, Object>>() {});
  }

  /** A peer record as the client prints it: schema, id, addresses, no protocols. */
  static Map<String, Object> peerRecord(PeerId id, Multiaddr address) {
    return Map.of(
        "schema",
        "peer",
        "id",
        id.toString(),
        "addrs",
        List.of(address.toString()),
        "protocols",
        List.of());
  }

  /** An IPNS record as the client prints it once it validated it. */
  static Map<String, Object> ipns(String path, long sequence) {
    return Map.of("value", path, "sequence", Long.toString(sequence), "validated", true);
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static Path clientDir() {
    String configured = System.getProperty(CLIENT_DIR_PROPERTY);
    Path dir =
        configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("js-client");
    dir = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir.resolve("node_modules"))) {
      missing(
          dir.resolve("node_modules")
              + " is missing: run `npm ci` there, or build without -DskipNpm");
    }
    return dir;
  }

  private static Path requireNode() {
    String executable =
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
            ? "node.exe"
            : "node";
    String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : pathVariable.split(File.pathSeparator)) {
      Path candidate = dir.isEmpty() ? null : Path.of(dir, executable);
      if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    missing("`node` is not on the PATH (" + pathVariable + ")");
    throw new AssertionError("unreachable");
  }

  private static void missing(String what) {
    String message = "the Helia client test needs Node.js and the installed js-client: " + what;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(message);
    }
    Assumptions.abort(message + " (skipped outside CI)");
  }
}

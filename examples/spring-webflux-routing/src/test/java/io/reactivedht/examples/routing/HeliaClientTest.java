package io.reactivedht.examples.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.reactor.Dht;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real client reads from the running service: {@code js-client/client.mjs} drives
 * {@code @helia/delegated-routing-v1-http-api-client} (pinned in {@code
 * js-client/package-lock.json}, installed by the build's {@code npm ci}) against the random port,
 * for providers, a peer and an IPNS record that it validates.
 *
 * <p>Skipping policy (as dht-transport's interop tests): without {@code node} on the PATH or the
 * installed client, the test fails when the environment variable {@code CI} is {@code true} and is
 * skipped elsewhere.
 */
class HeliaClientTest extends RoutingTestSupport {
  static final String CLIENT_DIR_PROPERTY = "routing.jsClientDir";

  @LocalServerPort int port;

  @Test
  void theHeliaClientReadsProvidersAPeerAndAnIpnsRecord() throws Exception {
    Path node = requireNode();
    Path clientDir = clientDir();

    Cid cid = freshCid();
    Dht provider = nodes().get(2);
    provider.provide(cid).block(TIMEOUT);
    Dht peer = nodes().get(10);
    Ed25519PrivateKey key = newKey();
    IpnsName name = new IpnsName(PeerId.fromPublicKey(key.publicKey()));
    String path = "/ipfs/bafkreihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc7y";
    IpnsRecord record = ipnsRecord(key, path, 7);
    nodes().get(5).putValue(name.routingKey(), record.encode()).block(TIMEOUT);

    Map<String, Object> out =
        run(
            node,
            clientDir,
            "http://127.0.0.1:" + port,
            cid.toString(),
            peer.localPeer().toString(),
            name.toString());

    assertThat(out.get("providers"))
        .isEqualTo(
            List.of(
                Map.of(
                    "schema",
                    "peer",
                    "id",
                    provider.localPeer().toString(),
                    "addrs",
                    List.of(swarm.addressesOf(provider.localPeer()).get(0).toString()),
                    "protocols",
                    List.of())));
    assertThat(out.get("peers"))
        .isEqualTo(
            List.of(
                Map.of(
                    "schema",
                    "peer",
                    "id",
                    peer.localPeer().toString(),
                    "addrs",
                    List.of(swarm.addressesOf(peer.localPeer()).get(0).toString()),
                    "protocols",
                    List.of())));
    assertThat(out.get("ipns"))
        .isEqualTo(Map.of("value", path, "sequence", "7", "validated", true));
  }

  private static Map<String, Object> run(Path node, Path dir, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(node.toString(), "--import", "./polyfill.mjs", "client.mjs"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
    process.getOutputStream().close();
    CompletableFuture<String> stdout =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    CompletableFuture<String> stderr =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    if (!process.waitFor(TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      Assertions.fail("client.mjs did not finish; stderr: " + stderr.getNow(""));
    }
    assertThat(process.exitValue()).as("client.mjs exit code; stderr: %s", stderr.join()).isZero();
    String lastLine = stdout.join().strip().lines().reduce((a, b) -> b).orElse("");
    return JsonMapper.builder()
        .build()
        .readValue(lastLine, new TypeReference<Map<String, Object>>() {});
  }

  private static String readAll(java.io.InputStream in) {
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

package io.reactivedht.examples.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.cli.DhtCommand;
import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.Mode;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The same Helia client checks as {@link HeliaClientTest}, against {@code dht daemon --http} (the
 * dht-cli command, in a JVM of its own on this test class path) instead of the Spring service: the
 * daemon joins a network of five DHT servers on loopback TCP in this JVM and serves the Delegated
 * Routing V1 API on an ephemeral loopback port.
 */
class HeliaDaemonClientTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int SERVERS = 5;

  @TempDir Path dir;

  private final List<Libp2pTransport> transports = new ArrayList<>();
  private final List<Dht> nodes = new ArrayList<>();
  private Process daemon;

  @AfterEach
  void stop() throws InterruptedException {
    if (daemon != null) {
      daemon.destroy();
      if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
        daemon.destroyForcibly();
      }
    }
    nodes.forEach(n -> n.close().onErrorResume(e -> Mono.empty()).block(TIMEOUT));
    transports.forEach(t -> t.close().onErrorResume(e -> Mono.empty()).block(TIMEOUT));
  }

  @Test
  void theHeliaClientReadsProvidersAPeerAndAnIpnsRecordFromTheDaemon() throws Exception {
    startServers();
    String url = startDaemon();

    Cid cid = RoutingTestSupport.freshCid();
    Dht provider = nodes.get(2);
    provider.provide(cid).block(TIMEOUT);
    Dht peer = nodes.get(4);
    Ed25519PrivateKey key = RoutingTestSupport.newKey();
    IpnsName name = new IpnsName(PeerId.fromPublicKey(key.publicKey()));
    String path = "/ipfs/bafkreihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc7y";
    IpnsRecord record = RoutingTestSupport.ipnsRecord(key, path, 7);
    nodes.get(3).putValue(name.routingKey(), record.encode()).block(TIMEOUT);

    Map<String, Object> out = HeliaClient.read(url, cid, peer.localPeer(), name);

    assertThat(out.get("providers"))
        .isEqualTo(List.of(HeliaClient.peerRecord(provider.localPeer(), addressOf(2))));
    assertThat(out.get("peers"))
        .isEqualTo(List.of(HeliaClient.peerRecord(peer.localPeer(), addressOf(4))));
    assertThat(out.get("ipns")).isEqualTo(HeliaClient.ipns(path, 7));
  }

  private void startServers() {
    for (int i = 0; i < SERVERS; i++) {
      Libp2pTransport transport =
          Libp2pTransport.start(
                  Libp2pOptions.defaults(RoutingTestSupport.newKey())
                      .withListen(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))))
              .block(TIMEOUT);
      transports.add(transport);
      Dht node =
          Dht.builder(transport)
              .options(DhtOptions.defaults().withMode(Mode.SERVER))
              .bootstrapPeers(
                  nodes.isEmpty()
                      ? List.of()
                      : List.of(new PeerInfo(nodes.get(0).localPeer(), List.of(addressOf(0)))))
              .build();
      node.start().block(TIMEOUT);
      nodes.add(node);
    }
    for (Dht node : nodes.subList(1, nodes.size())) {
      node.bootstrap().onErrorResume(e -> Mono.empty()).block(TIMEOUT);
    }
  }

  private Multiaddr addressOf(int i) {
    return transports.get(i).listenAddresses().get(0);
  }

  /**
   * Starts {@code dht daemon --json --http 127.0.0.1:0} and returns the URL its ready line names.
   */
  private String startDaemon() throws Exception {
    // this class path carries Spring Boot's logback: warnings only, and on stderr, not stdout
    Path logback = dir.resolve("logback.xml");
    Files.writeString(
        logback,
        """
        <configuration>
          <appender name="stderr" class="ch.qos.logback.core.ConsoleAppender">
            <target>System.err</target>
            <encoder><pattern>%level %logger: %msg%n</pattern></encoder>
          </appender>
          <root level="WARN"><appender-ref ref="stderr"/></root>
        </configuration>
        """);
    Path log = dir.resolve("daemon.err");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dlogback.configurationFile=" + logback,
            "-cp",
            System.getProperty("java.class.path"),
            DhtCommand.class.getName(),
            "daemon",
            "--json",
            "--listen",
            "/ip4/127.0.0.1/tcp/0",
            "--bootstrap",
            addressOf(0).withPeerId(nodes.get(0).localPeer()).toString(),
            "--http",
            "127.0.0.1:0",
            "--timeout",
            "30s");
    daemon = new ProcessBuilder(command).redirectError(log.toFile()).start();
    BufferedReader stdout =
        new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
    String line =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return stdout.readLine();
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .get(90, TimeUnit.SECONDS);
    assertThat(line).as("ready line; daemon stderr: %s", Files.readString(log)).isNotNull();
    JsonNode ready = JsonMapper.builder().build().readTree(line);
    assertThat(ready.get("event").asString()).isEqualTo("ready");
    assertThat(ready.get("routingTable").asInt()).isEqualTo(SERVERS);
    return ready.get("http").asString();
  }
}

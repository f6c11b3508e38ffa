package io.reactivedht.transport.bench;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import io.reactivedht.transport.Seeds;
import io.reactivedht.transport.interop.JsPeer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Issue 14's server benchmark: the cost of serving one FIND_NODE, measured on the server alone. The
 * server runs in a process of its own (a Java DHT node, {@link ServerProcess}, or a js-libp2p node,
 * {@link JsPeer}); 24 peers that serve the DHT connect to it first so that its routing table holds
 * them and every answer carries 20 closer peers. Then closed loops of FIND_NODE for random keys,
 * over 1 and 8 client connections with 1, 16, 64 and 256 requests in flight in all, each for a
 * window after a warm-up. Printed per run: answers per second, the server's CPU time per answer
 * (from the OS accounting of its process: the figure that stays comparable on a noisy machine), the
 * cores the server and this load generator used, latency percentiles and errors. Arguments: {@code
 * [window seconds] [warm-up seconds] [java|js|both]}; the system property {@code bench.server.jvm}
 * adds JVM options to the Java server's (e.g. {@code -XX:StartFlightRecording=filename=s.jfr}), and
 * {@code bench.rows} picks the runs (e.g. {@code 8x64}).
 */
public final class ServerCpuBenchmark {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int TABLE_PEERS = 24;
  private static final int[] CONNECTIONS = {1, 8};
  private static final int[] IN_FLIGHT = {1, 16, 64, 256};

  private ServerCpuBenchmark() {}

  /** Runs the benchmark and prints one line per server, connection count and concurrency. */
  public static void main(String[] args) throws Exception {
    Duration window = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 10);
    Duration warmUp = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 3);
    String servers = args.length > 2 ? args[2] : "both";
    SecureRandom random = Seeds.random(14);
    byte[][] targets = new byte[1024][32];
    for (byte[] target : targets) {
      random.nextBytes(target);
    }
    List<Libp2pTransport> tablePeers = new ArrayList<>();
    List<Libp2pTransport> clients = new ArrayList<>();
    for (int i = 0; i < TABLE_PEERS; i++) {
      Libp2pTransport peer = start(random);
      peer.serve((from, request) -> Mono.just(new DhtResponse.FindNodeResponse(List.of())));
      tablePeers.add(peer);
    }
    for (int i = 0; i < CONNECTIONS[CONNECTIONS.length - 1]; i++) {
      clients.add(start(random)); // clients only: they do not serve, so no table holds them
    }
    System.out.printf(
        Locale.ROOT,
        "FIND_NODE served, server in its own process; load generator in this JVM; %d cores shared;"
            + " %s; %d s window after %d s warm-up per run%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + Runtime.version(),
        window.toSeconds(),
        warmUp.toSeconds());
    System.out.printf(
        Locale.ROOT,
        "%-10s %5s %9s %9s %12s %11s %11s %8s %8s %8s %7s%n",
        "server",
        "conns",
        "in flight",
        "answers/s",
        "server ms/req",
        "server cores",
        "client cores",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "errors");
    try {
      if (!servers.equals("js")) {
        try (JavaServer java = JavaServer.start()) {
          measure("java", java.peer(), java::cpuTime, tablePeers, clients, targets, window, warmUp);
        }
      }
      if (!servers.equals("java")) {
        try (JsPeer js = JsPeer.start(JsPeer.Options.defaults().withSeed(new byte[32]))) {
          PeerInfo peer = new PeerInfo(js.peerId(), List.of(js.tcpAddr()));
          measure("js-libp2p", peer, js::cpuTime, tablePeers, clients, targets, window, warmUp);
        }
      }
    } finally {
      Flux.fromIterable(tablePeers)
          .concatWith(Flux.fromIterable(clients))
          .flatMap(Libp2pTransport::close)
          .blockLast(WAIT);
    }
    System.exit(0);
  }

  private static void measure(
      String name,
      PeerInfo server,
      Supplier<Duration> serverCpu,
      List<Libp2pTransport> tablePeers,
      List<Libp2pTransport> clients,
      byte[][] targets,
      Duration window,
      Duration warmUp) {
    connect(server, tablePeers, targets[0]);
    connect(server, clients, targets[0]);
    awaitFullAnswers(server, clients.get(0), targets[0]);
    // JIT warm-up of both ends, unreported
    new Run(server, clients, targets, 16, serverCpu).measure(warmUp.multipliedBy(2), warmUp);
    for (int connections : CONNECTIONS) {
      for (int inFlight : IN_FLIGHT) {
        if (!selected(connections, inFlight)) {
          continue;
        }
        Run run =
            new Run(server, clients.subList(0, connections), targets, inFlight, serverCpu)
                .measure(window, warmUp);
        System.out.printf(
            Locale.ROOT,
            "%-10s %5d %9d %9.0f %12.3f %11.2f %11.2f %8.2f %8.2f %8.2f %7d%n",
            name,
            connections,
            inFlight,
            run.answers / seconds(window),
            run.serverCpuNanos / 1e6 / Math.max(1, run.answers),
            run.serverCpuNanos / (double) window.toNanos(),
            run.clientCpuNanos / (double) window.toNanos(),
            run.percentileMillis(50),
            run.percentileMillis(90),
            run.percentileMillis(99),
            run.errors);
        if (run.firstError != null) {
          System.out.printf(Locale.ROOT, "%10s first error: %s%n", "", run.firstError);
        }
      }
    }
  }

  /**
   * Whether the system property {@code bench.rows} (e.g. {@code 8x64,1x16}; all rows without it)
   * asks for this run: one row measured again after a change takes seconds, not minutes.
   */
  private static boolean selected(int connections, int inFlight) {
    String rows = System.getProperty("bench.rows", "").strip();
    return rows.isEmpty() || Arrays.asList(rows.split(",")).contains(connections + "x" + inFlight);
  }

  /**
   * Connects peers to the server one at a time, each with one request (identify tells the server
   * which of them serve the DHT), 4 per second: js-libp2p refuses more inbound connections per
   * second from one host.
   */
  private static void connect(PeerInfo server, List<Libp2pTransport> peers, byte[] target) {
    Flux.fromIterable(peers)
        .concatMap(
            peer ->
                peer.send(server, new DhtRequest.FindNode(target))
                    .then(Mono.delay(Duration.ofMillis(250))))
        .blockLast(WAIT.multipliedBy(2));
  }

  /** Waits until the server's answers carry 20 closer peers. */
  private static void awaitFullAnswers(PeerInfo server, Libp2pTransport client, byte[] target) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    int closer = 0;
    while (System.nanoTime() < deadline) {
      DhtResponse answer = client.send(server, new DhtRequest.FindNode(target)).block(WAIT);
      closer = answer == null ? 0 : answer.closerPeers().size();
      if (closer >= 20) {
        return;
      }
      sleep(Duration.ofMillis(200));
    }
    throw new IllegalStateException(
        "the server's answers carry " + closer + " closer peers, not 20");
  }

  /** One closed loop: {@code inFlight} requests spread over the clients, always replaced. */
  private static final class Run {
    private final PeerInfo server;
    private final List<Libp2pTransport> clients;
    private final byte[][] targets;
    private final int inFlight;
    private final Supplier<Duration> serverCpu;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean counting = new AtomicBoolean();
    private final LongAdder answered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LatencyHistogram latencies = new LatencyHistogram();
    long answers;
    long errors;
    long serverCpuNanos;
    long clientCpuNanos;
    volatile @Nullable String firstError;

    Run(
        PeerInfo server,
        List<Libp2pTransport> clients,
        byte[][] targets,
        int inFlight,
        Supplier<Duration> serverCpu) {
      this.server = server;
      this.clients = clients;
      this.targets = targets;
      this.inFlight = inFlight;
      this.serverCpu = serverCpu;
    }

    Run measure(Duration window, Duration warmUp) {
      CompletableFuture<Void> done =
          Flux.<Integer, Integer>generate(
                  () -> 0,
                  (i, sink) -> {
                    sink.next(i);
                    return i + 1;
                  })
              .takeWhile(i -> running.get())
              .flatMap(this::request, inFlight)
              .then()
              .toFuture();
      sleep(warmUp);
      long cpuStart = serverCpu.get().toNanos();
      long clientStart = ownCpuNanos();
      counting.set(true);
      sleep(window);
      counting.set(false);
      serverCpuNanos = serverCpu.get().toNanos() - cpuStart;
      clientCpuNanos = ownCpuNanos() - clientStart;
      answers = answered.sum();
      errors = failed.sum();
      running.set(false);
      done.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
      return this;
    }

    private Mono<Void> request(int i) {
      Libp2pTransport client = clients.get(i % clients.size());
      return Mono.defer(
          () -> {
            long sent = System.nanoTime();
            return client
                .send(server, new DhtRequest.FindNode(targets[i % targets.length]))
                .doOnNext(
                    answer -> {
                      if (counting.get()) {
                        answered.increment();
                        latencies.record(System.nanoTime() - sent);
                      }
                    })
                .doOnError(
                    e -> {
                      if (counting.get()) {
                        failed.increment();
                        if (firstError == null) {
                          firstError = e.getClass().getSimpleName() + ": " + e.getMessage();
                        }
                      }
                    })
                .onErrorResume(e -> Mono.empty())
                .then();
          });
    }

    double percentileMillis(int percentile) {
      return latencies.percentileMillis(percentile);
    }
  }

  /** {@link ServerProcess} in a JVM of its own, on this classpath. */
  private record JavaServer(Process process, PeerInfo peer) implements AutoCloseable {
    static JavaServer start() throws IOException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx1g");
      String jvm = System.getProperty("bench.server.jvm", "").strip();
      if (!jvm.isEmpty()) {
        command.addAll(Arrays.asList(jvm.split("\\s+")));
      }
      command.addAll(
          List.of("-cp", System.getProperty("java.class.path"), ServerProcess.class.getName()));
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      while (line != null && !line.startsWith("READY ")) {
        line = out.readLine(); // e.g. the JVM's own lines about a flight recording
      }
      if (line == null) {
        process.destroyForcibly();
        throw new IllegalStateException("the server process did not start: " + line);
      }
      Multiaddr address = Multiaddr.parse(line.substring("READY ".length()));
      PeerId id = address.peerId().orElseThrow();
      return new JavaServer(process, new PeerInfo(id, List.of(address.withoutPeerId())));
    }

    Duration cpuTime() {
      return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    @Override
    public void close() throws Exception {
      process.getOutputStream().close(); // the server stops when its stdin closes
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static Libp2pTransport start(SecureRandom random) {
    Libp2pTransport transport =
        Libp2pTransport.start(Libp2pOptions.defaults(Ed25519PrivateKey.generate(random)))
            .block(WAIT);
    if (transport == null) {
      throw new IllegalStateException("a transport did not start");
    }
    return transport;
  }

  private static long ownCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

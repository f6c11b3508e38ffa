package io.reactivedht.cli.bench;

import io.reactivedht.cli.FirstLine;
import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Issue 10's overload benchmark: {@code dht daemon} with its default limits, in its own JVM, under
 * FIND_NODE load with far more concurrency than it can serve, while a well-behaved peer (in a third
 * JVM, {@link WellBehavedPeer}) sends one FIND_NODE every 100 ms. The load comes over loopback from
 * 60 peers, 30 over IPv4 and 30 over IPv6 (the daemon accepts 32 connections per IP); they serve
 * the DHT, so the daemon's routing table holds them and its answers carry 20 closer peers. First
 * the capacity: a closed loop with 4 requests in flight per peer. Then the overload: a closed loop
 * with 128 in flight per peer (32 times as many; an open loop at ten times the capacity cannot be
 * generated from the same two cores, since a request costs the client as much as the daemon). The
 * daemon's live heap is measured with a full GC ({@code jcmd GC.run}) every 10 s. Prints what the
 * clients got (answers, and every error grouped by type and message), the well-behaved peer's
 * success and latency, and the daemon's heap, resident memory and CPU time. Arguments: {@code
 * <dht.jar> [overload seconds] [requests in flight per load peer]}.
 */
public final class OverloadBenchmark {
  static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);

  private static final int PEERS_PER_IP = 30;
  private static final int CAPACITY_IN_FLIGHT = 4;
  private static final Duration WINDOW = Duration.ofSeconds(10);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String HEAP = "512m";

  private OverloadBenchmark() {}

  /** Runs the benchmark and prints its figures. */
  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    Duration overload = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60);
    int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 128;
    SecureRandom random = seeded(10);
    Path dir = Files.createTempDirectory("overload-benchmark");
    List<Libp2pTransport> clients = new ArrayList<>();
    try (Daemon daemon = Daemon.start(jar, dir, random)) {
      List<Load> load = new ArrayList<>();
      for (int i = 0; i < 2 * PEERS_PER_IP; i++) {
        Libp2pTransport client =
            Libp2pTransport.start(Libp2pOptions.defaults(Ed25519PrivateKey.generate(random)))
                .block(WAIT);
        clients.add(client);
        client.serve((from, request) -> Mono.just(new DhtResponse.FindNodeResponse(List.of())));
        load.add(new Load(client, daemon.peer(i % 2)));
      }
      byte[][] targets = targets(random);
      Flux.fromIterable(load)
          .flatMap(peer -> request(peer, targets[0], new Tally()))
          .blockLast(WAIT);
      try (Probe probe = Probe.start(daemon)) {
        new OverloadBenchmark.Run(daemon, load, probe, targets).run(overload, inFlight);
      }
    } finally {
      Flux.fromIterable(clients).flatMap(Libp2pTransport::close).blockLast(WAIT);
    }
    System.exit(0);
  }

  /** The phases, on a started daemon, load peers and well-behaved peer. */
  private record Run(Daemon daemon, List<Load> load, Probe probe, byte[][] targets) {
    void run(Duration overload, int inFlight) {
      System.out.printf(
          Locale.ROOT,
          "dht daemon -Xmx%s, default limits; %d load peers (%d per IP, IPv4 and IPv6 loopback) in"
              + " one JVM, 1 well-behaved peer in another; %d cores shared by the three, %s%n",
          HEAP,
          load.size(),
          PEERS_PER_IP,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.vm.name") + " " + Runtime.version());
      System.out.printf(
          Locale.ROOT,
          "answers carry %d closer peers (the load peers serve the DHT, so the daemon's routing"
              + " table holds them)%n",
          probe.awaitFullAnswers());
      capacity();
      long idle = System.nanoTime();
      sleep(Duration.ofSeconds(5));
      System.out.printf(
          Locale.ROOT,
          "idle daemon: live heap %d MiB; well-behaved peer %s%n",
          daemon.liveHeapMiB(),
          probe.result(idle, System.nanoTime()));
      overload(overload, inFlight);
      System.out.printf(
          Locale.ROOT,
          "daemon: peak RSS %s, %s; stderr: %s%n",
          daemon.peakRss(),
          daemon.process.isAlive() ? "still running" : "EXITED " + daemon.process.exitValue(),
          daemon.stderr());
    }

    private void capacity() {
      Tally tally = new Tally();
      AtomicBoolean running = new AtomicBoolean(true);
      CompletableFuture<Void> done = closedLoop(CAPACITY_IN_FLIGHT, tally, running);
      sleep(Duration.ofSeconds(3)); // warm-up
      Snapshot start = Snapshot.of(daemon, tally);
      sleep(Duration.ofSeconds(15));
      Snapshot end = Snapshot.of(daemon, tally);
      running.set(false);
      done.join();
      System.out.printf(
          Locale.ROOT,
          "capacity: closed loop, %d peers x %d in flight, 15 s: %.0f answers/s, daemon CPU %.3f"
              + " ms per answer; %d errors%s%n",
          load.size(),
          CAPACITY_IN_FLIGHT,
          end.answersPerSecondSince(start),
          end.cpuMillisPerAnswerSince(start),
          tally.errorCount(),
          tally.errorTable());
    }

    private void overload(Duration length, int inFlight) {
      Tally tally = new Tally();
      AtomicBoolean running = new AtomicBoolean(true);
      CompletableFuture<Void> done = closedLoop(inFlight, tally, running);
      System.out.printf(
          Locale.ROOT,
          "overload: closed loop, %d peers x %d in flight (%dx the capacity run's), %d s%n",
          load.size(),
          inFlight,
          inFlight / CAPACITY_IN_FLIGHT,
          length.toSeconds());
      System.out.printf(
          Locale.ROOT,
          "%8s %10s %9s %13s %8s %8s %10s %8s%n",
          "seconds",
          "answered/s",
          "errors/s",
          "well-behaved",
          "p50 ms",
          "p99 ms",
          "live heap",
          "RSS");
      Snapshot start = Snapshot.of(daemon, tally);
      Snapshot previous = start;
      int liveHeap = 0;
      for (long s = 0; s < length.toSeconds(); s += WINDOW.toSeconds()) {
        sleep(WINDOW);
        Snapshot now = Snapshot.of(daemon, tally);
        Probe.Result window = probe.result(previous.nanos, now.nanos);
        int live = daemon.liveHeapMiB();
        liveHeap = Math.max(liveHeap, live);
        System.out.printf(
            Locale.ROOT,
            "%3d-%-4d %10.0f %9.0f %13s %8.2f %8.2f %6d MiB %4d MiB%n",
            s,
            s + WINDOW.toSeconds(),
            now.answersPerSecondSince(previous),
            now.errorsPerSecondSince(previous),
            window.answered(),
            window.percentileMillis(50),
            window.percentileMillis(99),
            live,
            daemon.rssMiB());
        previous = Snapshot.of(daemon, tally); // after the GC
      }
      running.set(false);
      done.join();
      Gc gc = daemon.gc(start.nanos, previous.nanos);
      System.out.printf(
          Locale.ROOT,
          "load peers: %.0f requests/s sent, %.0f answered/s, daemon CPU %.3f ms per answer;"
              + " %d answered, %d failed (by kind below), %d not sent (the client's own limit of 256"
              + " streams open, with those answered but not yet closed)%s%n",
          previous.sentPerSecondSince(start),
          previous.answersPerSecondSince(start),
          previous.cpuMillisPerAnswerSince(start),
          tally.answers.sum(),
          tally.errorCount(),
          tally.notSent.sum(),
          tally.errorTable());
      System.out.printf(
          Locale.ROOT,
          "well-behaved peer under overload: %s%n",
          probe.result(start.nanos, previous.nanos));
      System.out.printf(
          Locale.ROOT,
          "daemon heap: at most %.0f MiB in use (before a young GC), at most %d MiB live (after a"
              + " full GC); %d young GCs%n",
          gc.maxBefore,
          liveHeap,
          gc.count);
    }

    /** Keeps {@code perPeer} requests in flight from every load peer while {@code running}. */
    private CompletableFuture<Void> closedLoop(int perPeer, Tally tally, AtomicBoolean running) {
      AtomicLong next = new AtomicLong();
      return Flux.range(0, load.size() * perPeer)
          .flatMap(
              slot ->
                  Mono.defer(
                          () ->
                              request(
                                  load.get(slot % load.size()),
                                  targets[(int) (next.getAndIncrement() % targets.length)],
                                  tally))
                      .repeat(running::get),
              Integer.MAX_VALUE)
          .then()
          .toFuture();
    }
  }

  /**
   * One FIND_NODE that records its outcome in {@code tally} and never fails. A request the client's
   * own yamux session refused (256 streams open, counting those answered but not yet closed by the
   * daemon) was not sent: it waits 100 ms before the next.
   */
  private static Mono<Void> request(Load peer, byte[] target, Tally tally) {
    return peer.client
        .send(peer.daemon, new DhtRequest.FindNode(target))
        .timeout(RPC_TIMEOUT)
        .doOnNext(tally::answer)
        .then()
        .onErrorResume(
            e -> {
              if (refusedLocally(e)) {
                tally.notSent.increment();
                return Mono.delay(Duration.ofMillis(100)).then();
              }
              tally.error(e);
              return Mono.empty();
            });
  }

  private static boolean refusedLocally(Throwable error) {
    return error.getCause() instanceof IllegalStateException
        && String.valueOf(error.getCause().getMessage()).contains("outbound streams open");
  }

  private static byte[][] targets(SecureRandom random) {
    byte[][] targets = new byte[256][32];
    for (byte[] target : targets) {
      random.nextBytes(target);
    }
    return targets;
  }

  /** A deterministic SecureRandom. */
  static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An error's class and message, peer ids and numbers replaced, cut at 160 characters. */
  static String kind(Throwable error) {
    String message =
        String.valueOf(error.getMessage())
            .replaceAll("12D3KooW\\w+", "<peer>")
            .replaceAll("\\d+", "N");
    String kind = error.getClass().getName() + ": " + message;
    return kind.length() > 160 ? kind.substring(0, 160) + "..." : kind;
  }

  /** SIGTERM, then SIGKILL if the process has not exited within {@code grace}. */
  private static void stop(Process process, Duration grace) {
    process.destroy();
    try {
      if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
  }

  private static void sleep(Duration duration) {
    LockSupport.parkNanos(duration.toNanos());
  }

  /** A load peer: its transport and the daemon address it dials. */
  private record Load(Libp2pTransport client, PeerInfo daemon) {}

  /** Answers, errors grouped by {@link #kind}, and requests not sent. */
  private static final class Tally {
    final LongAdder answers = new LongAdder();
    final LongAdder notSent = new LongAdder();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    void answer(DhtResponse response) {
      answers.increment();
    }

    void error(Throwable error) {
      add(kind(error));
    }

    void add(String kind) {
      errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    long errorCount() {
      return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** One line per kind, most frequent first; empty without errors. */
    String errorTable() {
      StringBuilder table = new StringBuilder();
      errors.entrySet().stream()
          .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
          .forEach(
              e ->
                  table.append(
                      String.format(Locale.ROOT, "%n  %9d  %s", e.getValue().sum(), e.getKey())));
      return table.toString();
    }
  }

  /** The {@link WellBehavedPeer} process and what it printed, each line with when it was sent. */
  private static final class Probe implements AutoCloseable {
    private final Process process;
    private final List<Outcome> outcomes = new ArrayList<>();

    private Probe(Process process) {
      this.process = process;
    }

    static Probe start(Daemon daemon) throws IOException {
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  WellBehavedPeer.class.getName(),
                  daemon.addresses.get(0).toString(),
                  daemon.id.toString(),
                  "11")
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      Probe probe = new Probe(process);
      Thread reader = new Thread(probe::read, "well-behaved-peer");
      reader.setDaemon(true);
      reader.start();
      return probe;
    }

    private void read() {
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          String[] fields = line.split(" ", 3);
          long latency = Long.parseLong(fields[1]);
          Outcome outcome =
              new Outcome(System.nanoTime() - latency, line.startsWith("ok"), latency, fields[2]);
          synchronized (outcomes) {
            outcomes.add(outcome);
            outcomes.notifyAll();
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }

    /** Waits until an answer carries 20 closer peers, or 20 s; the closer peers of the last. */
    int awaitFullAnswers() {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      synchronized (outcomes) {
        while (System.nanoTime() < deadline) {
          for (Outcome o : outcomes) {
            if (o.answered && Integer.parseInt(o.detail) >= 20) {
              return 20;
            }
          }
          try {
            outcomes.wait(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
        return outcomes.isEmpty() || !outcomes.get(outcomes.size() - 1).answered
            ? 0
            : Integer.parseInt(outcomes.get(outcomes.size() - 1).detail);
      }
    }

    /** The requests sent between two {@link System#nanoTime} instants. */
    Result result(long from, long to) {
      Tally errors = new Tally();
      List<Long> latencies = new ArrayList<>();
      int sent = 0;
      synchronized (outcomes) {
        for (Outcome o : outcomes) {
          if (o.sentAt >= from && o.sentAt < to) {
            sent++;
            if (o.answered) {
              latencies.add(o.latency);
            } else {
              errors.add(o.detail);
            }
          }
        }
      }
      long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      return new Result(sent, sorted, errors.errorTable());
    }

    @Override
    public void close() {
      stop(process, Duration.ofSeconds(10));
    }

    /**
     * One request: when it was sent, whether it was answered, its latency, closer peers or error.
     */
    private record Outcome(long sentAt, boolean answered, long latency, String detail) {}

    /** Requests sent, the answers' latencies sorted, errors by kind. */
    record Result(int sent, long[] latencies, String errors) {
      double percentileMillis(int percentile) {
        return latencies.length == 0
            ? Double.NaN
            : latencies[Math.min(latencies.length - 1, latencies.length * percentile / 100)] / 1e6;
      }

      String answered() {
        return latencies.length + "/" + sent;
      }

      @Override
      public String toString() {
        return String.format(
            Locale.ROOT,
            "%s answered, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%s",
            answered(),
            percentileMillis(50),
            percentileMillis(90),
            percentileMillis(99),
            latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6,
            errors);
      }
    }
  }

  /** Answers and errors so far, the daemon's CPU time, and when. */
  private record Snapshot(long answers, long errors, long cpuNanos, long nanos) {
    static Snapshot of(Daemon daemon, Tally tally) {
      return new Snapshot(
          tally.answers.sum(), tally.errorCount(), daemon.cpuNanos(), System.nanoTime());
    }

    double answersPerSecondSince(Snapshot start) {
      return (answers - start.answers) / ((nanos - start.nanos) / 1e9);
    }

    double errorsPerSecondSince(Snapshot start) {
      return (errors - start.errors) / ((nanos - start.nanos) / 1e9);
    }

    double sentPerSecondSince(Snapshot start) {
      return (answers + errors - start.answers - start.errors) / ((nanos - start.nanos) / 1e9);
    }

    double cpuMillisPerAnswerSince(Snapshot start) {
      return (cpuNanos - start.cpuNanos) / 1e6 / Math.max(1, answers - start.answers);
    }
  }

  /** Young GCs in a period: how many, and the most heap in use before one, in MiB. */
  private record Gc(int count, double maxBefore) {}

  /** {@code dht daemon} in its own JVM, with a GC log. */
  private static final class Daemon implements AutoCloseable {
    private static final Pattern GC_LINE =
        Pattern.compile("\\[(\\d+)ms].* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    final Process process;
    final PeerId id;
    final List<Multiaddr> addresses;
    final Path dir;
    final long startNanos;

    private Daemon(Process process, String ready, Path dir, long startNanos) {
      this.process = process;
      this.dir = dir;
      this.startNanos = startNanos;
      Matcher peer = Pattern.compile("\"peerId\":\"(\\w+)\"").matcher(ready);
      if (!peer.find()) {
        throw new IllegalStateException("not a ready line: " + ready);
      }
      this.id = PeerId.parse(peer.group(1));
      this.addresses = new ArrayList<>();
      Matcher addr = Pattern.compile("\"(/ip[46]/[^/]+/tcp/\\d+)/p2p/").matcher(ready);
      while (addr.find()) {
        addresses.add(Multiaddr.parse(addr.group(1)));
      }
    }

    /** Starts the daemon with a seeded identity and waits for its ready line. */
    static Daemon start(Path jar, Path dir, SecureRandom random) throws IOException {
      Path key = dir.resolve("daemon.key");
      Files.write(key, Ed25519PrivateKey.generate(random).encoded());
      long startNanos = System.nanoTime();
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx" + HEAP,
                  "-Xlog:gc:file=" + dir.resolve("gc.log") + ":uptimemillis",
                  "-jar",
                  jar.toString(),
                  "daemon",
                  "--json",
                  "--identity",
                  key.toString(),
                  "--listen",
                  "/ip4/127.0.0.1/tcp/0",
                  "--listen",
                  "/ip6/::1/tcp/0")
              .redirectError(dir.resolve("daemon.err").toFile())
              .start();
      try {
        return new Daemon(process, readyLine(process), dir, startNanos);
      } catch (RuntimeException e) {
        process.destroyForcibly();
        throw e;
      }
    }

    private static String readyLine(Process process) {
      return String.valueOf(FirstLine.of(process, Duration.ofSeconds(60)));
    }

    /** The daemon's address over IPv4 loopback (0) or IPv6 loopback (1). */
    PeerInfo peer(int which) {
      return new PeerInfo(id, List.of(addresses.get(which)));
    }

    long cpuNanos() {
      return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    long rssMiB() {
      return status("VmRSS") / 1024;
    }

    String peakRss() {
      long kib = status("VmHWM");
      return kib < 0 ? "unknown" : kib / 1024 + " MiB";
    }

    /** A kB figure from /proc/PID/status; -1 where there is none. */
    private long status(String field) {
      try {
        return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
            .filter(line -> line.startsWith(field + ":"))
            .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
            .findFirst()
            .orElse(-1L);
      } catch (IOException e) {
        return -1;
      }
    }

    /** The young GCs logged between two {@link System#nanoTime} instants. */
    Gc gc(long fromNanos, long toNanos) {
      long from = (fromNanos - startNanos) / 1_000_000;
      long to = (toNanos - startNanos) / 1_000_000;
      int count = 0;
      double before = 0;
      for (String line : lines("gc.log")) {
        Matcher gc = GC_LINE.matcher(line);
        if (line.contains("Pause Young")
            && gc.find()
            && Long.parseLong(gc.group(1)) >= from
            && Long.parseLong(gc.group(1)) < to) {
          count++;
          before = Math.max(before, Double.parseDouble(gc.group(2)));
        }
      }
      return new Gc(count, before);
    }

    /** Runs a full GC ({@code jcmd GC.run}); the heap in use after it, in MiB, or -1. */
    int liveHeapMiB() {
      try {
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()),
                "GC.run")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start()
            .waitFor(30, TimeUnit.SECONDS);
      } catch (IOException e) {
        return -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
      int live = -1;
      for (String line : lines("gc.log")) {
        Matcher gc = GC_LINE.matcher(line);
        if (line.contains("Pause Full") && gc.find()) {
          live = Integer.parseInt(gc.group(3));
        }
      }
      return live;
    }

    /** The daemon's stderr: its line count and first line. */
    String stderr() {
      List<String> lines = lines("daemon.err");
      return lines.isEmpty() ? "empty" : lines.size() + " lines, the first: " + lines.get(0);
    }

    private List<String> lines(String file) {
      try {
        return Files.readAllLines(dir.resolve(file));
      } catch (IOException e) {
        return List.of();
      }
    }

    /** SIGTERM (the node closes), then SIGKILL if it has not exited within 20 s. */
    @Override
    public void close() {
      stop(process, Duration.ofSeconds(20));
    }
  }
}

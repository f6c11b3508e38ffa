package io.reactivedht.cli.bench;

import io.reactivedht.cli.DhtCommand;
import io.reactivedht.cli.FirstLine;
import io.reactivedht.cli.LoopbackNetwork;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Issue 13's one-shot latency: {@code dht find-providers CID --json} standalone (a client node that
 * joins a loopback network of real DHT servers from scratch through one of them, then looks up)
 * against the same command through a warm {@code dht daemon --http}'s {@code --api} (the daemon in
 * its own JVM, joined to the same network, already asked once). Both are measured as a person runs
 * them, a new {@code java -jar dht.jar} process each time (wall clock, JVM start included), and as
 * the command alone, run in this JVM (picocli's {@code execute}, JIT warm). The network's servers
 * run in this JVM (libp2p over TCP); one of them provides the CID, and every run must print exactly
 * that provider. Runs alternate between the modes. Arguments: {@code <dht.jar> [network size]
 * [runs]} (default 20 and 20).
 */
public final class DaemonBenchmark {
  private static final Pattern URL = Pattern.compile("\"http\":\"([^\"]+)\"");

  private DaemonBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Process daemon = null;
    try (LoopbackNetwork network = new LoopbackNetwork(size)) {
      Cid cid =
          Cid.v1(Cid.RAW, Multihash.sha256("daemon benchmark".getBytes(StandardCharsets.UTF_8)));
      network.node(size / 2).provide(cid).block(Duration.ofSeconds(60));
      String provider = network.node(size / 2).localPeer().toString();
      System.out.printf(
          Locale.ROOT,
          "network: %d DHT servers on loopback, one providing %s; %d runs per mode%n",
          size,
          cid,
          runs);

      Path log = Files.createTempFile("daemon-benchmark", ".err");
      daemon =
          new ProcessBuilder(
                  java(),
                  "-jar",
                  jar.toString(),
                  "daemon",
                  "--json",
                  "--listen",
                  "/ip4/127.0.0.1/tcp/0",
                  "--bootstrap",
                  network.bootstrap(0),
                  "--http",
                  "127.0.0.1:0")
              .redirectError(log.toFile())
              .start();
      String url = daemonUrl(daemon, log);
      List<String> cold = List.of("find-providers", cid.toString(), "--json", "--bootstrap");
      List<String> warm = List.of("find-providers", cid.toString(), "--json", "--api", url);
      check(inProcess(append(warm, List.of())), provider, "warm-up through the daemon");

      List<Double> standaloneProcess = new ArrayList<>();
      List<Double> apiProcess = new ArrayList<>();
      List<Double> standaloneCommand = new ArrayList<>();
      List<Double> apiCommand = new ArrayList<>();
      for (int r = 0; r < runs; r++) {
        List<String> standalone = append(cold, List.of(network.bootstrap(r % size)));
        standaloneProcess.add(timed(() -> check(process(jar, standalone), provider, "standalone")));
        apiProcess.add(timed(() -> check(process(jar, warm), provider, "--api")));
        standaloneCommand.add(
            timed(() -> check(inProcess(standalone), provider, "standalone in-process")));
        apiCommand.add(timed(() -> check(inProcess(warm), provider, "--api in-process")));
      }
      System.out.printf(
          Locale.ROOT, "%-44s %8s %8s %8s%n", "find-providers (ms)", "p50", "p90", "max");
      row("standalone, new JVM (java -jar dht.jar)", standaloneProcess);
      row("--api of a warm daemon, new JVM", apiProcess);
      row("standalone, the command alone (warm JVM)", standaloneCommand);
      row("--api of a warm daemon, the command alone", apiCommand);
    } finally {
      if (daemon != null) {
        daemon.destroy();
        daemon.waitFor(20, TimeUnit.SECONDS);
      }
    }
    System.exit(0);
  }

  private interface Run {
    void run() throws Exception;
  }

  private static double timed(Run run) throws Exception {
    long start = System.nanoTime();
    run.run();
    return (System.nanoTime() - start) / 1e6;
  }

  /** Fails unless the command exited 0 and printed exactly the provider. */
  private static void check(Result result, String provider, String what) {
    List<String> lines = result.out().strip().lines().toList();
    if (result.exit() != 0
        || lines.size() != 1
        || !lines.get(0).startsWith("{\"id\":\"" + provider + "\"")) {
      throw new IllegalStateException(what + ": exit " + result.exit() + "\n" + result);
    }
  }

  private record Result(int exit, String out, String err) {}

  private static Result process(Path jar, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
    command.addAll(args);
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("dht did not finish: " + args);
    }
    return new Result(p.exitValue(), out, err.join());
  }

  private static Result inProcess(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = DhtCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(args.toArray(String[]::new));
    return new Result(exit, out.toString(), err.toString());
  }

  private static String daemonUrl(Process daemon, Path log) throws Exception {
    String ready = FirstLine.of(daemon, Duration.ofSeconds(120));
    Matcher m = URL.matcher(String.valueOf(ready));
    if (!m.find()) {
      throw new IllegalStateException(
          "no ready line with a URL: " + ready + "\n" + Files.readString(log));
    }
    return m.group(1);
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static List<String> append(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void row(String name, List<Double> ms) {
    System.out.printf(
        Locale.ROOT,
        "%-44s %8.1f %8.1f %8.1f%n",
        name,
        percentile(ms, 0.5),
        percentile(ms, 0.9),
        Collections.max(ms));
  }

  private static double percentile(List<Double> values, double q) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
  }
}

package io.reactivedht.cli;

import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.reactor.config.Mode;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A one-shot operation: start a client-mode node, join through {@code --bootstrap}, do one thing,
 * print its results (one line or one JSON object each), close the node, exit. The read-only ones
 * ({@link ReadOneShot}) can instead ask a running daemon over HTTP.
 */
abstract class OneShot implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin NodeOptions node;

  private long deadline;
  private final AtomicInteger emitted = new AtomicInteger();
  private @Nullable Progress progress;

  @Override
  public final Integer call() {
    deadline = System.nanoTime() + node.timeout.toNanos();
    List<PeerInfo> bootstrap = node.bootstrap;
    URI daemon = daemonUrl();
    if (bootstrap.isEmpty() && daemon == null) {
      throw usage(
          "--bootstrap",
          "missing: give a peer to join the network through, "
              + "e.g. the address a `dht daemon` printed"
              + (this instanceof ReadOneShot
                  ? " (or --api, the URL of a `dht daemon --http`)"
                  : ""));
    }
    validate();
    if (daemon != null) {
      try {
        return runThrough(new DaemonApi(daemon));
      } catch (DaemonApi.Unreachable e) {
        if (bootstrap.isEmpty()) {
          throw new CliException(
              daemonOption(),
              e.getMessage() + "; give --bootstrap too, to join the network when it does not");
        }
        fallbackNote(String.valueOf(e.getMessage()));
      }
    }
    try (Node running =
        Node.start(
            identity(),
            node.listenOr("/ip4/127.0.0.1/tcp/0"),
            node.protocol,
            Mode.CLIENT,
            bootstrap,
            node.timeout,
            new LimitOptions())) {
      progress =
          Progress.follow(
              running.dht(),
              err(),
              Progress.shown(Progress.stderrIsTerminal(), node.json),
              emitted::get);
      try {
        running.join().timeout(remaining()).block();
        return run(running);
      } finally {
        progress.close();
      }
    }
  }

  /**
   * The URL of the daemon to run through ({@link ReadOneShot}), or null to join the network: the
   * commands that write always join.
   */
  @Nullable URI daemonUrl() {
    return null;
  }

  /** The option that named the daemon, for errors. */
  String daemonOption() {
    return "--api";
  }

  /**
   * Does the command's one thing through a running daemon's HTTP API; returns the exit status.
   *
   * @throws DaemonApi.Unreachable if nobody answers there (before anything was printed)
   */
  int runThrough(DaemonApi api) {
    throw new UnsupportedOperationException(spec.name() + " does not run through a daemon");
  }

  /** Says on stderr (also with {@code --json}) that the command joins the network itself. */
  final void fallbackNote(String why) {
    err().println("dht: " + why + "; joining the network through --bootstrap instead");
    err().flush();
  }

  /** The key the node runs with: {@code --identity}, or a new one. */
  io.reactivedht.core.crypto.PrivateKey identity() {
    return node.identityKey(null);
  }

  /**
   * Checks the arguments before any network work; throws {@link #usage} or {@link CliException}.
   */
  void validate() {}

  /** Does the command's one thing on a joined node; returns the exit status. */
  abstract int run(Node running);

  /** A bad command line: reported as {@code dht: <option>: <reason>}, exit status 2. */
  final ParameterException usage(String option, String reason) {
    return new ParameterException(spec.commandLine(), reason, spec.findOption(option), null);
  }

  /** What is left of {@code --timeout}. */
  final Duration remaining() {
    return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
  }

  /** Prints one result: {@code json} with {@code --json}, otherwise {@code human}. */
  final synchronized void emit(Json json, String human) {
    if (progress != null) {
      progress.erase();
    }
    emitted.incrementAndGet();
    out().println(node.json ? json.toString() : human);
    out().flush();
  }

  /** A note for people on stderr (not printed with {@code --json}). */
  final void note(String text) {
    if (!node.json) {
      if (progress != null) {
        progress.erase();
      }
      err().println(text);
      err().flush();
    }
  }

  final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  final PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** A peer as JSON: {@code {"id":"...","addrs":[...]}}. */
  static Json peerJson(PeerInfo peer) {
    return Json.object()
        .put("id", peer.id().toString())
        .put("addrs", peer.addresses().stream().map(Object::toString).toList());
  }

  /** A peer for people: the id, then its addresses. */
  static String peerLine(PeerInfo peer) {
    return peer.id()
        + (peer.addresses().isEmpty()
            ? ""
            : " " + String.join(" ", peer.addresses().stream().map(Object::toString).toList()));
  }
}

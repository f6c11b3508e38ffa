package io.reactivedht.cli;

import io.reactivedht.reactor.config.Mode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dht daemon}: run a node until SIGINT/SIGTERM. */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
      "Run a DHT node until SIGINT/SIGTERM (Ctrl-C), then close it and its connections.",
      "The first stdout line says the node is ready, with its peer id and the addresses to give others as "
          + "--bootstrap; with --json: {\"event\":\"ready\",\"peerId\":\"...\",\"addrs\":[\"/ip4/.../tcp/.../p2p/...\"]}.",
      "Records and provider records are held in memory only and are lost when the daemon stops."
    })
final class DaemonCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin NodeOptions node;

  @Mixin LimitOptions limits;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      defaultValue = "server",
      description = {
        "server: answer DHT requests and enter others' routing tables (default); client: only ask; "
            + "auto: client until AutoNAT (peers dialing back) or a public listen address shows the node is "
            + "reachable, then server, and back"
      })
  Mode mode;

  @Option(
      names = "--datastore",
      paramLabel = "DIR",
      description =
          "a directory for the node's state. Today it holds only the identity key, DIR/identity.key "
              + "(created on first run, used unless --identity is given); records are not persisted yet.")
  @Nullable Path datastore;

  @Override
  public Integer call() {
    Path keyFile = datastore == null ? null : datastore.resolve("identity.key");
    Node running =
        Node.start(
            node.identityKey(keyFile),
            node.listenOr("/ip4/0.0.0.0/tcp/0"),
            node.protocol,
            mode,
            node.bootstrap,
            node.timeout,
            limits);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  stopped.countDown();
                },
                "dht-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!node.bootstrap.isEmpty()) {
      try {
        running.join().timeout(node.timeout).block();
      } catch (RuntimeException e) {
        err.println(
            "dht: "
                + Errors.describe(e)
                + " (the daemon keeps running and retries every few minutes)");
        err.flush();
      }
    }
    var addrs = running.addresses().stream().map(Object::toString).toList();
    if (node.json) {
      out.println(
          Json.object()
              .put("event", "ready")
              .put("peerId", running.dht().localPeer().toString())
              .put("addrs", addrs));
    } else {
      out.println(
          "ready: peer "
              + running.dht().localPeer()
              + " ("
              + running.dht().mode().name().toLowerCase(java.util.Locale.ROOT)
              + " mode, "
              + running.dht().routingTablePeers().size()
              + " peers in the routing table) at "
              + String.join(" ", addrs));
    }
    out.flush();
    ProvideCommand.awaitUninterruptibly(stopped);
    return 0;
  }
}

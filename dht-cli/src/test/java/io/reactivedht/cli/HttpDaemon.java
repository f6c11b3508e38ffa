package io.reactivedht.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code dht daemon --http 127.0.0.1:0} with a datastore, in another JVM, bootstrapped from a
 * loopback network of three servers in this one: what the tests of the daemon's HTTP service and of
 * the one-shots through it start before all their tests.
 *
 * @param network the three servers
 * @param daemon the daemon's process
 * @param url the base URL its ready line names
 * @param store its datastore directory (which holds the api file)
 */
record HttpDaemon(LoopbackNetwork network, DaemonProcess daemon, String url, Path store)
    implements AutoCloseable {

  /** Starts the network and the daemon in {@code dir}, with {@code extraArgs} after the rest. */
  static HttpDaemon start(Path dir, String... extraArgs) throws Exception {
    LoopbackNetwork network = new LoopbackNetwork(3);
    Path store = dir.resolve("store");
    List<String> args =
        new ArrayList<>(
            List.of(
                "--listen",
                "/ip4/127.0.0.1/tcp/0",
                "--bootstrap",
                network.bootstrap(0),
                "--datastore",
                store.toString(),
                "--http",
                "127.0.0.1:0"));
    args.addAll(List.of(extraArgs));
    DaemonProcess daemon;
    try {
      daemon = DaemonProcess.start(dir.resolve("daemon.err"), args);
    } catch (Exception e) {
      network.close();
      throw e;
    }
    return new HttpDaemon(network, daemon, daemon.ready().get("http").asText(), store);
  }

  /** Stops the daemon, then the network. */
  @Override
  public void close() throws Exception {
    try {
      daemon.stop();
    } finally {
      network.close();
    }
  }
}

package io.reactivedht.cli;

import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.reactor.provider.ProvideResult;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dht provide CID}: announce that this node provides a CID. */
@Command(
    name = "provide",
    mixinStandardHelpOptions = true,
    description = {
      "Announce to the peers closest to a CID that this node provides it (ADD_PROVIDER).",
      "The announcement carries this node's --listen addresses: they must be addresses the others can dial "
          + "(the default listens on loopback only). A one-shot provide exits at once: the provider record "
          + "lives on the peers for 48 h, but nobody answers at those addresses after the exit and nobody "
          + "re-announces it. Use --stay to keep the node running (and re-announcing every 22 h) until Ctrl-C, "
          + "or run a daemon.",
      "--json: {\"cid\":\"...\",\"reached\":N,\"failed\":N,\"addrs\":[...]}."
    })
final class ProvideCommand extends OneShot {
  @Parameters(paramLabel = "CID", description = "the content, e.g. bafkrei... or Qm...")
  Cid cid;

  @Option(
      names = "--stay",
      description = "keep running after the announcement until SIGINT/SIGTERM")
  boolean stay;

  @Override
  int run(Node running) {
    ProvideResult result = running.dht().provide(cid).timeout(remaining()).block();
    if (result == null || result.reachedCount() == 0) {
      throw new CliException(
          "CID",
          "no peer could be reached to take the provider record"
              + (result == null ? "" : " (" + result.failed().size() + " failed)"));
    }
    emit(
        Json.object()
            .put("cid", cid.toString())
            .put("reached", result.reachedCount())
            .put("failed", result.failed().size())
            .put("addrs", running.addresses().stream().map(Object::toString).toList()),
        "announced "
            + cid
            + " to "
            + result.reachedCount()
            + " peers ("
            + result.failed().size()
            + " failed)");
    if (stay) {
      note("providing from " + running.addresses() + "; Ctrl-C to stop");
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    running.close();
                    stopped.countDown();
                  },
                  "dht-shutdown"));
      awaitUninterruptibly(stopped);
    }
    return 0;
  }

  static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (latch.getCount() > 0) {
      try {
        latch.await();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}

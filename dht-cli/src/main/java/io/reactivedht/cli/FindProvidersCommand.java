package io.reactivedht.cli;

import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.peerinfo.PeerInfo;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reactor.core.publisher.Flux;

/**
 * {@code dht find-providers CID}: the peers that provide a CID, one line each as the lookup finds
 * them.
 */
@Command(
    name = "find-providers",
    mixinStandardHelpOptions = true,
    description = {
      "Find the peers that provide a CID, printed one per line as the lookup finds them.",
      "--json: one {\"id\":\"...\",\"addrs\":[...]} per provider. Exits 0 also when none is found.",
      "With --api (or --datastore) a running daemon searches: GET /routing/v1/providers/{cid}."
    })
final class FindProvidersCommand extends ReadOneShot {
  @Parameters(paramLabel = "CID", description = "the content, e.g. bafkrei... or Qm...")
  Cid cid;

  @Option(
      names = "--max",
      paramLabel = "N",
      defaultValue = "20",
      description = "stop after N providers (default ${DEFAULT-VALUE})")
  int max;

  @Override
  void validate() {
    if (max < 1) {
      throw usage("--max", max + ": must be at least 1");
    }
  }

  @Override
  int run(Node running) {
    return print(running.dht().findProviders(cid));
  }

  @Override
  int runThrough(DaemonApi api) {
    return print(api.providers(cid.toString(), remaining()));
  }

  private int print(Flux<PeerInfo> providers) {
    AtomicInteger found = new AtomicInteger();
    providers
        .take(max)
        .take(remaining())
        .doOnNext(
            p -> {
              found.incrementAndGet();
              emit(peerJson(p), peerLine(p));
            })
        .blockLast();
    if (found.get() == 0) {
      note("no providers found for " + cid);
    }
    return 0;
  }
}

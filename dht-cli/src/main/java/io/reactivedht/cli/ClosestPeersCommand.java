package io.reactivedht.cli;

import io.reactivedht.core.peerinfo.PeerInfo;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import reactor.core.publisher.Flux;

/** {@code dht closest-peers KEY}: the k peers closest to a key. */
@Command(
    name = "closest-peers",
    mixinStandardHelpOptions = true,
    description = {
      "Find the DHT servers closest to a key (FIND_NODE lookup), closest first.",
      "KEY is a peer id (its binary id is the key), a CID (its multihash, as for providers), /pk/<peer id> or "
          + "/ipns/<name> (the record key), or any other text (its UTF-8 bytes). Distance is XOR over SHA-256 of "
          + "the key bytes.",
      "--json: one {\"id\":\"...\",\"addrs\":[...]} per peer.",
      "With --api (or --datastore) a running daemon searches, through its daemon-only "
          + "GET /dht/v1/closest-peers?key=KEY (the routing API's closest-peers endpoint takes only "
          + "peer ids and CIDs)."
    })
final class ClosestPeersCommand extends ReadOneShot {
  @Parameters(paramLabel = "KEY", description = "the key")
  String key;

  private byte[] target;

  @Override
  void validate() {
    target = RecordKeys.lookupKey(key);
  }

  @Override
  int run(Node running) {
    return print(running.dht().findClosestPeers(target));
  }

  @Override
  int runThrough(DaemonApi api) {
    return print(api.closestPeers(key, remaining()));
  }

  private int print(Flux<PeerInfo> closest) {
    AtomicInteger found = new AtomicInteger();
    closest
        .timeout(remaining())
        .doOnNext(
            p -> {
              found.incrementAndGet();
              emit(peerJson(p), peerLine(p));
            })
        .blockLast();
    if (found.get() == 0) {
      throw new CliException("KEY", "no peer answered the lookup");
    }
    return 0;
  }
}

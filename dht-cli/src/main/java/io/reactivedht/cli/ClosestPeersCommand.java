package io.reactivedht.cli;

import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dht closest-peers KEY}: the k peers closest to a key. */
@Command(
    name = "closest-peers",
    mixinStandardHelpOptions = true,
    description = {
      "Find the DHT servers closest to a key (FIND_NODE lookup), closest first.",
      "KEY is a peer id (its binary id is the key), a CID (its multihash, as for providers), /pk/<peer id> or "
          + "/ipns/<name> (the record key), or any other text (its UTF-8 bytes). Distance is XOR over SHA-256 of "
          + "the key bytes.",
      "--json: one {\"id\":\"...\",\"addrs\":[...]} per peer."
    })
final class ClosestPeersCommand extends OneShot {
  @Parameters(paramLabel = "KEY", description = "the key")
  String key;

  private byte[] target;

  @Override
  void validate() {
    target = RecordKeys.lookupKey(key);
  }

  @Override
  int run(Node running) {
    AtomicInteger found = new AtomicInteger();
    running
        .dht()
        .findClosestPeers(target)
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

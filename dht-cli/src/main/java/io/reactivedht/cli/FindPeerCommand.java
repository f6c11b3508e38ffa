package io.reactivedht.cli;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dht find-peer PEERID}: a peer's addresses. */
@Command(
    name = "find-peer",
    mixinStandardHelpOptions = true,
    description = {
      "Find the addresses of a peer.",
      "--json: {\"id\":\"...\",\"addrs\":[...]}.",
      "With --api (or --datastore) a running daemon searches: GET /routing/v1/peers/{peer-id}."
    })
final class FindPeerCommand extends ReadOneShot {
  @Parameters(paramLabel = "PEERID", description = "the peer, e.g. 12D3KooW... or Qm...")
  PeerId peer;

  @Override
  int run(Node running) {
    return print(running.dht().findPeer(peer).timeout(remaining()).block());
  }

  @Override
  int runThrough(DaemonApi api) {
    return print(api.peer(peer.toString(), remaining()).next().timeout(remaining()).block());
  }

  private int print(@Nullable PeerInfo found) {
    if (found == null) {
      throw new CliException("PEERID", peer + ": not found");
    }
    emit(peerJson(found), peerLine(found));
    return 0;
  }
}

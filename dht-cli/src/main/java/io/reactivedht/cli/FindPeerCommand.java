package io.reactivedht.cli;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dht find-peer PEERID}: a peer's addresses. */
@Command(
    name = "find-peer",
    mixinStandardHelpOptions = true,
    description = {"Find the addresses of a peer.", "--json: {\"id\":\"...\",\"addrs\":[...]}."})
final class FindPeerCommand extends OneShot {
  @Parameters(paramLabel = "PEERID", description = "the peer, e.g. 12D3KooW... or Qm...")
  PeerId peer;

  @Override
  int run(Node running) {
    PeerInfo found = running.dht().findPeer(peer).timeout(remaining()).block();
    if (found == null) {
      throw new CliException("PEERID", peer + ": not found");
    }
    emit(peerJson(found), peerLine(found));
    return 0;
  }
}

package io.reactivedht.examples.embedded;

import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.reactor.Dht;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A user's code on a {@link Dht}: a node announces the files it holds and finds who holds a file,
 * by content. {@code FileSharingTest} tests it on a 50-node swarm from dht-testkit, as the README
 * shows.
 */
public final class FileSharing {
  private final Dht dht;

  /**
   * Shares files through {@code dht}.
   *
   * @param dht a started node
   */
  public FileSharing(Dht dht) {
    this.dht = dht;
  }

  /**
   * Announces that this node holds {@code file}.
   *
   * @param file the file's bytes
   * @return completes once the closest peers to the file's CID hold the announcement
   */
  public Mono<Void> share(byte[] file) {
    return dht.provide(cidOf(file)).then();
  }

  /**
   * The peers that announced {@code file}, as they are found.
   *
   * @param file the file's bytes
   * @return their peer ids
   */
  public Flux<PeerId> holdersOf(byte[] file) {
    return dht.findProviders(cidOf(file)).map(PeerInfo::id);
  }

  private static Cid cidOf(byte[] file) {
    return Cid.v1(Cid.RAW, Multihash.sha256(file));
  }
}

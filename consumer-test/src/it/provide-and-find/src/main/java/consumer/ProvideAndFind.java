package consumer;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.reactor.Dht;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Two nodes on loopback: the first provides a CID, the second finds it through the DHT. */
public final class ProvideAndFind {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private ProvideAndFind() {}

  /** Who provided, and the first provider the other node found. */
  public record Outcome(PeerId provider, PeerId found) {}

  /** Provides {@code cid} from one node and finds its provider from the other. */
  public static Outcome run(Cid cid) {
    SecureRandom random = new SecureRandom();
    Libp2pTransport first =
        Libp2pTransport.start(Libp2pOptions.defaults(Ed25519PrivateKey.generate(random)))
            .block(WAIT);
    Libp2pTransport second =
        Libp2pTransport.start(Libp2pOptions.defaults(Ed25519PrivateKey.generate(random)))
            .block(WAIT);
    Dht provider = Dht.builder(first).build();
    Dht finder =
        Dht.builder(second)
            .bootstrapPeers(List.of(new PeerInfo(first.localPeer(), first.listenAddresses())))
            .build();
    try {
      PeerId found =
          provider
              .start()
              .then(finder.start())
              .then(finder.bootstrap())
              .then(provider.provide(cid))
              .thenMany(finder.findProviders(cid))
              .map(PeerInfo::id)
              .next()
              .switchIfEmpty(Mono.error(new IllegalStateException("no provider found")))
              .block(WAIT);
      return new Outcome(first.localPeer(), found);
    } finally {
      Flux.concat(finder.close(), provider.close(), second.close(), first.close()).blockLast(WAIT);
    }
  }

  /** Prints who provided and who was found. */
  public static void main(String[] args) {
    System.out.println(run(Cid.parse("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy")));
  }
}

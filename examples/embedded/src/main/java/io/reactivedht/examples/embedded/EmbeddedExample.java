package io.reactivedht.examples.embedded;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.reactor.Dht;
import io.reactivedht.transport.KeyFile;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Usage: {@code EmbeddedExample <cid> <bootstrap multiaddr with /p2p/...>...} */
public final class EmbeddedExample {
  private EmbeddedExample() {}

  /**
   * Joins through the bootstrap peers, provides {@code cid}, and emits the first three providers
   * found.
   */
  public static Flux<PeerInfo> provideAndFind(Cid cid, List<Multiaddr> bootstrap, Path identity) {
    List<PeerInfo> peers =
        bootstrap.stream().map(a -> new PeerInfo(a.peerId().orElseThrow(), List.of(a))).toList();
    return Flux.usingWhen(
        Libp2pTransport.start(Libp2pOptions.defaults(KeyFile.loadOrCreate(identity))),
        transport ->
            Flux.usingWhen(
                Mono.fromCallable(() -> Dht.builder(transport).bootstrapPeers(peers).build()),
                dht ->
                    dht.start()
                        .then(dht.bootstrap())
                        .then(dht.provide(cid))
                        .thenMany(dht.findProviders(cid).take(3)),
                Dht::close),
        Libp2pTransport::close);
  }

  /**
   * Prints the providers of {@code args[0]} found through the bootstrap peers {@code args[1..]}.
   */
  public static void main(String[] args) {
    List<Multiaddr> bootstrap = Arrays.stream(args, 1, args.length).map(Multiaddr::parse).toList();
    provideAndFind(Cid.parse(args[0]), bootstrap, Path.of("identity.key"))
        .doOnNext(provider -> System.out.println(provider.id() + " " + provider.addresses()))
        .blockLast();
  }
}

package io.reactivedht.transport.bench;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.Mode;
import io.reactivedht.reactor.config.RequestRateLimit;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import io.reactivedht.transport.Seeds;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The server of {@link ServerCpuBenchmark}, in a JVM of its own so that its CPU time is its own: a
 * DHT server node on the libp2p transport, as {@code dht daemon} builds it (default options, server
 * mode), with the per-peer request rate limit off so that one benchmark client may load it. Prints
 * {@code READY <multiaddr with /p2p/>} on stdout, then runs until its stdin closes. Argument: the
 * identity seed.
 */
public final class ServerProcess {
  private ServerProcess() {}

  /** Starts the node, prints its address, waits for stdin to close. */
  public static void main(String[] args) throws IOException {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 14;
    Libp2pTransport transport =
        Libp2pTransport.start(
                Libp2pOptions.defaults(Ed25519PrivateKey.generate(Seeds.random(seed)))
                    .withListen(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"))))
            .block(Duration.ofSeconds(30));
    if (transport == null) {
      throw new IllegalStateException("the transport did not start");
    }
    Dht dht =
        Dht.builder(transport)
            .options(
                DhtOptions.defaults()
                    .withMode(Mode.SERVER)
                    .withInboundRateLimit(RequestRateLimit.UNLIMITED))
            .build();
    dht.start().block();
    System.out.println("READY " + transport.listenAddresses().get(0).withPeerId(dht.localPeer()));
    System.out.flush();
    while (System.in.read() >= 0) {
      // runs until the benchmark closes our stdin (or exits)
    }
    dht.close().then(transport.close()).block(Duration.ofSeconds(10));
    System.exit(0);
  }
}

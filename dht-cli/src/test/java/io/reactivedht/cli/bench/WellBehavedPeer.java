package io.reactivedht.cli.bench;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import reactor.core.Exceptions;

/**
 * {@link OverloadBenchmark}'s well-behaved peer, in a JVM of its own so that the load peers' work
 * does not delay it: one FIND_NODE every 100 ms, each sent after the previous one ended, until
 * stdin closes. Prints one line per request: {@code ok <nanoseconds> <closer peers>} or {@code
 * error <nanoseconds> <kind>}. Arguments: {@code <daemon multiaddr> <daemon peer id> <seed>}.
 */
public final class WellBehavedPeer {
  private static final long INTERVAL = Duration.ofMillis(100).toNanos();

  private WellBehavedPeer() {}

  /** Asks until stdin closes. */
  public static void main(String[] args) {
    PeerInfo daemon = new PeerInfo(PeerId.parse(args[1]), List.of(Multiaddr.parse(args[0])));
    var random = OverloadBenchmark.seeded(Long.parseLong(args[2]));
    Libp2pTransport client =
        Libp2pTransport.start(Libp2pOptions.defaults(Ed25519PrivateKey.generate(random)))
            .block(Duration.ofSeconds(30));
    Thread exit =
        new Thread(
            () -> {
              try {
                System.in.transferTo(java.io.OutputStream.nullOutputStream());
              } catch (IOException e) {
                // the parent is gone: exit
              }
              System.exit(0);
            });
    exit.setDaemon(true);
    exit.start();
    byte[] target = new byte[32];
    for (long next = System.nanoTime(); ; next += INTERVAL) {
      LockSupport.parkNanos(next - System.nanoTime());
      random.nextBytes(target);
      System.out.println(ask(client, daemon, target));
      System.out.flush();
    }
  }

  private static String ask(Libp2pTransport client, PeerInfo daemon, byte[] target) {
    long start = System.nanoTime();
    try {
      DhtResponse answer =
          client
              .send(daemon, new DhtRequest.FindNode(target))
              .timeout(OverloadBenchmark.RPC_TIMEOUT)
              .block();
      return "ok "
          + (System.nanoTime() - start)
          + " "
          + ((DhtResponse.FindNodeResponse) answer).closerPeers().size();
    } catch (RuntimeException e) {
      return "error "
          + (System.nanoTime() - start)
          + " "
          + OverloadBenchmark.kind(Exceptions.unwrap(e));
    }
  }
}

package io.reactivedht.transport.bench;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import io.reactivedht.transport.Seeds;
import io.reactivedht.transport.interop.JsPeer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * FIND_NODE round trips per second and latency percentiles over the full stack on loopback (TCP,
 * Noise, yamux, one stream per request as go and js do), from a Java client to a Java server and to
 * a js-libp2p server, side by side. Each server answers with up to 20 closer peers. Arguments:
 * {@code [requests] [concurrency...]}.
 */
public final class FindNodeBenchmark {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private FindNodeBenchmark() {}

  /** Runs the benchmark and prints one line per server and concurrency. */
  public static void main(String[] args) {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int[] concurrencies =
        args.length > 1
            ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
            : new int[] {1, 16};
    SecureRandom random = Seeds.random(1);
    Libp2pTransport client = start(random);
    Libp2pTransport javaServer = start(random);
    DhtResponse answer = new DhtResponse.FindNodeResponse(closerPeers(random));
    javaServer.serve((from, request) -> Mono.just(answer));
    try (JsPeer jsServer = JsPeer.start(JsPeer.Options.defaults().withSeed(new byte[32]))) {
      List<Server> servers =
          List.of(
              new Server(
                  "java", new PeerInfo(javaServer.localPeer(), javaServer.listenAddresses())),
              new Server(
                  "js-libp2p", new PeerInfo(jsServer.peerId(), List.of(jsServer.tcpAddr()))));
      System.out.printf(
          Locale.ROOT,
          "FIND_NODE over loopback, %d requests per run, %d cores, %s%n",
          requests,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.vm.name") + " " + Runtime.version());
      System.out.printf(
          Locale.ROOT,
          "%-10s %11s %10s %9s %9s %9s%n",
          "server",
          "concurrency",
          "req/s",
          "p50 ms",
          "p90 ms",
          "p99 ms");
      for (Server server : servers) {
        run(client, server, Math.min(requests, 500), 4); // warm-up: connection, JIT
        for (int concurrency : concurrencies) {
          Result result = run(client, server, requests, concurrency);
          System.out.printf(
              Locale.ROOT,
              "%-10s %11d %10.0f %9.2f %9.2f %9.2f%n",
              server.name,
              concurrency,
              result.perSecond(),
              result.percentileMillis(50),
              result.percentileMillis(90),
              result.percentileMillis(99));
        }
      }
    } finally {
      client.close().block(WAIT);
      javaServer.close().block(WAIT);
    }
    System.exit(0);
  }

  private static Libp2pTransport start(SecureRandom random) {
    return Libp2pTransport.start(Libp2pOptions.defaults(Ed25519PrivateKey.generate(random)))
        .block(WAIT);
  }

  private static Result run(Libp2pTransport client, Server server, int requests, int concurrency) {
    long[] latencies = new long[requests];
    byte[] target = new byte[32];
    long start = System.nanoTime();
    Flux.range(0, requests)
        .flatMap(
            i ->
                Mono.defer(
                    () -> {
                      long sent = System.nanoTime();
                      return client
                          .send(server.peer, new DhtRequest.FindNode(target))
                          .doOnNext(response -> latencies[i] = System.nanoTime() - sent);
                    }),
            concurrency)
        .blockLast(Duration.ofMinutes(10));
    return new Result(latencies, System.nanoTime() - start);
  }

  private static List<PeerInfo> closerPeers(SecureRandom random) {
    List<PeerInfo> peers = new ArrayList<>();
    IntStream.range(0, 20)
        .forEach(
            i ->
                peers.add(
                    new PeerInfo(
                        PeerId.fromPublicKey(Ed25519PrivateKey.generate(random).publicKey()),
                        List.of(Multiaddr.parse("/ip4/10.0.0." + (i + 1) + "/tcp/4001")))));
    return peers;
  }

  private record Server(String name, PeerInfo peer) {}

  private record Result(long[] latencies, long elapsedNanos) {
    double perSecond() {
      return latencies.length / (elapsedNanos / 1e9);
    }

    double percentileMillis(int percentile) {
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }
  }
}

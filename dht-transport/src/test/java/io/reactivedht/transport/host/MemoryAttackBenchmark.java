package io.reactivedht.transport.host;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiformats.Varint;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import io.reactivedht.transport.Seeds;
import io.reactivedht.transport.TransportInternals;
import io.reactivedht.transport.config.ResourceLimits;
import io.reactivedht.transport.multistream.MultistreamSelect;
import io.reactivedht.transport.noise.NoiseSecurity;
import io.reactivedht.transport.noise.SecureChannel;
import io.reactivedht.transport.resource.ResourceScope;
import io.reactivedht.transport.tcp.TcpByteStream;
import io.reactivedht.transport.tcp.TcpTransport;
import io.reactivedht.transport.yamux.YamuxSession;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * Issue 10's memory attack against a node with the default limits: one peer, {@code connections}
 * connections of {@code streams} DHT streams each, every stream announcing a message of just under
 * 4 MiB and sending its whole initial window (256 KiB) of it, never finishing. Prints what the
 * attack offered, what the node's memory scope held at most, the heap in use, and how long an
 * honest FIND_NODE took meanwhile. Arguments: {@code [connections] [streams]}, 2 and 256 by
 * default.
 */
public final class MemoryAttackBenchmark {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int WINDOW = 256 * 1024;

  private MemoryAttackBenchmark() {}

  /** Runs the attack and prints the figures. */
  public static void main(String[] args) {
    int connections = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int streams = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    SecureRandom random = Seeds.random(10);
    Libp2pTransport node =
        Libp2pTransport.start(Libp2pOptions.defaults(Ed25519PrivateKey.generate(random)))
            .block(WAIT);
    PeerInfo nodeInfo = new PeerInfo(node.localPeer(), node.listenAddresses());
    DhtRequest.FindNode findNode = new DhtRequest.FindNode(new byte[] {1});
    node.serve((from, request) -> Mono.just(new DhtResponse.FindNodeResponse(List.of())));
    Libp2pTransport honest =
        Libp2pTransport.start(Libp2pOptions.defaults(Ed25519PrivateKey.generate(random)))
            .block(WAIT);
    ResourceScope memory = TransportInternals.host(node).resources();
    LoopResources loops = LoopResources.create("attacker", 1, true);
    TcpTransport tcp = new TcpTransport(loops, WAIT);
    NoiseSecurity attackerKey = new NoiseSecurity(Ed25519PrivateKey.generate(random));
    long heapBefore = heapInUse();
    long peakScope = 0;
    byte[] chunk = new byte[64 * 1024];
    List<TcpByteStream> raws = new ArrayList<>();
    try {
      for (int c = 0; c < connections; c++) {
        TcpByteStream raw = tcp.dial(node.listenAddresses().get(0)).block(WAIT);
        raws.add(raw);
        MultistreamSelect.select(raw, List.of(NoiseSecurity.PROTOCOL_ID)).block(WAIT);
        SecureChannel channel = attackerKey.secureOutbound(raw, node.localPeer()).block(WAIT);
        MultistreamSelect.select(channel.stream(), List.of(YamuxSession.PROTOCOL_ID)).block(WAIT);
        RawYamux yamux = new RawYamux(channel.stream(), WAIT);
        for (int s = 0; s < streams; s++) {
          int id = 1 + 2 * s;
          yamux.openAndSend(id, Libp2pOptions.IPFS_KAD, Varint.encode((4L << 20) - 100));
          for (int sent = 0; sent + chunk.length <= WINDOW - 64; sent += chunk.length) {
            yamux.data(0, id, chunk);
          }
          peakScope = Math.max(peakScope, memory.used());
        }
      }
      long start = System.nanoTime();
      honest.send(nodeInfo, findNode).block(WAIT);
      long honestMillis = (System.nanoTime() - start) / 1_000_000;
      for (int i = 0; i < 50; i++) {
        peakScope = Math.max(peakScope, memory.used());
        sleep(20);
      }
      long heapDuring = heapInUse();
      long offered = (long) connections * streams * WINDOW;
      System.out.printf(
          Locale.ROOT,
          "%d connections x %d streams, each announcing ~4 MiB and sending its 256 KiB window:"
              + " %d MiB offered%n",
          connections,
          streams,
          offered >> 20);
      System.out.printf(
          Locale.ROOT,
          "node memory scope: at most %.1f MiB held (limit %d MiB, %d MiB per connection);"
              + " heap in use %d MiB before, %d MiB during; honest FIND_NODE answered in %d ms%n",
          peakScope / 1048576.0,
          memory.limit() >> 20,
          ResourceLimits.defaults().connectionMemory() >> 20,
          heapBefore >> 20,
          heapDuring >> 20,
          honestMillis);
    } finally {
      raws.forEach(TcpByteStream::reset);
      honest.close().block(WAIT);
      node.close().block(WAIT);
      loops.disposeLater().block(WAIT);
    }
  }

  private static long heapInUse() {
    System.gc();
    sleep(200);
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

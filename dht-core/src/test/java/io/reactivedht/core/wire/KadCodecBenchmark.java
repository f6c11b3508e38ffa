package io.reactivedht.core.wire;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH (issue 14): the kad codec on a server's hot path: decoding a FIND_NODE request, encoding the
 * answer with 20 closer peers (Ed25519 peer ids, two addresses each, as on the public network), and
 * decoding that answer as a client does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KadCodecBenchmark {
  private DhtRequest findNode = new DhtRequest.Ping();
  private byte[] encodedRequest = new byte[0];
  private DhtResponse answer = new DhtResponse.PingResponse();
  private byte[] encodedAnswer = new byte[0];

  /** Builds the request and the 20-peer answer from a seeded generator. */
  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(14);
    byte[] key = new byte[32];
    random.nextBytes(key);
    findNode = new DhtRequest.FindNode(key);
    encodedRequest = DhtCodec.encodeRequest(findNode);
    List<PeerInfo> closer = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      PeerId id = PeerId.fromPublicKey(Ed25519PrivateKey.generate(random).publicKey());
      closer.add(
          new PeerInfo(
              id,
              List.of(
                  Multiaddr.parse("/ip4/198.51.100." + i + "/tcp/4001"),
                  Multiaddr.parse("/ip6/2001:db8::" + i + "/udp/4001/quic-v1"))));
    }
    answer = new DhtResponse.FindNodeResponse(closer);
    encodedAnswer = DhtCodec.encodeResponse(answer, findNode);
  }

  /** A server reads a request. */
  @Benchmark
  public DhtRequest decodeFindNode() {
    return DhtCodec.decodeRequest(encodedRequest);
  }

  /** A server writes its answer. */
  @Benchmark
  public byte[] encodeAnswerOf20Peers() {
    return DhtCodec.encodeResponse(answer, findNode);
  }

  /** A client reads the answer. */
  @Benchmark
  public DhtResponse decodeAnswerOf20Peers() {
    return DhtCodec.decodeResponse(encodedAnswer, findNode);
  }
}

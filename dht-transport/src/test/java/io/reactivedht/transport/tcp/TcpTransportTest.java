package io.reactivedht.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.transport.stream.Frames;
import io.reactivedht.transport.stream.ResourceLimitException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;
import reactor.test.StepVerifier;

class TcpTransportTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final LoopResources LOOPS = LoopResources.create("tcp-test", 2, true);
  private final TcpTransport tcp = new TcpTransport(LOOPS, Duration.ofSeconds(5));

  private final List<DisposableServer> servers = new ArrayList<>();

  @AfterAll
  static void disposeLoops() {
    LOOPS.disposeLater().block(WAIT);
  }

  @AfterEach
  void disposeServers() {
    servers.forEach(DisposableServer::disposeNow);
  }

  /** A connection on loopback: {@code [0]} is the dialer's end, {@code [1]} the listener's. */
  private TcpByteStream[] connectedPair() throws Exception {
    CompletableFuture<TcpByteStream> accepted = new CompletableFuture<>();
    DisposableServer server =
        tcp.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"), accepted::complete).block(WAIT);
    servers.add(server);
    TcpByteStream client = tcp.dial(TcpAddresses.toMultiaddr(server.address())).block(WAIT);
    return new TcpByteStream[] {client, accepted.get(10, TimeUnit.SECONDS)};
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/ip4/127.0.0.1/tcp/4001, 127.0.0.1, 4001",
    "/ip6/::1/tcp/4001/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA, 0:0:0:0:0:0:0:1, 4001",
    "/dns4/bootstrap.libp2p.io/tcp/443, bootstrap.libp2p.io, 443",
  })
  void tcpMultiaddrsMapToSocketAddresses(String multiaddr, String host, int port) {
    InetSocketAddress socket =
        TcpAddresses.toSocketAddress(Multiaddr.parse(multiaddr)).orElseThrow();
    assertThat(socket.getHostString()).isEqualTo(host);
    assertThat(socket.getPort()).isEqualTo(port);
  }

  @ParameterizedTest
  @CsvSource({
    "/ip4/127.0.0.1/udp/4001/quic-v1",
    "/ip4/127.0.0.1/tcp/4001/ws",
    "/dnsaddr/bootstrap.libp2p.io"
  })
  void otherMultiaddrsAreNotDialable(String multiaddr) {
    assertThat(TcpAddresses.isDialable(Multiaddr.parse(multiaddr))).isFalse();
  }

  @Test
  void socketAddressesMapBackToMultiaddrs() {
    assertThat(TcpAddresses.toMultiaddr(new InetSocketAddress("127.0.0.1", 4001)))
        .isEqualTo(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"));
    assertThat(TcpAddresses.toMultiaddr(new InetSocketAddress("::1", 9)))
        .isEqualTo(Multiaddr.parse("/ip6/::1/tcp/9"));
  }

  @Test
  void bytesFlowBothWaysAndALargeWriteArrivesWhole() throws Exception {
    TcpByteStream[] pair = connectedPair();
    TcpByteStream client = pair[0];
    TcpByteStream serverSide = pair[1];

    byte[] big = new byte[3 * 1024 * 1024];
    Arrays.fill(big, (byte) 7);
    client.write(big);
    assertThat(readFully(serverSide, big.length)).isEqualTo(big);

    serverSide.write(new byte[] {1, 2, 3});
    assertThat(client.read(Frames.exactly(3)).block(WAIT)).containsExactly(1, 2, 3);

    client.closeWrite().block(WAIT);
    StepVerifier.create(serverSide.read(Frames.exactly(1))).expectError().verify(WAIT);
  }

  @Test
  void aSlowReaderStopsTheSocketReadsAtTheHighWaterMark() throws Exception {
    TcpByteStream[] pair = connectedPair();
    TcpByteStream client = pair[0];
    TcpByteStream serverSide = pair[1];
    client.write(
        new byte[8 * 1024 * 1024]); // far more than the high-water mark plus the socket buffers
    serverSide.read(Frames.exactly(1)).block(WAIT);
    assertThat(serverSide.read(Frames.available(1)).block(WAIT)).hasSize(1);
    // what is buffered stays bounded by the high-water mark plus one chunk, not the 8 MiB sent
    assertThat(bufferedOf(serverSide)).isLessThan(TcpByteStream.HIGH_WATER + 1024 * 1024);
    assertThat(readFully(serverSide, 8 * 1024 * 1024 - 2)).hasSize(8 * 1024 * 1024 - 2);
  }

  @Test
  void dialedConnectionsTakeTheEventLoopsInTurn() throws Exception {
    CompletableFuture<TcpByteStream> accepted = new CompletableFuture<>();
    DisposableServer server =
        tcp.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"), accepted::complete).block(WAIT);
    servers.add(server);
    Set<Object> loops = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      loops.add(tcp.dial(TcpAddresses.toMultiaddr(server.address())).block(WAIT).eventLoop());
    }

    assertThat(loops).as("two loops, four dials").hasSize(2);
  }

  @Test
  void aDeferredWriteIsMadeOnTheEventLoopInItsTurnAmongTheWrites() throws Exception {
    TcpByteStream[] pair = connectedPair();
    List<String> makers = new ArrayList<>();
    pair[0].write(new byte[] {'a'});
    pair[0].writeLater(
        () -> {
          makers.add(Thread.currentThread().getName());
          return new byte[] {'b'};
        });
    pair[0].writeLater(() -> new byte[0]); // nothing to write
    pair[0].write(new byte[] {'c'}).block(WAIT);

    assertThat(new String(readFully(pair[1], 3), StandardCharsets.US_ASCII)).isEqualTo("abc");
    assertThat(makers).singleElement().asString().startsWith("tcp-test");
  }

  @Test
  void aPeerThatDoesNotReadLosesTheConnectionOnceTooMuchWaitsToBeSent() throws Exception {
    TcpByteStream client = connectedPair()[0]; // the server side never reads
    byte[] chunk = new byte[64 * 1024];
    long written = 0;
    CompletableFuture<Void> last = null;
    while (written < 256L << 20) {
      last = client.write(chunk).toFuture();
      if (last.isCompletedExceptionally()) {
        break;
      }
      written += chunk.length;
    }

    assertThat(written)
        .as("the socket buffers, then 16 MiB queued")
        .isGreaterThanOrEqualTo(TcpByteStream.MAX_UNSENT)
        .isLessThan(256L << 20);
    CompletableFuture<Void> refused = last;
    assertThat(refused)
        .failsWithin(WAIT)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(ResourceLimitException.class);
    client.onClose().block(WAIT);
  }

  /** Reads in chunks: a frame larger than the inbound buffer's capacity could never complete. */
  private static byte[] readFully(TcpByteStream stream, int length) {
    byte[] out = new byte[length];
    for (int at = 0; at < length; ) {
      byte[] chunk = stream.read(Frames.available(Math.min(64 * 1024, length - at))).block(WAIT);
      System.arraycopy(chunk, 0, out, at, chunk.length);
      at += chunk.length;
    }
    return out;
  }

  private static int bufferedOf(TcpByteStream stream) throws Exception {
    var field = TcpByteStream.class.getDeclaredField("inbound");
    field.setAccessible(true);
    return ((io.reactivedht.transport.stream.InboundBuffer) field.get(stream)).buffered();
  }

  @Test
  void dialingAClosedPortFails() {
    StepVerifier.create(tcp.dial(Multiaddr.parse("/ip4/127.0.0.1/tcp/1")))
        .expectError()
        .verify(WAIT);
  }
}

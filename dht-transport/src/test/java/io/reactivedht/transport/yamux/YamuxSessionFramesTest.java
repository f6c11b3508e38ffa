package io.reactivedht.transport.yamux;

import static io.reactivedht.transport.yamux.FrameHeaderTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.transport.config.YamuxConfig;
import io.reactivedht.transport.resource.ResourceScope;
import io.reactivedht.transport.stream.Frames;
import io.reactivedht.transport.stream.PipedByteStream;
import io.reactivedht.transport.stream.ResourceLimitException;
import io.reactivedht.transport.stream.StreamResetException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A session against a peer scripted frame by frame: checks the exact bytes the session answers. */
class YamuxSessionFramesTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String GO_AWAY_PROTOCOL_ERROR = "00 03 0000 00000000 00000001";
  private static final String ACK_1 = "00 01 0002 00000001 00000000 ";

  private final PipedByteStream[] pipe = PipedByteStream.pair();
  private final PipedByteStream raw = pipe[1];
  private final BlockingQueue<YamuxStream> accepted = new LinkedBlockingQueue<>();
  private YamuxSession session;

  /** A listener-side session (even ids) facing the scripted dialer. */
  private YamuxSession server(YamuxConfig config) {
    session = new YamuxSession(pipe[0], false, config, accepted::add);
    session.start();
    return session;
  }

  private YamuxSession client() {
    session = new YamuxSession(pipe[0], true, YamuxConfig.DEFAULT, accepted::add);
    session.start();
    return session;
  }

  @AfterEach
  void closeSession() {
    if (session != null) {
      session.close();
    }
  }

  private void send(String spacedHex) {
    raw.write(hex(spacedHex));
  }

  private String next(int bytes) {
    return HexFormat.of().formatHex(raw.read(Frames.exactly(bytes)).block(TIMEOUT));
  }

  private static String h(String spacedHex) {
    return spacedHex.replace(" ", "");
  }

  /** Everything sent before it has been handled once the ping's reply is back. */
  private void barrier(int opaque) {
    String value = String.format("%08x", opaque);
    send("00 02 0001 00000000 " + value);
    assertThat(next(12)).isEqualTo(h("00 02 0002 00000000 " + value));
  }

  private YamuxStream take() throws InterruptedException {
    YamuxStream stream = accepted.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(stream).as("an accepted stream").isNotNull();
    return stream;
  }

  @Test
  void answersASynPingWithExactlyAckAndTheSameValue() {
    server(YamuxConfig.DEFAULT);
    send("00 02 0001 00000000 00000000"); // js's initial RTT ping
    assertThat(next(12)).isEqualTo(h("00 02 0002 00000000 00000000"));
    send("00 02 0001 00000000 deadbeef");
    assertThat(next(12)).isEqualTo(h("00 02 0002 00000000 deadbeef"));
  }

  @Test
  void neverAnswersAnAckPingOrOneWithOtherFlags() {
    server(YamuxConfig.DEFAULT);
    send("00 02 0002 00000000 00000007"); // an ACK nobody asked for
    send("00 02 0003 00000000 00000008"); // SYN|ACK is not a request
    barrier(9); // the next bytes are the answer to 9: nothing was sent for 7 or 8
    assertThat(session.isClosed()).isFalse();
  }

  @Test
  void sendsAPingWithSynAndTimesTheMatchingAck() {
    long[] clock = {5_000};
    session =
        new YamuxSession(
            pipe[0],
            true,
            YamuxConfig.DEFAULT,
            accepted::add,
            () -> clock[0] += 1_000,
            ResourceScope.unlimited());
    session.start();
    CompletableFuture<Duration> rtt = session.ping().toFuture();
    String request = next(12);
    assertThat(request).startsWith(h("00 02 0001 00000000"));
    send("00 02 0002 00000000 " + request.substring(16));
    assertThat(rtt.join()).isEqualTo(Duration.ofNanos(1_000));
  }

  @Test
  void acceptsAStreamWithAckAndDeliversItsData() throws InterruptedException {
    server(YamuxConfig.DEFAULT);
    send("00 00 0001 00000001 00000003 616263"); // Data|SYN with "abc"
    assertThat(next(12)).isEqualTo(h("00 01 0002 00000001 00000000"));
    YamuxStream stream = take();
    assertThat(stream.id()).isEqualTo(1);
    assertThat(stream.read(Frames.exactly(3)).block(TIMEOUT)).isEqualTo("abc".getBytes());
  }

  @Test
  void dataOverTheMemoryBudgetResetsOnlyItsStreamUntilReadingFreesRoom()
      throws InterruptedException {
    ResourceScope memory = ResourceScope.root("test", 8, 16);
    session =
        new YamuxSession(
            pipe[0], false, YamuxConfig.DEFAULT, accepted::add, System::nanoTime, memory);
    session.start();
    send("00 00 0001 00000001 00000005 6162636465"); // stream 1: 5 bytes, charged
    assertThat(next(12)).isEqualTo(h("00 01 0002 00000001 00000000"));
    send("00 00 0001 00000003 00000005 6162636465"); // stream 3: 5 more would make 10 > 8
    assertThat(next(12)).isEqualTo(h("00 01 0002 00000003 00000000")); // ACK
    assertThat(next(12)).isEqualTo(h("00 01 0008 00000003 00000000")); // RST
    YamuxStream first = take();
    YamuxStream refused = take();
    assertThat(memory.used()).isEqualTo(5);

    assertThatThrownBy(() -> refused.read(Frames.exactly(5)).block(TIMEOUT))
        .isInstanceOf(ResourceLimitException.class)
        .hasMessageContaining("memory budget");
    assertThat(first.read(Frames.exactly(5)).block(TIMEOUT)).isEqualTo("abcde".getBytes());
    assertThat(memory.used()).isZero();
    send("00 00 0001 00000005 00000005 6162636465"); // room again
    assertThat(next(12)).isEqualTo(h("00 01 0002 00000005 00000000"));
    assertThat(take().read(Frames.exactly(5)).block(TIMEOUT)).isEqualTo("abcde".getBytes());
    assertThat(session.isClosed()).isFalse();
  }

  @Test
  void aStreamOverTheScopesStreamLimitIsRefusedAndItsSlotComesBackWhenOneEnds()
      throws InterruptedException {
    ResourceScope peer = ResourceScope.root("peer", 1 << 20, 1);
    session =
        new YamuxSession(
            pipe[0], false, YamuxConfig.DEFAULT, accepted::add, System::nanoTime, peer);
    session.start();
    send("00 01 0001 00000001 00000000"); // SYN stream 1: takes the scope's one stream
    assertThat(next(12)).isEqualTo(h("00 01 0002 00000001 00000000"));
    send("00 01 0001 00000003 00000000"); // SYN stream 3: refused
    assertThat(next(12)).isEqualTo(h("00 01 0008 00000003 00000000"));
    assertThat(peer.streams()).isEqualTo(1);

    take().reset();
    assertThat(next(12)).isEqualTo(h("00 01 0008 00000001 00000000"));
    assertThat(peer.streams()).isZero();
    send("00 01 0001 00000005 00000000");
    assertThat(next(12)).isEqualTo(h("00 01 0002 00000005 00000000"));
    assertThat(peer.streams()).isEqualTo(1);

    session.close().block(TIMEOUT);
    assertThat(peer.streams()).as("closing the session gives back its streams").isZero();
  }

  @Test
  void writesTheClientsFramesByteForByte() {
    client();
    YamuxStream stream = session.openStream().block(TIMEOUT);
    assertThat(next(12)).isEqualTo(h("00 01 0001 00000001 00000000"));
    stream.write("hi".getBytes()).block(TIMEOUT);
    assertThat(next(14)).isEqualTo(h("00 00 0000 00000001 00000002 6869"));
    stream.closeWrite().block(TIMEOUT);
    assertThat(next(12)).isEqualTo(h("00 01 0004 00000001 00000000"));
    assertThat(session.openStream().block(TIMEOUT).id()).isEqualTo(3);
    assertThat(next(12)).isEqualTo(h("00 01 0001 00000003 00000000"));
    stream.reset();
    assertThat(next(12)).isEqualTo(h("00 01 0008 00000001 00000000"));
  }

  @Test
  void theServerOpensEvenIds() {
    server(YamuxConfig.DEFAULT);
    assertThat(session.openStream().block(TIMEOUT).id()).isEqualTo(2);
    assertThat(next(12)).isEqualTo(h("00 01 0001 00000002 00000000"));
  }

  static Stream<Arguments> protocolErrors() {
    return Stream.of(
        Arguments.of("SYN with the server's parity", "00 01 0001 00000002 00000000", ""),
        Arguments.of("SYN on stream 0", "00 01 0001 00000000 00000000", ""),
        Arguments.of("version 1", "01 02 0001 00000000 00000000", ""),
        Arguments.of("unknown type 4", "00 04 0000 00000000 00000000", ""),
        Arguments.of("data beyond the initial window", "00 00 0001 00000001 00040001", ACK_1),
        Arguments.of("a 4 GiB data frame", "00 00 0001 00000001 ffffffff", ACK_1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("protocolErrors")
  void aProtocolErrorSendsGoAwayAndClosesTheSession(
      String name, String frame, String answeredBefore) {
    server(YamuxConfig.DEFAULT);
    String expected = h(answeredBefore + GO_AWAY_PROTOCOL_ERROR);
    CompletableFuture<byte[]> reply = raw.read(Frames.exactly(expected.length() / 2)).toFuture();
    send(frame);
    assertThat(HexFormat.of().formatHex(reply.join())).isEqualTo(expected);
    session.onClose().block(TIMEOUT);
    assertThat(session.isClosed()).isTrue();
  }

  @Test
  void aSynReusingAnOpenIdIsAProtocolError() {
    server(YamuxConfig.DEFAULT);
    send("00 01 0001 00000001 00000000");
    assertThat(next(12)).isEqualTo(h("00 01 0002 00000001 00000000"));
    CompletableFuture<byte[]> reply = raw.read(Frames.exactly(12)).toFuture();
    send("00 01 0001 00000001 00000000");
    assertThat(HexFormat.of().formatHex(reply.join())).isEqualTo(h(GO_AWAY_PROTOCOL_ERROR));
  }

  @Test
  void theWholeWindowIsAcceptedAndOneByteMoreIsAProtocolError() throws InterruptedException {
    server(YamuxConfig.DEFAULT);
    send("00 01 0001 00000001 00000000");
    assertThat(next(12)).isEqualTo(h("00 01 0002 00000001 00000000"));
    raw.write(
        FrameHeader.of(FrameHeader.DATA, 0, 1, 262_144).encodeWith(new byte[262_144], 0, 262_144));
    barrier(1);
    YamuxStream stream = take();
    assertThat(stream.buffered()).isEqualTo(262_144);
    assertThat(stream.receiveWindow()).isZero();
    assertThat(session.isClosed()).isFalse();

    CompletableFuture<byte[]> reply = raw.read(Frames.exactly(12)).toFuture();
    send("00 00 0000 00000001 00000001 ff");
    assertThat(HexFormat.of().formatHex(reply.join())).isEqualTo(h(GO_AWAY_PROTOCOL_ERROR));
    assertThatThrownBy(() -> stream.read(Frames.exactly(262_145)).block(TIMEOUT))
        .isInstanceOf(StreamResetException.class)
        .hasMessageContaining("protocol error");
  }

  @Test
  void handsWindowBackOnceHalfTheInitialWindowWasReadAndUpToTheBufferForAWaitingRead()
      throws InterruptedException {
    server(YamuxConfig.DEFAULT);
    send("00 01 0001 00000001 00000000");
    assertThat(next(12)).isEqualTo(h("00 01 0002 00000001 00000000"));
    raw.write(
        FrameHeader.of(FrameHeader.DATA, 0, 1, 200_000).encodeWith(new byte[200_000], 0, 200_000));
    barrier(1);
    YamuxStream stream = take();
    stream.read(Frames.exactly(100_000)).block(TIMEOUT); // below half the window: no update yet
    stream.read(Frames.exactly(31_072)).block(TIMEOUT); // 131072 read: 0x20000 handed back
    assertThat(next(12)).isEqualTo(h("00 01 0000 00000001 00020000"));
    assertThat(stream.receiveWindow()).isEqualTo(262_144 - 200_000 + 131_072);

    // a read waiting for more than is buffered opens the window to the buffer's room:
    // 4 MiB + 64 KiB - 68928 buffered - 193216 window = 3997696 = 0x3d0000
    CompletableFuture<byte[]> waiting = stream.read(Frames.exactly(100_000)).toFuture();
    assertThat(next(12)).isEqualTo(h("00 01 0000 00000001 003d0000"));
    raw.write(
        FrameHeader.of(FrameHeader.DATA, 0, 1, 31_072).encodeWith(new byte[31_072], 0, 31_072));
    assertThat(waiting.join()).hasSize(100_000);
  }

  @Test
  void framesForUnknownStreamsAreDroppedAndTheSessionStaysUsable() throws InterruptedException {
    server(YamuxConfig.DEFAULT);
    send("00 00 0000 00000005 00000004 01020304"); // data for a stream never opened
    send("00 01 0000 00000007 00010000"); // window update for another
    send("00 01 0004 00000009 00000000"); // FIN for a third
    barrier(1);
    assertThat(session.isClosed()).isFalse();
    assertThat(session.streamCount()).isZero();
    send("00 00 0001 00000001 00000002 6f6b");
    assertThat(next(12)).isEqualTo(h("00 01 0002 00000001 00000000"));
    assertThat(take().read(Frames.exactly(2)).block(TIMEOUT)).isEqualTo("ok".getBytes());
  }

  @Test
  void aSynBeyondTheInboundLimitIsReset() throws InterruptedException {
    server(YamuxConfig.DEFAULT.withMaxInboundStreams(2));
    send("00 01 0001 00000001 00000000");
    send("00 01 0001 00000003 00000000");
    assertThat(next(24)).isEqualTo(h("00 01 0002 00000001 00000000 00 01 0002 00000003 00000000"));
    send("00 00 0001 00000005 00000003 616263"); // its data is discarded
    assertThat(next(12)).isEqualTo(h("00 01 0008 00000005 00000000"));
    barrier(1);
    assertThat(session.streamCount()).isEqualTo(2);

    send("00 01 0008 00000001 00000000"); // the peer resets stream 1: room for one more
    send("00 01 0001 00000007 00000000");
    assertThat(next(12)).isEqualTo(h("00 01 0002 00000007 00000000"));
    assertThat(take().id()).isEqualTo(1);
    assertThat(take().id()).isEqualTo(3);
    assertThat(take().id()).isEqualTo(7);
  }

  @Test
  void afterTheRemotesGoAwayNoStreamOpens() {
    client();
    send("00 03 0000 00000000 00000000");
    barrier(1);
    assertThatThrownBy(() -> session.openStream().block(TIMEOUT))
        .isInstanceOf(StreamResetException.class)
        .hasMessageContaining("GoAway");
  }

  @Test
  void aGoAwayWithAnErrorCodeEndsTheSession() {
    client();
    YamuxStream stream = session.openStream().block(TIMEOUT);
    send("00 03 0000 00000000 00000001");
    session.onClose().block(TIMEOUT);
    assertThatThrownBy(() -> stream.read(Frames.exactly(1)).block(TIMEOUT))
        .isInstanceOf(StreamResetException.class)
        .hasMessageContaining("error code 1");
  }

  @Test
  void thousandsOfBufferedFramesAreHandledWithoutRecursion() {
    int pings = 20_000;
    ByteBuffer frames = ByteBuffer.allocate(pings * 12);
    for (int i = 0; i < pings; i++) {
      frames.put(FrameHeader.of(FrameHeader.PING, FrameHeader.SYN, 0, i).encode());
    }
    raw.write(frames.array());
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (pipe[0].buffered() < pings * 12 && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // all of them buffered before the session's first read
    }
    assertThat(pipe[0].buffered()).isEqualTo(pings * 12);
    server(YamuxConfig.DEFAULT);
    byte[] answers = raw.read(Frames.exactly(pings * 12)).block(TIMEOUT);
    ByteBuffer replies = ByteBuffer.wrap(answers);
    for (int i = 0; i < pings; i++) {
      assertThat(FrameHeader.decode(replies))
          .isEqualTo(FrameHeader.of(FrameHeader.PING, FrameHeader.ACK, 0, i));
    }
  }

  @Test
  void theOutboundLimitRefusesMoreStreams() {
    session =
        new YamuxSession(
            pipe[0], true, YamuxConfig.DEFAULT.withMaxOutboundStreams(1), accepted::add);
    session.start();
    YamuxStream first = session.openStream().block(TIMEOUT);
    assertThatThrownBy(() -> session.openStream().block(TIMEOUT))
        .isInstanceOf(IllegalStateException.class);
    first.reset();
    assertThat(session.openStream().block(TIMEOUT).id()).isEqualTo(3);
  }

  @Test
  void theTransportEndingFailsEveryStream() throws InterruptedException {
    server(YamuxConfig.DEFAULT);
    send("00 01 0001 00000001 00000000");
    YamuxStream stream = take();
    CompletableFuture<byte[]> read = stream.read(Frames.exactly(1)).toFuture();
    raw.closeWrite();
    session.onClose().block(TIMEOUT);
    assertThatThrownBy(read::join).hasCauseInstanceOf(StreamResetException.class);
    assertThatThrownBy(() -> stream.write(new byte[1]).block(TIMEOUT))
        .isInstanceOf(StreamResetException.class);
  }
}

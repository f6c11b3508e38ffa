package io.reactivedht.transport.yamux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.transport.config.YamuxConfig;
import io.reactivedht.transport.stream.Frames;
import io.reactivedht.transport.stream.PipedByteStream;
import io.reactivedht.transport.stream.StreamEndedException;
import io.reactivedht.transport.stream.StreamResetException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A client and a server session talking over an in-memory pipe. */
class YamuxSessionTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final BlockingQueue<YamuxStream> serverAccepted = new LinkedBlockingQueue<>();
  private final BlockingQueue<YamuxStream> clientAccepted = new LinkedBlockingQueue<>();
  private YamuxSession client;
  private YamuxSession server;

  private void connect(Consumer<YamuxStream> serverHandler) {
    PipedByteStream[] pipe = PipedByteStream.pair();
    client = new YamuxSession(pipe[0], true, YamuxConfig.DEFAULT, clientAccepted::add);
    server = new YamuxSession(pipe[1], false, YamuxConfig.DEFAULT, serverHandler);
    client.start();
    server.start();
  }

  private void connect() {
    connect(serverAccepted::add);
  }

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
      server.close();
    }
  }

  private static YamuxStream take(BlockingQueue<YamuxStream> queue) throws Exception {
    YamuxStream stream = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(stream).as("an accepted stream").isNotNull();
    return stream;
  }

  /** Echoes everything back, then half-closes once the remote did. */
  private static void echo(YamuxStream stream) {
    Mono.defer(() -> stream.read(Frames.available(64 * 1024)))
        .flatMap(bytes -> stream.write(bytes))
        .repeat()
        .onErrorResume(StreamEndedException.class, e -> Mono.empty())
        .then(Mono.defer(stream::closeWrite))
        .subscribe(null, e -> stream.reset());
  }

  /** Writes, half-closes and reads back as many bytes, then checks the remote's FIN. */
  private static Mono<byte[]> roundTrip(YamuxStream stream, byte[] data) {
    Mono<Void> send = stream.write(data).then(Mono.defer(stream::closeWrite));
    Mono<byte[]> receive =
        stream
            .read(Frames.exactly(data.length))
            .flatMap(
                echoed ->
                    stream
                        .read(Frames.exactly(1))
                        .then(Mono.<byte[]>error(new AssertionError("more than was sent")))
                        .onErrorResume(StreamEndedException.class, e -> Mono.just(echoed)));
    return send.then(receive);
  }

  private static byte[] random(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void bothSidesOpenStreamsWithTheirOwnParityAndEchoData() throws Exception {
    connect();
    YamuxStream first = client.openStream().block(TIMEOUT);
    YamuxStream second = client.openStream().block(TIMEOUT);
    YamuxStream fromServer = server.openStream().block(TIMEOUT);
    assertThat(List.of(first.id(), second.id(), fromServer.id())).containsExactly(1, 3, 2);

    YamuxStream firstAccepted = take(serverAccepted);
    YamuxStream secondAccepted = take(serverAccepted);
    YamuxStream fromServerAccepted = take(clientAccepted);
    assertThat(List.of(firstAccepted.id(), secondAccepted.id(), fromServerAccepted.id()))
        .containsExactly(1, 3, 2);
    echo(firstAccepted);
    echo(secondAccepted);
    echo(fromServerAccepted);

    assertThat(roundTrip(first, "to the server".getBytes()).block(TIMEOUT))
        .isEqualTo("to the server".getBytes());
    assertThat(roundTrip(second, random(300_000, 2)).block(TIMEOUT)).isEqualTo(random(300_000, 2));
    assertThat(roundTrip(fromServer, "to the client".getBytes()).block(TIMEOUT))
        .isEqualTo("to the client".getBytes());
  }

  @Test
  void aWriterStopsAtTheWindowUntilTheReaderReads() throws Exception {
    connect();
    YamuxStream writer = client.openStream().block(TIMEOUT);
    byte[] data = random(1024 * 1024, 1);
    CompletableFuture<Void> written = writer.write(data).toFuture();
    YamuxStream reader = take(serverAccepted);
    client.ping().block(TIMEOUT); // everything the writer sent has arrived
    server.ping().block(TIMEOUT); // and no window update is on its way back

    assertThat(writer.sendWindow()).isZero();
    assertThat(reader.buffered()).isEqualTo(256 * 1024);
    assertThat(reader.receiveWindow()).isZero();
    assertThat(written).isNotDone();

    byte[] received = new byte[data.length];
    int offset = 0;
    while (offset < data.length) {
      byte[] chunk = reader.read(Frames.available(100_000)).block(TIMEOUT);
      System.arraycopy(chunk, 0, received, offset, chunk.length);
      offset += chunk.length;
      assertThat(reader.buffered()).isLessThanOrEqualTo(YamuxConfig.DEFAULT.maxStreamBuffer());
    }
    written.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(received).isEqualTo(data);
  }

  @Test
  void aReaderWaitingForA4MiBMessageGetsItAsOneFrame() throws Exception {
    connect();
    YamuxStream writer = client.openStream().block(TIMEOUT);
    byte[] message = random(4 * 1024 * 1024 + 100, 3);
    CompletableFuture<Void> written = writer.write(Frames.varintPrefix(message)).toFuture();
    YamuxStream reader = take(serverAccepted);
    client.ping().block(TIMEOUT); // the first window's worth is buffered before anyone reads

    byte[] received =
        reader
            .read(Frames.varintPrefixed(4 * 1024 * 1024 + 64 * 1024, "dht message"))
            .block(TIMEOUT);
    assertThat(received).isEqualTo(message);
    written.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void aReadStartedBeforeTheDataAlsoGetsA4MiBMessage() {
    connect(
        stream ->
            stream
                .read(Frames.varintPrefixed(4 * 1024 * 1024 + 64 * 1024, "dht message"))
                .flatMap(
                    message ->
                        stream.write(Frames.varintPrefix(new byte[] {(byte) message.length, 42})))
                .subscribe());
    YamuxStream stream = client.openStream().block(TIMEOUT);
    stream.write(Frames.varintPrefix(random(4 * 1024 * 1024, 4)));
    assertThat(stream.read(Frames.varintPrefixed(10, "reply")).block(TIMEOUT))
        .containsExactly(0, 42);
  }

  @Test
  void aHalfClosedStreamStillCarriesTheOtherDirection() throws Exception {
    connect();
    YamuxStream requester = client.openStream().block(TIMEOUT);
    requester.write("request".getBytes());
    requester.closeWrite().block(TIMEOUT);
    assertThatThrownBy(() -> requester.write(new byte[1]).block(TIMEOUT))
        .isInstanceOf(IllegalStateException.class);

    YamuxStream responder = take(serverAccepted);
    assertThat(responder.read(Frames.exactly(7)).block(TIMEOUT)).isEqualTo("request".getBytes());
    assertThatThrownBy(() -> responder.read(Frames.exactly(1)).block(TIMEOUT))
        .isInstanceOf(StreamEndedException.class);
    assertThat(server.streamCount()).isEqualTo(1); // half-closed, not gone

    responder.write("response".getBytes()).block(TIMEOUT);
    responder.closeWrite().block(TIMEOUT);
    assertThat(requester.read(Frames.exactly(8)).block(TIMEOUT)).isEqualTo("response".getBytes());
    assertThatThrownBy(() -> requester.read(Frames.exactly(1)).block(TIMEOUT))
        .isInstanceOf(StreamEndedException.class);
    server.ping().block(TIMEOUT);
    assertThat(client.streamCount()).isZero();
    assertThat(server.streamCount()).isZero();
  }

  @Test
  void aResetFromTheOpenerFailsTheAcceptorsReadAndWrite() throws Exception {
    connect();
    YamuxStream opened = client.openStream().block(TIMEOUT);
    YamuxStream accepted = take(serverAccepted);
    CompletableFuture<byte[]> read = accepted.read(Frames.exactly(1)).toFuture();
    opened.reset();
    assertThatThrownBy(read::join).hasCauseInstanceOf(StreamResetException.class);
    assertThatThrownBy(() -> accepted.write(new byte[1]).block(TIMEOUT))
        .isInstanceOf(StreamResetException.class);
    assertThatThrownBy(() -> opened.read(Frames.exactly(1)).block(TIMEOUT))
        .isInstanceOf(StreamResetException.class);
    assertThat(client.streamCount()).isZero();
    assertThat(server.streamCount()).isZero();
  }

  @Test
  void aResetFromTheAcceptorFailsTheOpenersReadAndQueuedWrite() throws Exception {
    connect();
    YamuxStream opened = client.openStream().block(TIMEOUT);
    CompletableFuture<Void> blocked =
        opened.write(new byte[300_000]).toFuture(); // beyond the window: waits
    YamuxStream accepted = take(serverAccepted);
    client.ping().block(TIMEOUT);
    CompletableFuture<byte[]> read = opened.read(Frames.exactly(1)).toFuture();
    accepted.reset();
    assertThatThrownBy(read::join).hasCauseInstanceOf(StreamResetException.class);
    assertThatThrownBy(blocked::join).hasCauseInstanceOf(StreamResetException.class);
  }

  @Test
  void aResponseFollowedByAResetIsStillRead() throws Exception {
    connect();
    YamuxStream opened = client.openStream().block(TIMEOUT);
    YamuxStream accepted = take(serverAccepted);
    accepted.write("response".getBytes());
    accepted.reset(); // js does this after its response
    server.ping().block(TIMEOUT);
    assertThat(opened.read(Frames.exactly(8)).block(TIMEOUT)).isEqualTo("response".getBytes());
    assertThatThrownBy(() -> opened.read(Frames.exactly(1)).block(TIMEOUT))
        .isInstanceOf(StreamEndedException.class);
    assertThatThrownBy(() -> opened.write(new byte[1]).block(TIMEOUT))
        .isInstanceOf(StreamResetException.class);
  }

  @Test
  void pingMeasuresARoundTrip() {
    connect();
    assertThat(client.ping().block(TIMEOUT).isNegative()).isFalse();
    assertThat(server.ping().block(TIMEOUT).isNegative()).isFalse();
  }

  @Test
  void closingTheSessionFailsOpenStreamsOnBothSides() throws Exception {
    connect();
    YamuxStream opened = client.openStream().block(TIMEOUT);
    YamuxStream accepted = take(serverAccepted);
    CompletableFuture<byte[]> clientRead = opened.read(Frames.exactly(1)).toFuture();
    CompletableFuture<byte[]> serverRead = accepted.read(Frames.exactly(1)).toFuture();

    client.close().block(TIMEOUT);
    server.onClose().block(TIMEOUT); // GoAway and the end of the connection reached it
    assertThat(client.isClosed()).isTrue();
    assertThat(server.isClosed()).isTrue();
    assertThatThrownBy(clientRead::join).hasCauseInstanceOf(StreamResetException.class);
    assertThatThrownBy(serverRead::join).hasCauseInstanceOf(StreamResetException.class);
    assertThatThrownBy(() -> client.openStream().block(TIMEOUT))
        .isInstanceOf(StreamResetException.class);
    assertThatThrownBy(() -> client.ping().block(TIMEOUT)).isInstanceOf(StreamResetException.class);
    assertThat(client.streamCount()).isZero();
  }

  @Test
  void aHundredConcurrentStreamsEachEchoTheirOwnData() {
    connect(YamuxSessionTest::echo);
    List<Boolean> matches =
        Flux.range(0, 100)
            .flatMap(
                i ->
                    client
                        .openStream()
                        .flatMap(stream -> roundTrip(stream, random(50_000 + i, i)))
                        .map(echoed -> java.util.Arrays.equals(echoed, random(50_000 + i, i))),
                100)
            .collectList()
            .block(TIMEOUT);
    assertThat(matches).hasSize(100).containsOnly(true);
    server.ping().block(TIMEOUT);
    client.ping().block(TIMEOUT);
    assertThat(client.streamCount()).isZero();
    assertThat(server.streamCount()).isZero();
  }
}

package io.reactivedht.transport.kad;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.wire.DhtCodec;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.core.wire.MessageFraming;
import io.reactivedht.reactor.spi.RequestHandler;
import io.reactivedht.transport.stream.FrameDecoder;
import io.reactivedht.transport.stream.Frames;
import io.reactivedht.transport.stream.PipedByteStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class KadStreamsTest {
  private static final PeerId PEER =
      PeerId.parse("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA");
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final RequestHandler PONG =
      (from, request) -> Mono.just(new DhtResponse.PingResponse());

  private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
  private final KadStreams kad =
      new KadStreams(MessageFraming.DEFAULT_MAX_MESSAGE_SIZE, KadStreams.IDLE_TIMEOUT, time);
  private final PipedByteStream[] pipe = PipedByteStream.pair();
  private final PipedByteStream client = pipe[0];
  private final PipedByteStream server = pipe[1];

  private static byte[] framedPing() {
    return new MessageFraming(MessageFraming.DEFAULT_MAX_MESSAGE_SIZE)
        .frame(DhtCodec.encodeRequest(new DhtRequest.Ping()));
  }

  @Test
  void aStreamThatSendsNothingIsResetAfterTheIdleTimeout() {
    StepVerifier.create(kad.serve(PEER, server, PONG))
        .then(() -> time.advanceTimeBy(KadStreams.IDLE_TIMEOUT.minusSeconds(1)))
        .expectNoEvent(Duration.ofMillis(100))
        .then(() -> time.advanceTimeBy(Duration.ofSeconds(1)))
        .expectError(TimeoutException.class)
        .verify(WAIT);
  }

  @Test
  void aDribbledRequestIsResetAfterTheIdleTimeout() {
    byte[] ping = framedPing();
    client.write(Arrays.copyOf(ping, ping.length - 1)).block(WAIT);

    StepVerifier.create(kad.serve(PEER, server, PONG))
        .then(() -> time.advanceTimeBy(KadStreams.IDLE_TIMEOUT))
        .expectError(TimeoutException.class)
        .verify(WAIT);
  }

  @Test
  void eachAnsweredRequestStartsTheIdleTimeAgain() {
    StepVerifier.create(kad.serve(PEER, server, PONG))
        .then(() -> time.advanceTimeBy(Duration.ofSeconds(50)))
        .then(() -> client.write(framedPing()).block(WAIT))
        .then(() -> assertThat(client.read(kadResponse()).block(WAIT)).isNotNull())
        .then(() -> time.advanceTimeBy(Duration.ofSeconds(50)))
        .expectNoEvent(Duration.ofMillis(100))
        .then(() -> client.closeWrite().block(WAIT))
        .verifyComplete();
  }

  @Test
  void thePeersEndOfTheStreamWhileAnsweringLetsTheAnswerGoOut() {
    RequestHandler slowPong =
        (from, request) ->
            Mono.<DhtResponse>just(new DhtResponse.PingResponse())
                .delayElement(Duration.ofSeconds(1), time);
    client.write(framedPing()).block(WAIT);
    client.closeWrite().block(WAIT); // a sender may half-close once its request is out
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!server.isEnded() && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // the pipe delivers on a thread of its own
    }

    StepVerifier.create(kad.serve(PEER, server, slowPong))
        .then(() -> time.advanceTimeBy(Duration.ofSeconds(1)))
        .then(() -> assertThat(client.read(kadResponse()).block(WAIT)).isNotNull())
        .verifyComplete();
  }

  @Test
  void aResetWhileAnsweringCancelsTheAnswer() {
    AtomicBoolean cancelled = new AtomicBoolean();
    RequestHandler never =
        (from, request) -> Mono.<DhtResponse>never().doOnCancel(() -> cancelled.set(true));

    StepVerifier.create(kad.serve(PEER, server, never))
        .then(() -> client.write(framedPing()).block(WAIT))
        .then(client::reset)
        .verifyComplete();
    assertThat(cancelled).isTrue();
  }

  @Test
  void requestsSentAheadAreAnsweredInOrder() {
    MessageFraming framing = new MessageFraming(MessageFraming.DEFAULT_MAX_MESSAGE_SIZE);
    byte[] findNode = framing.frame(DhtCodec.encodeRequest(new DhtRequest.FindNode(PEER.bytes())));
    RequestHandler byType =
        (from, request) ->
            Mono.just(
                request instanceof DhtRequest.Ping
                    ? new DhtResponse.PingResponse()
                    : new DhtResponse.FindNodeResponse(List.of()));
    client.write(framedPing()).block(WAIT);
    client.write(findNode).block(WAIT);

    StepVerifier.create(kad.serve(PEER, server, byType))
        .then(
            () -> {
              assertThat(responseTo(new DhtRequest.Ping()))
                  .isInstanceOf(DhtResponse.PingResponse.class);
              assertThat(responseTo(new DhtRequest.FindNode(PEER.bytes())))
                  .isInstanceOf(DhtResponse.FindNodeResponse.class);
            })
        .then(() -> client.closeWrite().block(WAIT))
        .verifyComplete();
  }

  @Test
  void aHandlerWithoutAnAnswerFailsTheExchange() {
    client.write(framedPing()).block(WAIT);

    StepVerifier.create(kad.serve(PEER, server, (from, request) -> Mono.empty()))
        .expectErrorMessage("no answer to PING")
        .verify(WAIT);
  }

  private DhtResponse responseTo(DhtRequest request) {
    return DhtCodec.decodeResponse(client.read(kadResponse()).block(WAIT), request);
  }

  private static FrameDecoder<byte[]> kadResponse() {
    return Frames.varintPrefixed(MessageFraming.DEFAULT_MAX_MESSAGE_SIZE, "response");
  }
}

package io.reactivedht.transport.multistream;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.transport.stream.Frames;
import io.reactivedht.transport.stream.PipedByteStream;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class MultistreamSelectTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final PipedByteStream[] pipe = PipedByteStream.pair();
  private final PipedByteStream initiator = pipe[0];
  private final PipedByteStream responder = pipe[1];

  @ParameterizedTest(name = "{0}")
  @CsvSource({ // WIRE.md 3.1
    "/multistream/1.0.0, 132f6d756c746973747265616d2f312e302e300a",
    "/noise, 072f6e6f6973650a",
    "/yamux/1.0.0, 0d2f79616d75782f312e302e300a",
    "/ipfs/id/1.0.0, 0f2f697066732f69642f312e302e300a",
    "/ipfs/kad/1.0.0, 102f697066732f6b61642f312e302e300a",
    "na, 036e610a",
  })
  void linesEncodeAsOnTheWire(String text, String hex) {
    assertThat(HexFormat.of().formatHex(MultistreamSelect.encode(text))).isEqualTo(hex);
  }

  @Test
  void bothSidesAgreeOnTheFirstSupportedProposal() {
    Mono<String> responded = MultistreamSelect.respond(responder, Set.of("/yamux/1.0.0")).cache();
    responded.subscribe();
    StepVerifier.create(
            MultistreamSelect.select(initiator, List.of("/mplex/6.7.0", "/yamux/1.0.0")))
        .expectNext("/yamux/1.0.0")
        .verifyComplete();
    assertThat(responded.block(WAIT)).isEqualTo("/yamux/1.0.0");
  }

  @Test
  void noProtocolInCommonFailsTheInitiator() {
    MultistreamSelect.respond(responder, Set.of("/yamux/1.0.0")).subscribe(v -> {}, e -> {});
    StepVerifier.create(MultistreamSelect.select(initiator, List.of("/tls/1.0.0", "/mplex/6.7.0")))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(MultistreamException.class)
                    .hasMessageContaining("none of"))
        .verify(WAIT);
  }

  @Test
  void bytesPipelinedAfterTheProposalStayForTheSelectedProtocol() {
    // go's lazy select: header, protocol and the first application bytes in one write
    initiator.write(
        concat(
            MultistreamSelect.encode("/multistream/1.0.0"),
            MultistreamSelect.encode("/ipfs/kad/1.0.0"),
            new byte[] {2, 'h', 'i'}));
    StepVerifier.create(
            MultistreamSelect.respond(responder, Set.of("/ipfs/kad/1.0.0"))
                .then(responder.read(Frames.varintPrefixed(10, "app"))))
        .assertNext(app -> assertThat(new String(app)).isEqualTo("hi"))
        .verifyComplete();
  }

  @Test
  void aResponderRejectsAWrongHeader() {
    initiator.write(MultistreamSelect.encode("/multistream/2.0.0"));
    StepVerifier.create(MultistreamSelect.respond(responder, Set.of("/noise")))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(MultistreamException.class)
                    .hasMessageContaining("header"))
        .verify(WAIT);
  }

  @Test
  void aLineWithoutNewlineIsRejected() {
    initiator.write(new byte[] {3, 'a', 'b', 'c'});
    StepVerifier.create(MultistreamSelect.respond(responder, Set.of("/noise")))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(MultistreamException.class)
                    .hasMessageContaining("newline"))
        .verify(WAIT);
  }

  @Test
  void anOversizedLineIsRejectedFromItsPrefix() {
    initiator.write(new byte[] {(byte) 0x81, 0x08}); // 1025
    StepVerifier.create(MultistreamSelect.respond(responder, Set.of("/noise")))
        .expectErrorSatisfies(
            e -> assertThat(e).hasMessageContaining("exceeds the maximum of 1024"))
        .verify(WAIT);
  }

  @Test
  void aResponderGivesUpAfterTooManyRefusedProposals() {
    byte[] flood = MultistreamSelect.encode(MultistreamSelect.PROTOCOL_ID);
    for (int i = 0; i < MultistreamSelect.MAX_PROPOSALS + 5; i++) {
      flood = concat(flood, MultistreamSelect.encode("/nope/" + i));
    }
    initiator.write(flood);
    StepVerifier.create(MultistreamSelect.respond(responder, Set.of("/noise")))
        .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("proposals refused"))
        .verify(WAIT);
  }

  @Test
  void lsIsAnsweredWithTheSupportedProtocols() {
    initiator.write(
        concat(
            MultistreamSelect.encode(MultistreamSelect.PROTOCOL_ID),
            MultistreamSelect.encode("ls")));
    MultistreamSelect.respond(responder, Set.of("/a", "/b")).subscribe(v -> {}, e -> {});
    assertThat(
            MultistreamSelect.decodeLine(
                initiator.read(Frames.varintPrefixed(1024, "l")).block(WAIT)))
        .isEqualTo(MultistreamSelect.PROTOCOL_ID);
    byte[] listing = initiator.read(Frames.varintPrefixed(1024, "l")).block(WAIT);
    assertThat(listing)
        .isEqualTo(
            concat(
                MultistreamSelect.encode("/a"), MultistreamSelect.encode("/b"), new byte[] {'\n'}));
  }

  @Test
  void anOptimisticSelectSendsTheFirstMessageWithTheProposal() {
    io.reactivedht.transport.stream.ByteStream optimistic =
        MultistreamSelect.selectOptimistically(initiator, "/ipfs/kad/1.0.0");
    optimistic.write(new byte[] {2, 'h', 'i'});
    StepVerifier.create(
            MultistreamSelect.respond(responder, Set.of("/ipfs/kad/1.0.0"))
                .then(responder.read(Frames.varintPrefixed(10, "app")))
                .flatMap(request -> responder.write(new byte[] {2, 'o', 'k'}).thenReturn(request)))
        .assertNext(request -> assertThat(new String(request)).isEqualTo("hi"))
        .verifyComplete();
    assertThat(optimistic.read(Frames.varintPrefixed(10, "app")).block(WAIT))
        .containsExactly('o', 'k');
  }

  @Test
  void anOptimisticSelectThatThePeerRefusesFailsTheFirstRead() {
    io.reactivedht.transport.stream.ByteStream optimistic =
        MultistreamSelect.selectOptimistically(initiator, "/nope");
    MultistreamSelect.respond(responder, Set.of("/ipfs/kad/1.0.0")).subscribe(v -> {}, e -> {});
    StepVerifier.create(optimistic.read(Frames.exactly(1)))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(MultistreamException.class)
                    .hasMessageContaining("refused"))
        .verify(WAIT);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}

package io.reactivedht.transport.autonat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.Seeds;
import io.reactivedht.transport.autonat.DialResponse.Status;
import io.reactivedht.transport.stream.Frames;
import io.reactivedht.transport.stream.PipedByteStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The AutoNAT v1 messages against the spec's field numbers and enum values, and the one-message
 * exchange.
 */
class AutoNatCodecTest {
  private static final PeerId PEER =
      PeerId.fromPublicKey(Ed25519PrivateKey.generate(Seeds.random(1)).publicKey());
  private static final Multiaddr ADDRESS = Multiaddr.parse("/ip4/1.2.3.4/tcp/4001");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  void aDialIsTypeZeroWithThePeerIdAndAddressesInPeerInfo() {
    byte[] id = PEER.bytes();
    byte[] addr = ADDRESS.bytes();
    // PeerInfo { id = 1; addrs = 2 } inside Dial { peer = 1 } inside Message { type = 1 (DIAL = 0);
    // dial = 2 }
    byte[] peerInfo = concat(bytes(0x0a, id.length), id, bytes(0x12, addr.length), addr);
    byte[] dial = concat(bytes(0x0a, peerInfo.length), peerInfo);
    byte[] expected = concat(bytes(0x08, 0x00, 0x12, dial.length), dial);

    byte[] encoded = AutoNatCodec.encode(new DialRequest(PEER, List.of(ADDRESS)));

    assertThat(HexFormat.of().formatHex(encoded)).isEqualTo(HexFormat.of().formatHex(expected));
    assertThat(AutoNatCodec.decodeRequest(encoded))
        .isEqualTo(new DialRequest(PEER, List.of(ADDRESS)));
  }

  @Test
  void anOkIsTypeOneWithStatusZeroTextAndAddress() {
    byte[] addr = ADDRESS.bytes();
    // DialResponse { status = 1 (OK = 0); statusText = 2; addr = 3 } inside Message { type = 1 (1);
    // dialResponse = 3 }
    byte[] body = concat(bytes(0x08, 0x00, 0x12, 0x02, 'O', 'K', 0x1a, addr.length), addr);
    byte[] expected = concat(bytes(0x08, 0x01, 0x1a, body.length), body);

    byte[] encoded = AutoNatCodec.encode(DialResponse.ok(ADDRESS));

    assertThat(HexFormat.of().formatHex(encoded)).isEqualTo(HexFormat.of().formatHex(expected));
    assertThat(AutoNatCodec.decodeResponse(encoded)).isEqualTo(DialResponse.ok(ADDRESS));
  }

  @Test
  void failureStatusesHaveTheSpecValues() {
    assertThat(
            List.of(
                Status.E_DIAL_ERROR.code(),
                Status.E_DIAL_REFUSED.code(),
                Status.E_BAD_REQUEST.code(),
                Status.E_INTERNAL_ERROR.code()))
        .containsExactly(100, 101, 200, 300);
    // E_DIAL_REFUSED = 101 is the varint 0x65
    assertThat(
            HexFormat.of()
                .formatHex(AutoNatCodec.encode(DialResponse.failure(Status.E_DIAL_REFUSED, ""))))
        .isEqualTo("08011a0408651200");
  }

  @ParameterizedTest
  @EnumSource(Status.class)
  void everyStatusRoundTrips(Status status) {
    DialResponse response =
        status == Status.OK
            ? DialResponse.ok(ADDRESS)
            : DialResponse.failure(status, "because " + status);
    assertThat(AutoNatCodec.decodeResponse(AutoNatCodec.encode(response))).isEqualTo(response);
  }

  @Test
  void addressesThatDoNotParseAreDroppedFromADial() {
    byte[] id = PEER.bytes();
    byte[] bad = bytes(0xff, 0xff, 0xff);
    byte[] addr = ADDRESS.bytes();
    byte[] peerInfo =
        concat(
            bytes(0x0a, id.length),
            id,
            bytes(0x12, bad.length),
            bad,
            bytes(0x12, addr.length),
            addr);
    byte[] dial = concat(bytes(0x0a, peerInfo.length), peerInfo);

    assertThat(
            AutoNatCodec.decodeRequest(concat(bytes(0x08, 0x00, 0x12, dial.length), dial))
                .addresses())
        .containsExactly(ADDRESS);
  }

  @Test
  void malformedMessagesAreRejectedNamingTheReason() {
    byte[] response = AutoNatCodec.encode(DialResponse.failure(Status.E_DIAL_ERROR, "x"));
    byte[] request = AutoNatCodec.encode(new DialRequest(PEER, List.of()));
    assertThatThrownBy(() -> AutoNatCodec.decodeRequest(response))
        .isInstanceOf(AutoNatException.class)
        .hasMessageContaining("expected a DIAL message");
    assertThatThrownBy(() -> AutoNatCodec.decodeResponse(request))
        .isInstanceOf(AutoNatException.class)
        .hasMessageContaining("expected a DIAL_RESPONSE");
    // type DIAL_RESPONSE, status 99: not a status of the spec
    assertThatThrownBy(() -> AutoNatCodec.decodeResponse(bytes(0x08, 0x01, 0x1a, 0x02, 0x08, 99)))
        .isInstanceOf(AutoNatException.class)
        .hasMessageContaining("status");
    // OK without the address
    assertThatThrownBy(() -> AutoNatCodec.decodeResponse(bytes(0x08, 0x01, 0x1a, 0x02, 0x08, 0x00)))
        .isInstanceOf(AutoNatException.class)
        .hasMessageContaining("without the address");
    // DIAL without a peer id
    assertThatThrownBy(() -> AutoNatCodec.decodeRequest(bytes(0x08, 0x00, 0x12, 0x02, 0x0a, 0x00)))
        .isInstanceOf(AutoNatException.class)
        .hasMessageContaining("without a peer id");
    assertThatThrownBy(() -> AutoNatCodec.decodeRequest(bytes(0x0a, 0xff)))
        .isInstanceOf(AutoNatException.class)
        .hasMessageContaining("not an AutoNAT message");
  }

  @Test
  void oneRequestAndOneAnswerCrossAPipe() {
    PipedByteStream[] pipe = PipedByteStream.pair();
    StepVerifier serving =
        StepVerifier.create(
                AutoNat.serve(
                    pipe[1], request -> Mono.just(DialResponse.ok(request.addresses().get(0)))))
            .expectComplete()
            .verifyLater();

    StepVerifier.create(AutoNat.request(pipe[0], new DialRequest(PEER, List.of(ADDRESS))))
        .expectNext(DialResponse.ok(ADDRESS))
        .expectComplete()
        .verify(TIMEOUT);
    serving.verify(TIMEOUT);
  }

  @Test
  void aMalformedRequestIsAnsweredWithBadRequest() {
    PipedByteStream[] pipe = PipedByteStream.pair();
    StepVerifier serving =
        StepVerifier.create(
                AutoNat.serve(pipe[1], request -> Mono.error(new AssertionError("not called"))))
            .expectComplete()
            .verifyLater();
    pipe[0].write(Frames.varintPrefix(bytes(0x08, 0x01)));
    pipe[0].closeWrite();

    StepVerifier.create(
            pipe[0]
                .read(Frames.varintPrefixed(AutoNat.MAX_MESSAGE_BYTES, "answer"))
                .map(AutoNatCodec::decodeResponse))
        .assertNext(answer -> assertThat(answer.status()).isEqualTo(Status.E_BAD_REQUEST))
        .expectComplete()
        .verify(TIMEOUT);
    serving.verify(TIMEOUT);
  }

  @Test
  void anOversizedMessageFailsTheExchangeBeforeItArrives() {
    PipedByteStream[] pipe = PipedByteStream.pair();
    pipe[0].write(bytes(0x81, 0x20)); // varint 4097
    StepVerifier.create(
            AutoNat.serve(pipe[1], request -> Mono.error(new AssertionError("not called"))))
        .expectError(AutoNatException.class)
        .verify(TIMEOUT);
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}

package io.reactivedht.transport.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.reactivedht.core.crypto.EcdsaPrivateKey;
import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.crypto.RsaPrivateKey;
import io.reactivedht.core.crypto.Secp256k1PrivateKey;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.Seeds;
import io.reactivedht.transport.noise.NoiseException.Reason;
import io.reactivedht.transport.noise.pb.NoiseProto.NoiseHandshakePayload;
import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.FrameDecoder;
import io.reactivedht.transport.stream.Frames;
import io.reactivedht.transport.stream.PipedByteStream;
import io.reactivedht.transport.stream.StreamEndedException;
import io.reactivedht.transport.stream.StreamResetException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

/** The Noise channel end to end over an in-memory pipe. */
class NoiseSecurityTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final PrivateKey ALICE = Ed25519PrivateKey.fromSeed(NoiseVectorTest.counting(1));
  private static final PrivateKey BOB = Ed25519PrivateKey.fromSeed(NoiseVectorTest.counting(2));
  private static final PrivateKey CAROL = Ed25519PrivateKey.fromSeed(NoiseVectorTest.counting(3));

  private final PipedByteStream[] pipe = PipedByteStream.pair();

  static Stream<Arguments> identities() {
    return Stream.of(
        Arguments.of("ed25519 <-> ed25519", ALICE, BOB),
        Arguments.of("secp256k1 <-> ed25519", Secp256k1PrivateKey.generate(Seeds.random(1)), BOB),
        Arguments.of("ed25519 <-> ecdsa p-256", ALICE, EcdsaPrivateKey.generate(Seeds.random(2))),
        Arguments.of(
            "rsa 2048 <-> secp256k1",
            RsaPrivateKey.generate(2048, Seeds.random(3)),
            Secp256k1PrivateKey.generate(Seeds.random(4))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("identities")
  void bothSidesLearnEachOthersPeerIdAndExchangeData(
      String name, PrivateKey dialer, PrivateKey listener) {
    Tuple2<SecureChannel, SecureChannel> channels =
        handshake(dialer, listener, PeerId.fromPublicKey(listener.publicKey()));
    SecureChannel outbound = channels.getT1();
    SecureChannel inbound = channels.getT2();

    assertThat(outbound.remotePeer()).isEqualTo(PeerId.fromPublicKey(listener.publicKey()));
    assertThat(outbound.remoteKey()).isEqualTo(listener.publicKey());
    assertThat(inbound.remotePeer()).isEqualTo(PeerId.fromPublicKey(dialer.publicKey()));
    assertThat(inbound.remoteKey()).isEqualTo(dialer.publicKey());
    assertThat(outbound.remoteMuxers()).isEmpty();
    assertThat(inbound.remoteMuxers()).isEmpty();

    outbound.stream().write(bytes("ping"));
    assertThat(read(inbound.stream(), 4)).isEqualTo(bytes("ping"));
    inbound.stream().write(bytes("pong"));
    assertThat(read(outbound.stream(), 4)).isEqualTo(bytes("pong"));
  }

  @Test
  void largeWritesAreSplitIntoFramesAndArriveIntact() {
    Tuple2<SecureChannel, SecureChannel> channels = handshake(ALICE, BOB, null);
    byte[] large = new byte[200 * 1024];
    new Random(7).nextBytes(large);

    channels.getT1().stream().write(large);
    assertThat(read(channels.getT2().stream(), large.length)).isEqualTo(large);
    channels.getT2().stream().write(large);
    assertThat(read(channels.getT1().stream(), large.length)).isEqualTo(large);
  }

  @Test
  void rawFramesCarryAtMost65519PlaintextBytes() {
    // 65519 + 1 bytes of plaintext make a full 65535-byte frame and a 17-byte one (1 + 16-byte
    // tag).
    PipedByteStream[] tap = PipedByteStream.pair();
    SecuredStream stream = SecuredStream.start(tap[0], finishedTransports()[0], "tap");
    stream.write(new byte[SecuredStream.MAX_PLAINTEXT + 1]);
    byte[] first = tap[1].read(Frames.u16Prefixed()).block(TIMEOUT);
    byte[] second = tap[1].read(Frames.u16Prefixed()).block(TIMEOUT);
    assertThat(first).hasSize(65535);
    assertThat(second).hasSize(17);
  }

  @Test
  void writesMadeBeforeTheRawStreamTakesItsNextWriteShareOneFrame() {
    PipedByteStream[] pipe = PipedByteStream.pair();
    HeldWrites raw = new HeldWrites(pipe[0]);
    XxHandshake.Transport[] transports = finishedTransports();
    SecuredStream sender = SecuredStream.start(raw, transports[0], "sender");
    sender.write(bytes("window update|"));
    sender.write(bytes("multistream|"));
    sender.write(bytes("response|fin"));
    raw.release(); // the event loop's turn
    sender.write(bytes("next burst"));
    raw.release();

    byte[] first = pipe[1].read(Frames.u16Prefixed()).block(TIMEOUT);
    byte[] second = pipe[1].read(Frames.u16Prefixed()).block(TIMEOUT);
    assertThat(first).hasSize("window update|multistream|response|fin".length() + 16);
    assertThat(second).hasSize("next burst".length() + 16);
    CipherState receiving = transports[1].receiving();
    assertThat(new String(receiving.decrypt(new byte[0], first), StandardCharsets.UTF_8))
        .isEqualTo("window update|multistream|response|fin");
    assertThat(new String(receiving.decrypt(new byte[0], second), StandardCharsets.UTF_8))
        .isEqualTo("next burst");
  }

  @Test
  void concurrentWritersKeepTheirMessagesWholeAndInOrder() throws Exception {
    Tuple2<SecureChannel, SecureChannel> channels = handshake(ALICE, BOB, null);
    ByteStream sender = channels.getT1().stream();
    int writers = 4;
    int messagesEach = 500;
    ExecutorService threads = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    for (int w = 0; w < writers; w++) {
      int writer = w;
      threads.execute(
          () -> {
            try {
              start.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
            for (int i = 0; i < messagesEach; i++) {
              sender.write(Frames.varintPrefix(bytes(writer + ":" + i + ":" + "x".repeat(i % 37))));
            }
          });
    }
    start.countDown();

    int[] next = new int[writers];
    for (int m = 0; m < writers * messagesEach; m++) {
      String message =
          new String(
              channels.getT2().stream()
                  .read(Frames.varintPrefixed(1024, "test message"))
                  .block(TIMEOUT),
              StandardCharsets.UTF_8);
      String[] parts = message.split(":", -1);
      int writer = Integer.parseInt(parts[0]);
      int index = Integer.parseInt(parts[1]);
      assertThat(index).as("next message of writer %d", writer).isEqualTo(next[writer]);
      assertThat(parts[2]).isEqualTo("x".repeat(index % 37));
      next[writer]++;
    }
    assertThat(next).containsOnly(messagesEach);
    threads.shutdown();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aReaderThatStopsReadingStopsTheRawReadLoop() {
    Tuple2<SecureChannel, SecureChannel> channels = handshake(ALICE, BOB, null);
    SecuredStream receiver = (SecuredStream) channels.getT2().stream();
    int frames = 48;
    byte[] data = new byte[frames * SecuredStream.MAX_PLAINTEXT];
    new Random(11).nextBytes(data);
    channels.getT1().stream().write(data);

    // The loop reads while a whole frame fits: 17 frames of 65519 bytes fill 1 MiB + 64 KiB; the
    // other 31 frames
    // (65537 bytes each on the wire) wait in the raw stream.
    int decryptedFrames =
        (SecuredStream.BUFFER_CAPACITY - SecuredStream.MAX_PLAINTEXT) / SecuredStream.MAX_PLAINTEXT
            + 1;
    assertThat(decryptedFrames).isEqualTo(17);
    awaitTrue(
        () ->
            pipe[1].buffered() == (frames - decryptedFrames) * 65537
                && receiver.bufferedPlaintext() == decryptedFrames * SecuredStream.MAX_PLAINTEXT);

    ByteArrayOutputStream received = new ByteArrayOutputStream();
    while (received.size() < data.length) {
      received.writeBytes(receiver.read(Frames.available(100_000)).block(TIMEOUT));
    }
    assertThat(received.toByteArray()).isEqualTo(data);
    assertThat(pipe[1].buffered()).isZero();
  }

  @Test
  void aDialerRejectsAnUnexpectedPeer() {
    NoiseSecurity dialer = new NoiseSecurity(ALICE);
    NoiseSecurity listener = new NoiseSecurity(BOB);
    listener.secureInbound(pipe[1]).subscribe(c -> {}, e -> {});

    assertThatThrownBy(
            () ->
                dialer
                    .secureOutbound(pipe[0], PeerId.fromPublicKey(CAROL.publicKey()))
                    .block(TIMEOUT))
        .isInstanceOfSatisfying(
            NoiseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PEER_ID_MISMATCH));
    assertReset(pipe[0]);
  }

  @Test
  void aListenerRejectsAnInitiatorWhoseSignatureDoesNotCoverItsStaticKey() {
    Mono<SecureChannel> inbound = new NoiseSecurity(BOB).secureInbound(pipe[1]).cache();
    inbound.subscribe(c -> {}, e -> {});
    XxHandshake initiator = scriptedInitiatorUpToMessage3();

    X25519.KeyPair otherStatic = X25519.fromPrivate(NoiseVectorTest.counting(9));
    byte[] forged = NoisePayload.create(ALICE, otherStatic.publicKey(), List.of());
    pipe[0].write(SecuredStream.frame(initiator.writeMessage3(forged)));

    assertThatThrownBy(() -> inbound.block(TIMEOUT))
        .isInstanceOfSatisfying(
            NoiseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    assertReset(pipe[0]);
  }

  @Test
  void aDialerRejectsAResponderWithATamperedSignature() {
    Mono<SecureChannel> outbound = new NoiseSecurity(ALICE).secureOutbound(pipe[0], null).cache();
    outbound.subscribe(c -> {}, e -> {});
    XxHandshake responder = scriptedResponderUpToMessage2();

    byte[] payload = NoisePayload.create(BOB, STATIC.publicKey(), List.of());
    payload[payload.length - 1] ^= 1; // the last byte of the signature
    pipe[1].write(SecuredStream.frame(responder.writeMessage2(payload)));

    assertThatThrownBy(() -> outbound.block(TIMEOUT))
        .isInstanceOfSatisfying(
            NoiseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    assertReset(pipe[1]);
  }

  @Test
  void aMalformedPayloadIsRejected() {
    Mono<SecureChannel> outbound = new NoiseSecurity(ALICE).secureOutbound(pipe[0], null).cache();
    outbound.subscribe(c -> {}, e -> {});
    XxHandshake responder = scriptedResponderUpToMessage2();

    pipe[1].write(SecuredStream.frame(responder.writeMessage2(new byte[] {(byte) 0xff, 0x01})));

    assertThatThrownBy(() -> outbound.block(TIMEOUT))
        .isInstanceOfSatisfying(
            NoiseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_PAYLOAD));
  }

  @Test
  void aPayloadWithoutSignatureIsRejected() {
    Mono<SecureChannel> outbound = new NoiseSecurity(ALICE).secureOutbound(pipe[0], null).cache();
    outbound.subscribe(c -> {}, e -> {});
    XxHandshake responder = scriptedResponderUpToMessage2();
    byte[] keyOnly =
        NoiseHandshakePayload.newBuilder()
            .setIdentityKey(ByteString.copyFrom(BOB.publicKey().encoded()))
            .build()
            .toByteArray();

    pipe[1].write(SecuredStream.frame(responder.writeMessage2(keyOnly)));

    assertThatThrownBy(() -> outbound.block(TIMEOUT))
        .isInstanceOfSatisfying(
            NoiseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_PAYLOAD));
  }

  @Test
  void aFirstMessageOfTheWrongSizeIsRejected() {
    Mono<SecureChannel> inbound = new NoiseSecurity(BOB).secureInbound(pipe[1]).cache();
    inbound.subscribe(c -> {}, e -> {});

    pipe[0].write(SecuredStream.frame(new byte[31]));

    assertThatThrownBy(() -> inbound.block(TIMEOUT))
        .isInstanceOfSatisfying(
            NoiseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_MESSAGE));
    assertReset(pipe[0]);
  }

  @Test
  void aShortOrCorruptedSecondMessageIsRejected() {
    Mono<SecureChannel> shortOne = new NoiseSecurity(ALICE).secureOutbound(pipe[0], null).cache();
    shortOne.subscribe(c -> {}, e -> {});
    pipe[1].read(Frames.u16Prefixed()).block(TIMEOUT);
    pipe[1].write(SecuredStream.frame(new byte[32 + 48 + 15]));
    assertThatThrownBy(() -> shortOne.block(TIMEOUT))
        .isInstanceOfSatisfying(
            NoiseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_MESSAGE));

    PipedByteStream[] second = PipedByteStream.pair();
    Mono<SecureChannel> corrupted =
        new NoiseSecurity(ALICE).secureOutbound(second[0], null).cache();
    corrupted.subscribe(c -> {}, e -> {});
    XxHandshake responder = XxHandshake.responder(STATIC, EPHEMERAL);
    responder.readMessage1(second[1].read(Frames.u16Prefixed()).block(TIMEOUT));
    byte[] message2 =
        responder.writeMessage2(NoisePayload.create(BOB, STATIC.publicKey(), List.of()));
    message2[40] ^= 1; // inside the encrypted static key
    second[1].write(SecuredStream.frame(message2));
    assertThatThrownBy(() -> corrupted.block(TIMEOUT))
        .isInstanceOfSatisfying(
            NoiseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DECRYPTION_FAILED));
  }

  @Test
  void aCorruptedTransportFrameFailsTheChannelAndResetsTheConnection() {
    Tuple2<SecureChannel, SecureChannel> channels = handshake(ALICE, BOB, null);
    channels.getT1().stream().write(bytes("fine"));
    assertThat(read(channels.getT2().stream(), 4)).isEqualTo(bytes("fine"));

    byte[] garbage = new byte[40];
    new Random(3).nextBytes(garbage);
    pipe[0].write(SecuredStream.frame(garbage)); // beneath the initiator's Noise layer

    assertThatThrownBy(() -> read(channels.getT2().stream(), 1))
        .isInstanceOfSatisfying(
            NoiseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DECRYPTION_FAILED));
    assertThatThrownBy(() -> read(channels.getT1().stream(), 1))
        .isInstanceOf(StreamResetException.class);
  }

  @Test
  void theEndOfTheRawStreamEndsThePlaintextStream() {
    Tuple2<SecureChannel, SecureChannel> channels = handshake(ALICE, BOB, null);
    channels.getT1().stream().write(bytes("last words"));
    channels.getT1().stream().closeWrite();

    assertThat(read(channels.getT2().stream(), 10)).isEqualTo(bytes("last words"));
    assertThatThrownBy(() -> read(channels.getT2().stream(), 1))
        .isInstanceOf(StreamEndedException.class);
    channels.getT2().stream().write(bytes("still open"));
    assertThat(read(channels.getT1().stream(), 10)).isEqualTo(bytes("still open"));
  }

  @Test
  void aRawStreamEndingInsideAFrameFailsTheChannel() {
    Tuple2<SecureChannel, SecureChannel> channels = handshake(ALICE, BOB, null);
    pipe[0].write(new byte[] {0x00, 0x20, 1, 2, 3});
    pipe[0].closeWrite();

    assertThatThrownBy(() -> read(channels.getT2().stream(), 1))
        .isInstanceOfSatisfying(
            NoiseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED_FRAME));
  }

  @Test
  void resetReachesTheRemote() {
    Tuple2<SecureChannel, SecureChannel> channels = handshake(ALICE, BOB, null);
    channels.getT1().stream().reset();
    assertThatThrownBy(() -> read(channels.getT2().stream(), 1))
        .isInstanceOf(StreamResetException.class);
    assertThatThrownBy(() -> read(channels.getT1().stream(), 1))
        .isInstanceOf(StreamResetException.class);
  }

  // --- helpers

  private static final X25519.KeyPair STATIC = X25519.fromPrivate(NoiseVectorTest.counting(0x50));
  private static final X25519.KeyPair EPHEMERAL =
      X25519.fromPrivate(NoiseVectorTest.counting(0x70));

  private Tuple2<SecureChannel, SecureChannel> handshake(
      PrivateKey dialer, PrivateKey listener, PeerId expected) {
    return Mono.zip(
            new NoiseSecurity(dialer).secureOutbound(pipe[0], expected),
            new NoiseSecurity(listener).secureInbound(pipe[1]))
        .block(TIMEOUT);
  }

  /** A hand-driven initiator on pipe[0] that has sent message 1 and read message 2. */
  private XxHandshake scriptedInitiatorUpToMessage3() {
    XxHandshake initiator = XxHandshake.initiator(STATIC, EPHEMERAL);
    pipe[0].write(SecuredStream.frame(initiator.writeMessage1()));
    initiator.readMessage2(pipe[0].read(Frames.u16Prefixed()).block(TIMEOUT));
    return initiator;
  }

  /** A hand-driven responder on pipe[1] that has read message 1. */
  private XxHandshake scriptedResponderUpToMessage2() {
    XxHandshake responder = XxHandshake.responder(STATIC, EPHEMERAL);
    responder.readMessage1(pipe[1].read(Frames.u16Prefixed()).block(TIMEOUT));
    return responder;
  }

  @Test
  void manyFramesAlreadyBufferedInTheRawStreamDoNotRecurse() {
    XxHandshake.Transport[] transports = finishedTransports();
    int frames = 50_000;
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    for (int i = 0; i < frames; i++) {
      wire.writeBytes(
          SecuredStream.frame(transports[0].sending().encrypt(new byte[0], new byte[] {(byte) i})));
    }
    pipe[0].write(wire.toByteArray());
    awaitTrue(() -> pipe[1].buffered() == frames * 19);

    SecuredStream receiver =
        SecuredStream.start(pipe[1], transports[1], "receiver"); // decrypts all, on this thread
    assertThat(receiver.bufferedPlaintext()).isEqualTo(frames);
    byte[] received = read(receiver, frames);
    for (int i = 0; i < frames; i++) {
      assertThat(received[i]).isEqualTo((byte) i);
    }
  }

  /**
   * A raw stream whose deferred writes wait for {@link #release}, as writes wait for a busy event
   * loop's next turn.
   */
  private static final class HeldWrites implements ByteStream {
    private final ByteStream delegate;
    private final List<Supplier<byte[]>> held = new ArrayList<>();

    HeldWrites(ByteStream delegate) {
      this.delegate = delegate;
    }

    void release() {
      held.forEach(bytes -> delegate.write(bytes.get()));
      held.clear();
    }

    @Override
    public <T> Mono<T> read(FrameDecoder<T> decoder) {
      return delegate.read(decoder);
    }

    @Override
    public Mono<Void> write(byte[] bytes) {
      return delegate.write(bytes);
    }

    @Override
    public Mono<Void> writeLater(Supplier<byte[]> bytes) {
      held.add(bytes);
      return Mono.empty();
    }

    @Override
    public Mono<Void> closeWrite() {
      return delegate.closeWrite();
    }

    @Override
    public void reset() {
      delegate.reset();
    }
  }

  /**
   * The transports of the initiator and the responder after a handshake between two scripted sides.
   */
  private static XxHandshake.Transport[] finishedTransports() {
    XxHandshake initiator = XxHandshake.initiator(STATIC, EPHEMERAL);
    XxHandshake responder =
        XxHandshake.responder(
            X25519.fromPrivate(NoiseVectorTest.counting(0x90)),
            X25519.fromPrivate(NoiseVectorTest.counting(0xa0)));
    responder.readMessage1(initiator.writeMessage1());
    initiator.readMessage2(responder.writeMessage2(new byte[0]));
    responder.readMessage3(initiator.writeMessage3(new byte[0]));
    return new XxHandshake.Transport[] {initiator.transport(), responder.transport()};
  }

  private static void assertReset(PipedByteStream end) {
    assertThatThrownBy(() -> end.read(Frames.exactly(1_000_000)).block(TIMEOUT))
        .isInstanceOf(StreamResetException.class);
  }

  private static byte[] read(ByteStream stream, int length) {
    return stream.read(Frames.exactly(length)).block(TIMEOUT);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + TIMEOUT);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}

package io.reactivedht.transport.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.multiformats.DecodingException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class InboundBufferTest {
  private final AtomicInteger consumed = new AtomicInteger();
  private final InboundBuffer buffer = new InboundBuffer("test", 16, consumed::addAndGet);

  @Test
  void aReadWaitsForItsWholeFrameAndReportsWhatItConsumed() {
    StepVerifier.create(buffer.read(Frames.varintPrefixed(10, "msg")))
        .then(() -> buffer.offer(new byte[] {3, 'a'}))
        .expectNoEvent(Duration.ZERO)
        .then(() -> buffer.offer(new byte[] {'b', 'c', 9}))
        .assertNext(frame -> assertThat(new String(frame)).isEqualTo("abc"))
        .verifyComplete();
    assertThat(consumed.get()).isEqualTo(4);
    assertThat(buffer.buffered()).isEqualTo(1);
  }

  @Test
  void bytesBeyondTheCapacityAreRefused() {
    assertThat(buffer.offer(new byte[16])).isTrue();
    assertThat(buffer.offer(new byte[1])).isFalse();
    assertThat(buffer.buffered()).isEqualTo(16);
  }

  @Test
  void anOversizedDeclaredLengthFailsFromThePrefixAlone() {
    buffer.offer(new byte[] {(byte) 0x80, 0x01}); // 128 > 10
    StepVerifier.create(buffer.read(Frames.varintPrefixed(10, "msg")))
        .expectErrorSatisfies(
            e -> assertThat(e).isInstanceOf(DecodingException.class).hasMessageContaining("msg"))
        .verify();
  }

  @Test
  void anEndInTheMiddleOfAFrameFailsTheRead() {
    buffer.offer(new byte[] {5, 1, 2});
    buffer.end();
    StepVerifier.create(buffer.read(Frames.varintPrefixed(10, "msg")))
        .verifyError(StreamEndedException.class);
  }

  @Test
  void framesBufferedBeforeTheEndCanStillBeRead() {
    buffer.offer(new byte[] {1, 7});
    buffer.end();
    StepVerifier.create(buffer.read(Frames.varintPrefixed(10, "msg")))
        .assertNext(frame -> assertThat(frame).containsExactly(7))
        .verifyComplete();
  }

  @Test
  void aFailureFailsThePendingAndLaterReads() {
    Mono<byte[]> read = buffer.read(Frames.exactly(2));
    StepVerifier.create(read)
        .then(() -> buffer.fail(new StreamResetException("gone")))
        .verifyError(StreamResetException.class);
    StepVerifier.create(buffer.read(Frames.exactly(1))).verifyError(StreamResetException.class);
  }

  @Test
  void aSecondConcurrentReadIsRefused() {
    buffer.read(Frames.exactly(2)).subscribe();
    StepVerifier.create(buffer.read(Frames.exactly(2))).verifyError(IllegalStateException.class);
  }

  @Test
  void aCancelledReadLeavesTheBytesForTheNextOne() {
    buffer.read(Frames.exactly(3)).subscribe().dispose();
    buffer.offer(new byte[] {1, 2, 3});
    StepVerifier.create(buffer.read(Frames.exactly(3)))
        .assertNext(frame -> assertThat(frame).containsExactly(1, 2, 3))
        .verifyComplete();
  }

  @Test
  void manySmallFramesThroughASmallBufferCompactInsteadOfGrowing() {
    for (int i = 0; i < 1000; i++) {
      assertThat(buffer.offer(new byte[] {1, (byte) i})).isTrue();
      byte[] frame = buffer.read(Frames.varintPrefixed(10, "msg")).block();
      assertThat(frame).containsExactly((byte) i);
    }
    assertThat(consumed.get()).isEqualTo(2000);
  }

  @Test
  void u16FramesReadTheNoiseLengthPrefix() {
    buffer.offer(new byte[] {0, 2, 'h', 'i'});
    assertThat(buffer.read(Frames.u16Prefixed()).block()).containsExactly('h', 'i');
  }

  @Test
  void varintPrefixesLongerThanFiveBytesAreRefused() {
    buffer.offer(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0});
    StepVerifier.create(buffer.read(Frames.varintPrefixed(Integer.MAX_VALUE - 8, "msg")))
        .verifyError(DecodingException.class);
  }
}

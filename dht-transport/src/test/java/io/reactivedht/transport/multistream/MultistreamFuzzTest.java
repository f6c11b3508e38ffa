package io.reactivedht.transport.multistream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.transport.stream.FrameDecoder;
import io.reactivedht.transport.stream.Frames;
import io.reactivedht.transport.stream.ScriptedByteStream;
import io.reactivedht.transport.stream.StreamEndedException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Fuzzes multistream-select: the varint-prefixed line framing and {@link
 * MultistreamSelect#decodeLine}, and whole negotiations as listener ({@link
 * MultistreamSelect#respond}) and dialer ({@link MultistreamSelect#select}) against a remote that
 * sends the fuzz input. A line either decodes (and re-encodes to its frame) or throws {@link
 * MultistreamException}; a negotiation either picks a protocol this side supports or fails with a
 * {@link DecodingException} or, when the input runs out, {@link StreamEndedException}. Regression
 * inputs: {@code MultistreamFuzzTestInputs/<method>/}.
 */
class MultistreamFuzzTest {
  private static final FrameDecoder<byte[]> LINE =
      Frames.varintPrefixed(MultistreamSelect.MAX_LINE, "multistream line");
  private static final Set<String> SUPPORTED = Set.of("/ipfs/kad/1.0.0", "/ipfs/id/1.0.0");
  private static final List<String> PROPOSED = List.of("/yamux/1.0.0", "/ipfs/kad/1.0.0");
  private static final Duration SYNCHRONOUS = Duration.ofSeconds(10);

  @FuzzTest
  void lines(byte[] data) {
    ByteBuffer buffer = ByteBuffer.wrap(data).asReadOnlyBuffer();
    try {
      while (buffer.hasRemaining()) {
        int start = buffer.position();
        byte[] line = LINE.decode(buffer);
        if (line == null) {
          assertThat(buffer.position()).isEqualTo(start);
          return;
        }
        String text = MultistreamSelect.decodeLine(line);
        assertThat(MultistreamSelect.encode(text))
            .isEqualTo(Arrays.copyOfRange(data, start, buffer.position()));
      }
    } catch (DecodingException expected) {
      // a bad prefix (MultistreamSelect's framing) or a bad line (MultistreamException)
    }
  }

  @FuzzTest
  void respond(byte[] data) {
    ScriptedByteStream stream = new ScriptedByteStream(data);
    try {
      String chosen = MultistreamSelect.respond(stream, SUPPORTED).block(SYNCHRONOUS);
      assertThat(chosen).isIn(SUPPORTED);
    } catch (DecodingException | StreamEndedException expected) {
      // refused or cut short
    }
  }

  @FuzzTest
  void select(byte[] data) {
    ScriptedByteStream stream = new ScriptedByteStream(data);
    try {
      String chosen = MultistreamSelect.select(stream, PROPOSED).block(SYNCHRONOUS);
      assertThat(chosen).isIn(PROPOSED);
    } catch (DecodingException | StreamEndedException expected) {
      // refused or cut short
    }
  }
}

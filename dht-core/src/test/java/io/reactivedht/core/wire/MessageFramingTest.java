package io.reactivedht.core.wire;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactivedht.core.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The varint length prefix (WIRE.md §1.1, §1.3, §10.2) and its 4 MiB bound. */
class MessageFramingTest {
  private static final MessageFraming FRAMING = MessageFraming.DEFAULT;

  @Test
  void defaultBoundIsFourMebibytes() {
    assertThat(MessageFraming.DEFAULT_MAX_MESSAGE_SIZE).isEqualTo(4_194_304);
    assertThat(FRAMING.maxMessageSize()).isEqualTo(4_194_304);
  }

  @Test
  void prefixesTheVarintLength() {
    assertThat(hex(FRAMING.frame(new byte[0]))).isEqualTo("00");
    assertThat(hex(FRAMING.frame(hex("0805")))).isEqualTo("020805");
    assertThat(hex(FRAMING.frame(new byte[300])).substring(0, 4)).isEqualTo("ac02");
    assertThat(FRAMING.frame(new byte[300])).hasSize(302);
    assertThat(FRAMING.header(hex("808001"), 0, 3)).isEqualTo(new MessageFraming.Header(3, 16384));
  }

  @Test
  void declaredLengthAboveFourMebibytesIsRejectedFromThePrefixAlone() {
    byte[] prefix = hex("81808002"); // varint(4194305)
    assertThatThrownBy(() -> FRAMING.header(prefix, 0, prefix.length))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessage("dht frame: declared length 4194305 exceeds the maximum message size 4194304");
    assertThatThrownBy(() -> FRAMING.next(prefix, 0, prefix.length))
        .isInstanceOf(MalformedMessageException.class);
  }

  @Test
  void fourMebibytesExactlyIsAcceptedAndAwaited() {
    byte[] prefix = hex("80808002"); // varint(4194304)
    assertThat(FRAMING.header(prefix, 0, prefix.length))
        .isEqualTo(new MessageFraming.Header(4, 4_194_304));
    assertThat(FRAMING.next(prefix, 0, prefix.length)).isNull();

    byte[] message = new byte[4_194_304];
    message[message.length - 1] = 7;
    byte[] framed = FRAMING.frame(message);
    assertThat(Arrays.copyOf(framed, 4)).isEqualTo(prefix);
    assertThat(FRAMING.next(framed, 0, framed.length - 1)).isNull();
    assertThat(FRAMING.next(framed, 0, framed.length))
        .isEqualTo(new MessageFraming.Frame(message, framed.length));
  }

  @Test
  void aPrefixTooLongForTheBoundIsRejectedBeforeItEnds() {
    // four continuation bytes promise a fifth: at least 2^28, far above 4 MiB
    assertThatThrownBy(() -> FRAMING.header(hex("80808080"), 0, 4))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessage(
            "dht frame: declared length 0x80808080... exceeds the maximum message size 4194304");
    assertThat(FRAMING.header(hex("808080"), 0, 3)).isNull();
  }

  @Test
  void theBoundIsConfigurable() {
    MessageFraming small = new MessageFraming(100);
    assertThat(small.header(hex("64"), 0, 1)).isEqualTo(new MessageFraming.Header(1, 100));
    assertThatThrownBy(() -> small.header(hex("65"), 0, 1))
        .hasMessage("dht frame: declared length 101 exceeds the maximum message size 100");
    // a continuation bit already promises at least 128: refused at the first byte
    assertThatThrownBy(() -> small.header(hex("80"), 0, 1))
        .hasMessage("dht frame: declared length 0x80... exceeds the maximum message size 100");
    assertThatThrownBy(() -> small.frame(new byte[101]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dht frame: message of 101 bytes exceeds the maximum 100");
    assertThat(small.frame(new byte[100])).hasSize(101);
    assertThatThrownBy(() -> FRAMING.frame(new byte[4_194_305]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nonMinimalPrefixesAreRejected() {
    assertThatThrownBy(() -> FRAMING.header(hex("8000"), 0, 2))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessage("dht frame: length prefix is not minimally encoded");
  }

  @Test
  void readsFromAnOffset() {
    byte[] buffer = hex("ffff" + "020805" + "ff");
    assertThat(FRAMING.next(buffer, 2, 3)).isEqualTo(new MessageFraming.Frame(hex("0805"), 3));
    assertThat(FRAMING.next(buffer, 2, 2)).isNull();
  }

  /**
   * Every framed vector, back to back, fed one byte at a time: each frame appears exactly when
   * complete.
   */
  @Test
  void decodesAStreamFedByteByByte() {
    List<JsonNode> cases = Vectors.cases(WireVectors.FILE, "cases");
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    cases.forEach(c -> stream.writeBytes(hex(c.get("framed"))));
    byte[] all = stream.toByteArray();

    List<String> received = new ArrayList<>();
    byte[] buffer = new byte[all.length];
    int start = 0;
    int end = 0;
    for (byte b : all) {
      buffer[end++] = b;
      MessageFraming.Frame frame = FRAMING.next(buffer, start, end - start);
      if (frame != null) {
        assertThat(frame.frameLength())
            .isEqualTo(end - start); // complete at its last byte, not later
        received.add(hex(frame.message()));
        start = end;
      }
    }

    assertThat(start).isEqualTo(all.length);
    assertThat(received)
        .containsExactlyElementsOf(cases.stream().map(c -> c.get("bytes").asText()).toList());
  }
}

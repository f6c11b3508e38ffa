package io.reactivedht.transport.yamux;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.transport.yamux.FrameReader.BodyChunk;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FrameHeaderTest {
  /** The examples of docs/WIRE.md 5.1, byte for byte. */
  static Stream<Arguments> wireExamples() {
    return Stream.of(
        Arguments.of(
            "open stream 1 (client)",
            "00 01 0001 00000001 00000000",
            FrameHeader.of(FrameHeader.WINDOW_UPDATE, FrameHeader.SYN, 1, 0)),
        Arguments.of(
            "accept stream 1 (server)",
            "00 01 0002 00000001 00000000",
            FrameHeader.of(FrameHeader.WINDOW_UPDATE, FrameHeader.ACK, 1, 0)),
        Arguments.of(
            "34 bytes of data on stream 1",
            "00 00 0000 00000001 00000022",
            FrameHeader.of(FrameHeader.DATA, 0, 1, 34)),
        Arguments.of(
            "half-close stream 1",
            "00 01 0004 00000001 00000000",
            FrameHeader.of(FrameHeader.WINDOW_UPDATE, FrameHeader.FIN, 1, 0)),
        Arguments.of(
            "reset stream 1",
            "00 01 0008 00000001 00000000",
            FrameHeader.of(FrameHeader.WINDOW_UPDATE, FrameHeader.RST, 1, 0)),
        Arguments.of(
            "ping request",
            "00 02 0001 00000000 0000002a",
            FrameHeader.of(FrameHeader.PING, FrameHeader.SYN, 0, 42)),
        Arguments.of(
            "ping reply",
            "00 02 0002 00000000 0000002a",
            FrameHeader.of(FrameHeader.PING, FrameHeader.ACK, 0, 42)),
        Arguments.of(
            "go away (normal)",
            "00 03 0000 00000000 00000000",
            FrameHeader.of(FrameHeader.GO_AWAY, 0, 0, FrameHeader.GO_AWAY_NORMAL)),
        Arguments.of(
            "unsigned id and length",
            "00 01 0000 fffffffe ffffffff",
            FrameHeader.of(FrameHeader.WINDOW_UPDATE, 0, 0xFFFFFFFE, 0xFFFFFFFF)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wireExamples")
  void encodesAndDecodesTheWireExamples(String name, String hex, FrameHeader header) {
    byte[] bytes = hex(hex);
    assertThat(header.encode()).isEqualTo(bytes);
    assertThat(FrameHeader.decode(ByteBuffer.wrap(bytes))).isEqualTo(header);
  }

  @Test
  void aDataFrameCarriesItsPayloadAfterTheHeader() {
    byte[] frame = FrameHeader.of(FrameHeader.DATA, 0, 1, 2).encodeWith("xhiy".getBytes(), 1, 2);
    assertThat(frame).isEqualTo(hex("00 00 0000 00000001 00000002 6869"));
  }

  @Test
  void theReaderHandsOnAPayloadInThePiecesThatArrived() {
    FrameReader reader = new FrameReader();
    ByteBuffer first = ByteBuffer.wrap(hex("00 00 0004 00000003 00000005 6162"));
    assertThat(reader.decode(first))
        .isEqualTo(FrameHeader.of(FrameHeader.DATA, FrameHeader.FIN, 3, 5));
    BodyChunk chunk = (BodyChunk) reader.decode(first);
    assertThat(chunk.bytes()).isEqualTo("ab".getBytes());
    assertThat(chunk.last()).isFalse();
    assertThat(reader.decode(first)).isNull();

    ByteBuffer second = ByteBuffer.wrap(hex("636465 00 02 0001 00000000 00000007"));
    BodyChunk rest = (BodyChunk) reader.decode(second);
    assertThat(rest.bytes()).isEqualTo("cde".getBytes());
    assertThat(rest.last()).isTrue();
    assertThat(reader.decode(second))
        .isEqualTo(FrameHeader.of(FrameHeader.PING, FrameHeader.SYN, 0, 7));
  }

  @Test
  void theReaderWaitsForAWholeHeader() {
    ByteBuffer partial = ByteBuffer.wrap(hex("00 01 0001 000000"));
    assertThat(new FrameReader().decode(partial)).isNull();
    assertThat(partial.position()).isZero();
  }

  static byte[] hex(String spaced) {
    return HexFormat.of().parseHex(spaced.replace(" ", ""));
  }
}

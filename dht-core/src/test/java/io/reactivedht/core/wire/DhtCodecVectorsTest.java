package io.reactivedht.core.wire;

import static io.reactivedht.core.testing.Vectors.hex;
import static io.reactivedht.core.wire.WireVectors.isResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactivedht.core.testing.Vectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of vectors/dht-messages.json: cases, decodeOnly and invalid. */
class DhtCodecVectorsTest {
  private static final String CONNECTION_TYPES = "find-node-response-connection-types";

  static Stream<Arguments> cases() {
    return WireVectors.named("cases");
  }

  /**
   * The cases js wrote without informational fields, which our encoder must reproduce byte for
   * byte.
   */
  static Stream<Arguments> jsEncodedCases() {
    return WireVectors.named("cases").filter(a -> !a.get()[0].equals(CONNECTION_TYPES));
  }

  static Stream<Arguments> decodeOnly() {
    return WireVectors.named("decodeOnly");
  }

  static Stream<Arguments> invalid() {
    return WireVectors.named("invalid");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsEncodedCases")
  void encodesExactlyAsJs(String name, JsonNode c) {
    JsonNode view = c.get("message");
    byte[] bytes =
        isResponse(c)
            ? DhtCodec.encodeResponse(
                WireVectors.response(view), WireVectors.requestAnsweredBy(view))
            : DhtCodec.encodeRequest(WireVectors.request(view));

    assertThat(hex(bytes)).isEqualTo(c.get("bytes").asText());
    assertThat(bytes).hasSize(c.get("length").asInt());
    assertThat(hex(MessageFraming.DEFAULT.frame(bytes))).isEqualTo(c.get("framed").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decodesToTheSameFields(String name, JsonNode c) {
    JsonNode view = c.get("message");
    byte[] bytes = hex(c.get("bytes"));
    WireVectors.assertFieldView(DhtCodec.parse(bytes), view);

    if (isResponse(c)) {
      assertThat(DhtCodec.decodeResponse(bytes, WireVectors.requestAnsweredBy(view)))
          .isEqualTo(WireVectors.response(view));
    } else {
      assertThat(DhtCodec.decodeRequest(bytes)).isEqualTo(WireVectors.request(view));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void framedBytesYieldTheMessage(String name, JsonNode c) {
    byte[] framed = hex(c.get("framed"));
    MessageFraming.Frame frame = MessageFraming.DEFAULT.next(framed, 0, framed.length);
    assertThat(frame).isNotNull();
    assertThat(hex(frame.message())).isEqualTo(c.get("bytes").asText());
    assertThat(frame.frameLength()).isEqualTo(framed.length);
  }

  /**
   * js wrote clusterLevelRaw and every connection type here; we write neither (both are
   * informational), so our bytes are js's without them: the find-node-response bytes (same first
   * three peers) plus the fourth peer entry, {@code 42 32 0a26 <id> 1208 <addr>}.
   */
  @Test
  void informationalFieldsAreReadButNotWritten() {
    JsonNode c = caseNamed("cases", CONNECTION_TYPES);
    JsonNode view = c.get("message");
    JsonNode fourth = view.get("closerPeers").get(3);
    String expected =
        caseNamed("cases", "find-node-response").get("bytes").asText()
            + "42320a26"
            + fourth.get("id").asText()
            + "1208"
            + fourth.get("addrs").get(0).asText();

    byte[] bytes =
        DhtCodec.encodeResponse(WireVectors.response(view), WireVectors.requestAnsweredBy(view));

    assertThat(hex(bytes)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decodeOnly")
  void decodesWhatOtherEncodersWrite(String name, JsonNode c) {
    JsonNode view = c.get("jsDecoded");
    byte[] bytes = hex(c.get("bytes"));
    WireVectors.assertFieldView(DhtCodec.parse(bytes), view);

    boolean response = view.has("record") || view.get("closerPeers").size() > 0;
    if (response) {
      assertThat(DhtCodec.decodeResponse(bytes, WireVectors.requestAnsweredBy(view)))
          .isEqualTo(WireVectors.response(view));
    } else if (view.get("type").asText().equals("PUT_VALUE")) {
      // Read as PUT_VALUE (explicit or absent type 0), but a PUT_VALUE without a record is refused,
      // as go does.
      assertThatThrownBy(() -> DhtCodec.decodeRequest(bytes))
          .isInstanceOf(MalformedMessageException.class)
          .hasMessage("PUT_VALUE request: no record");
    } else {
      assertThat(DhtCodec.decodeRequest(bytes)).isEqualTo(WireVectors.request(view));
    }
  }

  /**
   * go writes clusterLevelRaw and connection = CONNECTED; we read it as js does and write it as js
   * writes it.
   */
  @Test
  void goStyleResponseDecodesLikeTheJsOne() {
    JsonNode go = caseNamed("decodeOnly", "go-style-find-node-response");
    DhtRequest request = new DhtRequest.FindNode(hex("68656c6c6f"));
    DhtResponse decoded = DhtCodec.decodeResponse(hex(go.get("bytes")), request);
    assertThat(decoded).isEqualTo(WireVectors.response(go.get("jsDecoded")));
    // the same peer as js writes it: 0804 42 <len> <entry without 1801>
    assertThat(hex(DhtCodec.encodeResponse(decoded, request)))
        .isEqualTo("0804" + "4248" + go.get("bytes").asText().substring(12, 12 + 2 * 0x48));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejectsMalformedMessages(String name, JsonNode c) {
    byte[] bytes = hex(c.get("bytes"));
    assertThatThrownBy(() -> DhtCodec.decodeRequest(bytes))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageStartingWith("dht message: malformed protobuf");
    assertThatThrownBy(
            () -> DhtCodec.decodeResponse(bytes, new DhtRequest.FindNode(hex("68656c6c6f"))))
        .isInstanceOf(MalformedMessageException.class);
  }

  private static JsonNode caseNamed(String member, String name) {
    return Vectors.cases(WireVectors.FILE, member).stream()
        .filter(c -> c.get("name").asText().equals(name))
        .findFirst()
        .orElseThrow();
  }
}

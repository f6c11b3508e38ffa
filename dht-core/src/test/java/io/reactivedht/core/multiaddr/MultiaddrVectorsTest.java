package io.reactivedht.core.multiaddr;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.testing.Vectors;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of vectors/multiaddrs.json. */
class MultiaddrVectorsTest {
  static Stream<Arguments> cases() {
    return Vectors.cases("multiaddrs.json", "cases").stream()
        .map(c -> Arguments.of(c.get("input").asText(), c));
  }

  static Stream<Arguments> invalid() {
    return Vectors.cases("multiaddrs.json", "invalid").stream()
        .map(c -> Arguments.of(c.get("input").asText(), c.get("reason").asText()));
  }

  static Stream<Arguments> invalidBytes() {
    return Vectors.cases("multiaddrs.json", "invalidBytes").stream()
        .map(c -> Arguments.of(c.get("bytes").asText(), c.get("reason").asText()));
  }

  /** Inputs js accepts although a strict decoder should reject them; we reject every one. */
  static Stream<Arguments> lenient() {
    return Vectors.cases("multiaddrs.json", "lenient").stream()
        .map(
            c ->
                Arguments.of(
                    c.has("input")
                        ? "text '" + c.get("input").asText() + "'"
                        : "bytes " + c.get("bytes").asText(),
                    c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parsesEncodesAndPrints(String input, JsonNode c) {
    Multiaddr parsed = Multiaddr.parse(input);
    assertThat(Vectors.hex(parsed.bytes())).isEqualTo(c.get("bytes").asText());
    Multiaddr decoded = Multiaddr.fromBytes(hex(c.get("bytes").asText()));
    assertThat(decoded).isEqualTo(parsed);
    assertThat(decoded.toString()).isEqualTo(c.get("canonical").asText());
    assertThat(Multiaddr.parse(decoded.toString())).isEqualTo(decoded);
    List<Component> components = decoded.components();
    assertThat(components).hasSize(c.get("components").size());
    for (int i = 0; i < components.size(); i++) {
      JsonNode expected = c.get("components").get(i);
      assertThat(components.get(i).protocol().code()).isEqualTo(expected.get("code").asLong());
      assertThat(components.get(i).protocol().protocolName())
          .isEqualTo(expected.get("name").asText());
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("invalid")
  void rejectsInvalidText(String input, String reason) {
    assertThatThrownBy(() -> Multiaddr.parse(input)).isInstanceOf(DecodingException.class);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("invalidBytes")
  void rejectsInvalidBytes(String bytes, String reason) {
    assertThatThrownBy(() -> Multiaddr.fromBytes(hex(bytes))).isInstanceOf(DecodingException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lenient")
  void rejectsWhatJsAcceptsLeniently(String name, JsonNode c) {
    if (c.has("input")) {
      assertThatThrownBy(() -> Multiaddr.parse(c.get("input").asText()))
          .isInstanceOf(DecodingException.class);
    } else {
      assertThatThrownBy(() -> Multiaddr.fromBytes(hex(c.get("bytes").asText())))
          .isInstanceOf(DecodingException.class);
    }
  }
}

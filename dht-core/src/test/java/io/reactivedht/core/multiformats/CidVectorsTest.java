package io.reactivedht.core.multiformats;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactivedht.core.testing.Vectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of vectors/cids.json. Two js-only fields are not asserted: {@code
 * jsParsesWithoutExplicitDecoder} (js {@code CID.parse} needs an explicit decoder for bases other
 * than base32/base36/base58btc; the cid spec lets a CID be written in any multibase, so we parse
 * them all) and {@code jsKadDhtAcceptsAsProviderKey} (js servers only serve 34-byte sha2-256
 * provider keys; that is server policy, not CID decoding).
 */
class CidVectorsTest {
  static Stream<Arguments> cases() {
    return Vectors.cases("cids.json", "cases").stream()
        .map(c -> Arguments.of(c.get("string").asText() + " (" + c.get("note").asText() + ")", c));
  }

  static Stream<Arguments> invalid() {
    return Vectors.cases("cids.json", "invalid").stream()
        .map(c -> Arguments.of(c.get("string").asText(), c.get("reason").asText()));
  }

  static Stream<Arguments> invalidBytes() {
    return Vectors.cases("cids.json", "invalidBytes").stream()
        .map(c -> Arguments.of(c.get("bytes").asText(), c.get("reason").asText()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parsesTheTextForm(String name, JsonNode c) {
    Cid cid = Cid.parse(c.get("string").asText());

    assertThat(hex(cid.bytes())).isEqualTo(c.get("bytes").asText());
    assertThat(cid.version()).isEqualTo(c.get("version").asInt());
    assertThat(cid.codec()).isEqualTo(c.get("codec").asLong());
    assertThat(hex(cid.multihash().bytes())).isEqualTo(c.get("multihash").asText());
    assertThat(cid.multihash().code()).isEqualTo(c.get("multihashCode").asLong());
    assertThat(cid.multihash().digest()).hasSize(c.get("digestLength").asInt());
    assertThat(hex(cid.multihash().digest())).isEqualTo(c.get("digest").asText());
    assertThat(hex(cid.providerKey())).isEqualTo(c.get("providerKey").asText());
    assertThat(cid.key().toString()).isEqualTo(c.get("kademliaId").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decodesTheBinaryFormToTheSameCid(String name, JsonNode c) {
    Cid cid = Cid.fromBytes(hex(c.get("bytes").asText()));

    assertThat(cid).isEqualTo(Cid.parse(c.get("string").asText()));
    assertThat(cid.version()).isEqualTo(c.get("version").asInt());
    assertThat(cid.codec()).isEqualTo(c.get("codec").asLong());
    assertThat(hex(cid.providerKey())).isEqualTo(c.get("providerKey").asText());
  }

  /** js prints v0 in base58btc and v1 in base32, which is also what the spec asks for. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void printsCanonicallyAndAsV1(String name, JsonNode c) {
    Cid cid = Cid.parse(c.get("string").asText());

    assertThat(cid.toString()).isEqualTo(c.get("jsToString").asText());
    assertThat(cid.toV1().toString()).isEqualTo(c.get("v1Base32").asText());
    assertThat(Cid.parse(cid.toString())).isEqualTo(cid);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void printsBackInTheBaseItWasWrittenIn(String name, JsonNode c) {
    String text = c.get("string").asText();
    Cid cid = Cid.parse(text);

    String again =
        cid.version() == 0 ? cid.toString() : cid.toString(Multibase.forPrefix(text.charAt(0)));
    assertThat(again).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("invalid")
  void rejectsInvalidText(String text, String reason) {
    assertThatThrownBy(() -> Cid.parse(text))
        .isInstanceOf(DecodingException.class)
        .hasMessageStartingWith("CID: ");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("invalidBytes")
  void rejectsInvalidBytes(String bytes, String reason) {
    assertThatThrownBy(() -> Cid.fromBytes(hex(bytes)))
        .isInstanceOf(DecodingException.class)
        .hasMessageStartingWith("CID: ");
  }
}

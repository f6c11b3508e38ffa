package io.reactivedht.core.peer;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.crypto.PublicKey;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.multiformats.Multibase;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.testing.Vectors;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every peer id of {@code peer-ids.json}: derivation from keys, text and binary forms, parsing,
 * rejection.
 */
class PeerIdVectorsTest {
  static List<Named<JsonNode>> cases() {
    return named("cases", c -> c.get("name").asText());
  }

  static List<Named<JsonNode>> parse() {
    return named("parse", c -> c.get("form").asText() + ": " + c.get("input").asText());
  }

  static List<Named<JsonNode>> invalid() {
    return named(
        "invalid", c -> c.get("reason").asText() + ": \"" + c.get("input").asText() + "\"");
  }

  static List<Named<JsonNode>> specKeyChecks() {
    return named("specKeyChecks", c -> c.get("keyType").asText());
  }

  private static List<Named<JsonNode>> named(String member, Function<JsonNode, String> name) {
    return Vectors.cases("peer-ids.json", member).stream()
        .map(c -> Named.of(name.apply(c), c))
        .toList();
  }

  /**
   * js derives ECDSA keys in a non-spec form; the case's peer id fields apply the spec rule to that
   * js form.
   */
  private static boolean isJsEcdsa(JsonNode c) {
    return c.get("keyType").asText().equals("ECDSA");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void peerIdOfTheKey(JsonNode c) {
    PublicKey key = PrivateKey.decode(hex(c.get("privateKeyProtobuf"))).publicKey();
    PeerId id = PeerId.fromPublicKey(key);

    if (isJsEcdsa(c)) {
      assertThat(id.toBase58()).isEqualTo(c.get("spkiPeerIdBase58").asText());
      assertThat(id.multihash().code()).isEqualTo(Multihash.SHA2_256);
    } else {
      assertThat(id.bytes()).isEqualTo(hex(c.get("peerIdMultihash")));
      assertThat(id.toBase58()).isEqualTo(c.get("peerIdBase58").asText());
    }
    assertThat(id.matches(key)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void multihashFollowsThe42ByteRule(JsonNode c) {
    byte[] keyProtobuf = hex(c.get("publicKeyProtobuf"));
    Multihash expected =
        keyProtobuf.length <= PeerId.MAX_INLINE_KEY_LENGTH
            ? Multihash.identity(keyProtobuf)
            : Multihash.sha256(keyProtobuf);
    PeerId id = PeerId.fromBytes(hex(c.get("peerIdMultihash")));

    assertThat(id.multihash()).isEqualTo(expected);
    assertThat(id.multihash().code())
        .isEqualTo(
            switch (c.get("peerIdMultihashType").asText()) {
              case "identity" -> (long) Multihash.IDENTITY;
              case "sha2-256" -> (long) Multihash.SHA2_256;
              default -> throw new AssertionError(c.get("peerIdMultihashType"));
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void textAndBinaryForms(JsonNode c) {
    PeerId id = PeerId.fromBytes(hex(c.get("peerIdMultihash")));

    assertThat(id.toBase58()).isEqualTo(c.get("peerIdBase58").asText());
    assertThat(id.toString()).isEqualTo(c.get("peerIdBase58").asText());
    assertThat(id.toCidString(Multibase.BASE32)).isEqualTo(c.get("peerIdCidBase32").asText());
    assertThat(id.toCidString(Multibase.BASE36)).isEqualTo(c.get("peerIdCidBase36").asText());
    assertThat(id.toCidBytes()).isEqualTo(hex(c.get("peerIdCidBytes")));
    assertThat(id.key().bytes()).isEqualTo(hex(c.get("kademliaId")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyTextFormParsesToTheSameId(JsonNode c) {
    PeerId id = PeerId.fromBytes(hex(c.get("peerIdMultihash")));

    assertThat(PeerId.parse(c.get("peerIdBase58").asText())).isEqualTo(id);
    assertThat(PeerId.parse(c.get("peerIdCidBase32").asText())).isEqualTo(id);
    assertThat(PeerId.parse(c.get("peerIdCidBase36").asText())).isEqualTo(id);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void inlinedKeyIsTheKey(JsonNode c) {
    PeerId id = PeerId.fromBytes(hex(c.get("peerIdMultihash")));

    if (c.get("peerIdMultihashType").asText().equals("identity")) {
      assertThat(id.inlinePublicKey()).hasValue(PublicKey.decode(hex(c.get("publicKeyProtobuf"))));
    } else {
      assertThat(id.inlinePublicKey()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parse")
  void parsesEveryFormTheSpecAllows(JsonNode c) {
    PeerId id = PeerId.parse(c.get("input").asText());

    assertThat(id.bytes()).isEqualTo(hex(c.get("peerIdMultihash")));
    assertThat(id.toBase58()).isEqualTo(c.get("peerIdBase58").asText());
    assertThat(id.key().bytes()).isEqualTo(hex(c.get("kademliaId")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejectsMalformedText(JsonNode c) {
    assertThatThrownBy(() -> PeerId.parse(c.get("input").asText()))
        .isInstanceOf(DecodingException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specKeyChecks")
  void peerIdOfTheSpecKeys(JsonNode c) {
    PeerId id = PeerId.fromPublicKey(PublicKey.decode(hex(c.get("specPublicKeyProtobuf"))));

    assertThat(id.bytes()).isEqualTo(hex(c.get("peerIdFromSpecPublicKey")));
    assertThat(id.toBase58()).isEqualTo(c.get("peerIdFromSpecPublicKeyBase58").asText());
    assertThat(
            PeerId.fromPublicKey(
                PrivateKey.decode(hex(c.get("specPrivateKeyProtobuf"))).publicKey()))
        .isEqualTo(id);
  }
}

package io.reactivedht.core.envelope;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.crypto.PublicKey;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.testing.Vectors;
import java.util.List;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case and tampered case of {@code envelopes.json} at the envelope level: {@link
 * SignedEnvelope} must agree with js's {@code openAndCertify}. What a receiver checks on top for a
 * peer record is in {@link PeerRecordVectorsTest}.
 */
class SignedEnvelopeVectorsTest {
  static List<Named<JsonNode>> cases() {
    return Vectors.cases("envelopes.json", "cases").stream()
        .map(c -> Named.of(c.get("name").asText(), c))
        .toList();
  }

  static List<Named<JsonNode>> tampered() {
    return Vectors.cases("envelopes.json", "tampered").stream()
        .map(c -> Named.of(c.get("name").asText() + ": " + c.get("description").asText(), c))
        .toList();
  }

  private static SignedEnvelope sealed(JsonNode c) {
    return SignedEnvelope.seal(
        PrivateKey.decode(hex(c.get("privateKeyProtobuf"))),
        c.get("domain").asText(),
        hex(c.get("payloadType")),
        hex(c.get("peerRecord")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void signedDataIsTheLengthPrefixedDomainTypeAndPayload(JsonNode c) {
    byte[] signedData =
        SignedEnvelope.signedData(
            c.get("domain").asText(), hex(c.get("payloadType")), hex(c.get("peerRecord")));

    assertThat(signedData).isEqualTo(hex(c.get("signedData")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sealingReproducesSignatureAndEnvelope(JsonNode c) {
    SignedEnvelope envelope = sealed(c);

    assertThat(envelope.signature()).isEqualTo(hex(c.get("signature")));
    assertThat(envelope.encode())
        .isEqualTo(hex(c.get("envelope")))
        .hasSize(c.get("envelopeLength").asInt());
    assertThat(envelope.publicKey().encoded()).isEqualTo(hex(c.get("publicKeyProtobuf")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void openingGivesBackWhatWasSealed(JsonNode c) {
    SignedEnvelope opened = SignedEnvelope.open(hex(c.get("envelope")), c.get("domain").asText());

    assertThat(opened).isEqualTo(sealed(c));
    assertThat(opened.publicKey()).isEqualTo(PublicKey.decode(hex(c.get("publicKeyProtobuf"))));
    assertThat(opened.payloadType()).isEqualTo(hex(c.get("payloadType")));
    assertThat(opened.payload()).isEqualTo(hex(c.get("peerRecord")));
    assertThat(opened.signature()).isEqualTo(hex(c.get("signature")));
    assertThat(opened.encode()).isEqualTo(hex(c.get("envelope")));
    assertThat(opened.signer().toBase58())
        .isEqualTo(c.get("peerRecordDecoded").get("peerId").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tampered")
  void envelopeLevelAgreesWithJs(JsonNode c) {
    byte[] bytes = hex(c.get("envelope"));
    String domain = domainOf(c);
    JsonNode js = c.get("openAndCertify");

    if (js.get("result").asText().equals("valid")) {
      assertThat(SignedEnvelope.open(bytes, domain).isValidFor(domain)).isTrue();
    } else if (js.get("error").get("name").asText().equals("InvalidSignatureError")) {
      assertThatThrownBy(() -> SignedEnvelope.open(bytes, domain))
          .isInstanceOf(InvalidEnvelopeException.class);
    } else {
      assertThatThrownBy(() -> SignedEnvelope.open(bytes, domain))
          .isInstanceOf(DecodingException.class);
    }
  }

  /**
   * The domain a tampered case is opened with: {@code libp2p-peer-record} unless the case names
   * another.
   */
  private static String domainOf(JsonNode c) {
    return c.has("domain") ? c.get("domain").asText() : PeerRecord.DOMAIN;
  }
}

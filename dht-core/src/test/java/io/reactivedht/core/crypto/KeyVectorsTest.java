package io.reactivedht.core.crypto;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.testing.Vectors;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The keys of {@code peer-ids.json}: decoding, derivation, signatures, protobuf round trips (spec
 * rules).
 */
class KeyVectorsTest {
  static List<Named<JsonNode>> cases() {
    return named(Vectors.cases("peer-ids.json", "cases"), c -> true);
  }

  static List<Named<JsonNode>> ed25519Cases() {
    return named(Vectors.cases("peer-ids.json", "cases"), c -> c.has("seed"));
  }

  static List<Named<JsonNode>> deterministicCases() {
    return named(
        Vectors.cases("peer-ids.json", "cases"), c -> c.get("signatureDeterministic").asBoolean());
  }

  static List<Named<JsonNode>> jsEcdsaCases() {
    return named(Vectors.cases("peer-ids.json", "cases"), KeyVectorsTest::isJsEcdsa);
  }

  static List<Named<JsonNode>> specKeyChecks() {
    return Vectors.cases("peer-ids.json", "specKeyChecks").stream()
        .map(c -> Named.of(c.get("keyType").asText(), c))
        .toList();
  }

  private static List<Named<JsonNode>> named(List<JsonNode> cases, Predicate<JsonNode> filter) {
    return cases.stream().filter(filter).map(c -> Named.of(c.get("name").asText(), c)).toList();
  }

  private static boolean isJsEcdsa(JsonNode c) {
    return c.get("keyType").asText().equals("ECDSA");
  }

  /**
   * The public key protobuf the spec derives: the case's own, or the SPKI form where js deviates.
   */
  private static byte[] specPublicKeyProtobuf(JsonNode c) {
    return hex(c.get(isJsEcdsa(c) ? "spkiPublicKeyProtobuf" : "publicKeyProtobuf"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void privateKeyDecodesWithItsTypeAndData(JsonNode c) {
    PrivateKey key = PrivateKey.decode(hex(c.get("privateKeyProtobuf")));

    assertThat(key.type().name()).isEqualToIgnoringCase(c.get("keyType").asText());
    assertThat(key.raw()).isEqualTo(hex(c.get("privateKeyData")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void privateKeyProtobufRoundTrips(JsonNode c) {
    byte[] protobuf = hex(c.get("privateKeyProtobuf"));

    assertThat(PrivateKey.decode(protobuf).encoded()).isEqualTo(protobuf);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ed25519Cases")
  void ed25519KeysComeFromTheirSeed(JsonNode c) {
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(hex(c.get("seed")));

    assertThat(key.encoded()).isEqualTo(hex(c.get("privateKeyProtobuf")));
    assertThat(key.publicKey().raw()).isEqualTo(hex(c.get("publicKeyData")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void derivedPublicKeyIsTheSpecEncoding(JsonNode c) {
    PublicKey derived = PrivateKey.decode(hex(c.get("privateKeyProtobuf"))).publicKey();

    assertThat(derived.encoded()).isEqualTo(specPublicKeyProtobuf(c));
    if (!isJsEcdsa(c)) {
      assertThat(derived.raw()).isEqualTo(hex(c.get("publicKeyData")));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void publicKeyProtobufDecodesToTheSameKey(JsonNode c) {
    byte[] protobuf = specPublicKeyProtobuf(c);
    PublicKey decoded = PublicKey.decode(protobuf);

    assertThat(decoded.encoded()).isEqualTo(protobuf);
    assertThat(decoded).isEqualTo(PrivateKey.decode(hex(c.get("privateKeyProtobuf"))).publicKey());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsEcdsaCases")
  void jsEcdsaPublicKeyEncodingIsRejected(JsonNode c) {

    assertThatThrownBy(() -> PublicKey.decode(hex(c.get("publicKeyProtobuf"))))
        .isInstanceOf(DecodingException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void signatureVerifiesAsRecorded(JsonNode c) {
    PublicKey key = PublicKey.decode(specPublicKeyProtobuf(c));
    byte[] message = hex(c.get("message"));

    assertThat(key.verify(message, specSignature(c, "signature")))
        .isEqualTo(c.get("signatureVerifies").asBoolean());
    assertThat(key.verify(message, specSignature(c, "signatureLastByteFlipped")))
        .isEqualTo(c.get("signatureLastByteFlippedVerifies").asBoolean());
    assertThat(key.verify(otherMessage(message), specSignature(c, "signature")))
        .isEqualTo(c.get("signatureOverOtherMessageVerifies").asBoolean());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deterministicCases")
  void deterministicSignaturesAreReproduced(JsonNode c) {
    PrivateKey key = PrivateKey.decode(hex(c.get("privateKeyProtobuf")));

    assertThat(key.sign(hex(c.get("message")))).isEqualTo(hex(c.get("signature")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ownSignaturesVerify(JsonNode c) {
    PrivateKey key = PrivateKey.decode(hex(c.get("privateKeyProtobuf")));
    byte[] message = hex(c.get("message"));
    byte[] signature = key.sign(message);

    assertThat(key.publicKey().verify(message, signature)).isTrue();
    assertThat(key.publicKey().verify(otherMessage(message), signature)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsEcdsaCases")
  void jsRawEcdsaSignatureIsNotAcceptedAsIs(JsonNode c) {
    PublicKey key = PublicKey.decode(specPublicKeyProtobuf(c));

    assertThat(key.verify(hex(c.get("message")), hex(c.get("signature")))).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specKeyChecks")
  void specKeyVectors(JsonNode c) {
    PrivateKey key = PrivateKey.decode(hex(c.get("specPrivateKeyProtobuf")));
    byte[] specPublic = hex(c.get("specPublicKeyProtobuf"));

    assertThat(key.encoded()).isEqualTo(hex(c.get("specPrivateKeyProtobuf")));
    assertThat(key.publicKey().encoded()).isEqualTo(specPublic);
    assertThat(PublicKey.decode(specPublic)).isEqualTo(key.publicKey());
    byte[] message = "spec key check".getBytes(StandardCharsets.UTF_8);
    assertThat(PublicKey.decode(specPublic).verify(message, key.sign(message))).isTrue();
  }

  /**
   * The signature as the spec would carry it: js signs ECDSA as raw {@code r||s} (IEEE P1363), the
   * spec and go use DER, so for the js ECDSA case the same (r, s) is re-encoded as DER.
   */
  private static byte[] specSignature(JsonNode c, String field) {
    byte[] signature = hex(c.get(field));
    if (!isJsEcdsa(c)) {
      return signature;
    }
    int half = signature.length / 2;
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, half));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, half, signature.length));
    return Der.encode(new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}));
  }

  private static byte[] otherMessage(byte[] message) {
    byte[] other = message.clone();
    other[other.length - 1] ^= 0x01;
    return other;
  }
}

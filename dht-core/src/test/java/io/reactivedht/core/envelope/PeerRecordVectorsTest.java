package io.reactivedht.core.envelope;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * WIRE.md §15.7 byte for byte, and every case and tampered case of {@code envelopes.json} through
 * {@link PeerRecord}: what js sealed opens to the fields js decoded, re-sealing gives js's
 * envelope, and every tampered envelope is rejected, including the two that js's {@code
 * openAndCertify} accepts.
 */
class PeerRecordVectorsTest {
  // WIRE.md §15.7, spelled out piece by piece as the section lays it out
  private static final PrivateKey SPEC_KEY =
      Ed25519PrivateKey.fromSeed(
          hex("7e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"));
  private static final String SPEC_PUBLIC_KEY =
      "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
  private static final String SPEC_PEER_ID = "0024" + SPEC_PUBLIC_KEY;
  private static final String SPEC_RECORD =
      "0a26"
          + SPEC_PEER_ID
          + "10"
          + "80d095ffbc31"
          + "1a0a"
          + "0a08"
          + "047f000001060fa1"
          + "1a16"
          + "0a14"
          + "29"
          + "00000000000000000000000000000001"
          + "060fa1";
  private static final String SPEC_SIGNATURE =
      "de83a8eeb897aabde52b476c4828ebb67ea6b286f0595e6b9572c84e458c266a"
          + "1e187c68931a9cba2d2185bf25a3ba61e390d99f1107be2e7e9be67974747402";
  private static final String SPEC_ENVELOPE =
      "0a24" + SPEC_PUBLIC_KEY + "1202" + "0301" + "1a53" + SPEC_RECORD + "2a40" + SPEC_SIGNATURE;

  private static PeerRecord specRecord() {
    return new PeerRecord(
        PeerId.fromPublicKey(SPEC_KEY.publicKey()),
        1_700_000_000_000L,
        List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"), Multiaddr.parse("/ip6/::1/tcp/4001")));
  }

  @Test
  void wireMdSection15_7ByteForByte() {
    PeerRecord record = specRecord();
    byte[] encoded = record.encode();
    SignedEnvelope envelope = record.seal(SPEC_KEY);

    assertThat(hex(encoded)).isEqualTo(SPEC_RECORD);
    assertThat(encoded).hasSize(83);
    assertThat(hex(SignedEnvelope.signedData(PeerRecord.DOMAIN, PeerRecord.payloadType(), encoded)))
        .isEqualTo(
            "12"
                + hex("libp2p-peer-record".getBytes(StandardCharsets.US_ASCII))
                + "02"
                + "0301"
                + "53"
                + SPEC_RECORD);
    assertThat(hex(envelope.encode())).isEqualTo(SPEC_ENVELOPE);
    assertThat(envelope.encode()).hasSize(193);
    assertThat(PeerRecord.open(hex(SPEC_ENVELOPE))).isEqualTo(record);
  }

  static List<Named<JsonNode>> wireMdChecks() {
    return Vectors.cases("envelopes.json", "wireMdChecks").stream()
        .map(c -> Named.of(c.get("section").asText() + " " + c.get("item").asText(), c))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wireMdChecks")
  void wireMdChecksHoldForOurEncoding(JsonNode c) {
    assertThat(c.get("agrees").asBoolean()).as("js agreed with WIRE.md").isTrue();
    byte[] record = specRecord().encode();
    byte[] envelope = specRecord().seal(SPEC_KEY).encode();
    String ours =
        switch (c.get("item").asText()) {
          case "PeerRecord" -> hex(record);
          case "PeerRecord length" -> String.valueOf(record.length);
          case "signed buffer prefix (12 \"libp2p-peer-record\" 02 0301 53)" ->
              hex(SignedEnvelope.signedData(PeerRecord.DOMAIN, PeerRecord.payloadType(), record))
                  .substring(0, 46);
          case "signature" -> hex(SignedEnvelope.decode(envelope).signature());
          case "Envelope" -> hex(envelope);
          case "Envelope length" -> String.valueOf(envelope.length);
          case "payload type" -> hex(PeerRecord.payloadType());
          default -> throw new AssertionError("unknown WIRE.md check " + c.get("item"));
        };

    assertThat(ours).isEqualTo(c.get("expected").asText());
  }

  static List<Named<JsonNode>> cases() {
    return SignedEnvelopeVectorsTest.cases();
  }

  static List<Named<JsonNode>> tampered() {
    return SignedEnvelopeVectorsTest.tampered();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void opensToTheFieldsJsDecoded(JsonNode c) {
    assertThat(c.get("openAndCertify").get("result").asText()).isEqualTo("valid");
    JsonNode expected = c.get("peerRecordDecoded");

    PeerRecord record = PeerRecord.open(hex(c.get("envelope")));

    assertThat(record.peerId().toBase58()).isEqualTo(expected.get("peerId").asText());
    assertThat(record.peerId().bytes()).isEqualTo(hex(expected.get("peerIdBytes")));
    assertThat(Long.toUnsignedString(record.seq())).isEqualTo(expected.get("seq").asText());
    assertThat(record.addresses())
        .extracting(a -> hex(a.bytes()))
        .containsExactlyElementsOf(expected.get("addresses").findValuesAsText("bytes"));
    assertThat(record.addresses())
        .extracting(Multiaddr::toString)
        .containsExactlyElementsOf(expected.get("addresses").findValuesAsText("text"));
    assertThat(record.encode()).isEqualTo(hex(c.get("peerRecord")));
    assertThat(PeerRecord.fromEnvelope(SignedEnvelope.decode(hex(c.get("envelope")))))
        .isEqualTo(record);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resealingTheDecodedFieldsReproducesTheEnvelope(JsonNode c) {
    // every key type in the file signs deterministically: Ed25519, RSA PKCS#1 v1.5, secp256k1 with
    // RFC 6979
    JsonNode fields = c.get("peerRecordDecoded");
    List<Multiaddr> addresses = new ArrayList<>();
    fields
        .get("addresses")
        .findValuesAsText("text")
        .forEach(text -> addresses.add(Multiaddr.parse(text)));
    PeerRecord record =
        new PeerRecord(
            PeerId.parse(fields.get("peerId").asText()),
            Long.parseUnsignedLong(fields.get("seq").asText()),
            addresses);

    SignedEnvelope envelope = record.seal(PrivateKey.decode(hex(c.get("privateKeyProtobuf"))));

    assertThat(record.encode()).isEqualTo(hex(c.get("peerRecord")));
    assertThat(envelope.encode()).isEqualTo(hex(c.get("envelope")));
    assertThat(envelope.signature()).isEqualTo(hex(c.get("signature")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tampered")
  void everyTamperedEnvelopeIsRejected(JsonNode c) {
    String name = c.get("name").asText();
    // wrong-domain leaves the envelope untouched and opens it with another domain. PeerRecord
    // always opens with its
    // own, so the same tamper here is the same record signed for that other domain.
    byte[] envelope =
        c.has("domain")
            ? SignedEnvelope.seal(
                    SPEC_KEY, c.get("domain").asText(), PeerRecord.payloadType(), hex(SPEC_RECORD))
                .encode()
            : hex(c.get("envelope"));
    String reason =
        switch (name) {
          case "flipped-signature-byte",
              "payload-changed",
              "payload-type-changed",
              "other-public-key",
              "signature-missing",
              "wrong-domain" ->
              "signature is not valid for domain \"libp2p-peer-record\"";
          // js accepts these two: the signature is fine, the peer record is not
          case "payload-type-varint-resigned" -> "payload type is 8106, not 0301";
          case "peer-id-mismatch" ->
              "is not the envelope signer 12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";
          case "truncated" -> "envelope: ";
          default -> throw new AssertionError("unexpected tampered case " + name);
        };

    assertThatThrownBy(() -> PeerRecord.open(envelope))
        .isInstanceOf(
            name.equals("truncated") ? DecodingException.class : InvalidEnvelopeException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void theWrongDomainCaseIsTheUntouchedSpecEnvelopeAndOpensAsAPeerRecord() {
    JsonNode wrongDomain =
        tampered().stream()
            .map(Named::getPayload)
            .filter(c -> c.get("name").asText().equals("wrong-domain"))
            .findFirst()
            .orElseThrow();

    assertThat(hex(wrongDomain.get("envelope"))).isEqualTo(hex(SPEC_ENVELOPE));
    assertThat(PeerRecord.open(hex(wrongDomain.get("envelope")))).isEqualTo(specRecord());
  }

  static List<Named<JsonNode>> peerIdMismatch() {
    return tampered().stream().filter(c -> c.getPayload().has("peerIdMatchesEnvelopeKey")).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("peerIdMismatch")
  void peerIdsAreWhatTheVectorSays(JsonNode c) {
    SignedEnvelope envelope = SignedEnvelope.open(hex(c.get("envelope")), PeerRecord.DOMAIN);
    PeerId recordPeer = PeerRecord.decode(envelope.payload()).peerId();

    assertThat(envelope.signer().toBase58()).isEqualTo(c.get("envelopeKeyPeerId").asText());
    assertThat(recordPeer.toBase58()).isEqualTo(c.get("peerRecordPeerId").asText());
    assertThat(recordPeer.matches(envelope.publicKey()))
        .isEqualTo(c.get("peerIdMatchesEnvelopeKey").asBoolean());
  }
}

package io.reactivedht.core.envelope;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.crypto.PublicKey;
import io.reactivedht.core.envelope.pb.PeerRecordProto;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.testing.Vectors;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case and tampered case of {@code envelopes.json}, at two levels: the envelope itself ({@link SignedEnvelope},
 * which must agree with js's {@code openAndCertify}), and the peer record checks a receiver adds on top (payload
 * type {@code 03 01}, record peer id = envelope key), which {@link #openPeerRecord} stands in for until the Java
 * PeerRecord type exists.
 */
class SignedEnvelopeVectorsTest {
  static final String PEER_RECORD_DOMAIN = "libp2p-peer-record";
  static final byte[] PEER_RECORD_PAYLOAD_TYPE = {0x03, 0x01};

  static List<Named<JsonNode>> cases() {
    return Vectors.cases("envelopes.json", "cases").stream().map(c -> Named.of(c.get("name").asText(), c)).toList();
  }

  static List<Named<JsonNode>> tampered() {
    return Vectors.cases("envelopes.json", "tampered").stream()
        .map(c -> Named.of(c.get("name").asText() + ": " + c.get("description").asText(), c))
        .toList();
  }

  private static SignedEnvelope sealed(JsonNode c) {
    return SignedEnvelope.seal(PrivateKey.decode(hex(c.get("privateKeyProtobuf"))), c.get("domain").asText(),
        hex(c.get("payloadType")), hex(c.get("peerRecord")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void signedDataIsTheLengthPrefixedDomainTypeAndPayload(JsonNode c) {
    byte[] signedData = SignedEnvelope.signedData(c.get("domain").asText(), hex(c.get("payloadType")),
        hex(c.get("peerRecord")));

    assertThat(signedData).isEqualTo(hex(c.get("signedData")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sealingReproducesSignatureAndEnvelope(JsonNode c) {
    SignedEnvelope envelope = sealed(c);

    assertThat(envelope.signature()).isEqualTo(hex(c.get("signature")));
    assertThat(envelope.encode()).isEqualTo(hex(c.get("envelope"))).hasSize(c.get("envelopeLength").asInt());
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
    assertThat(opened.signer().toBase58()).isEqualTo(c.get("peerRecordDecoded").get("peerId").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void peerRecordIsCertified(JsonNode c) {
    assertThat(c.get("openAndCertify").get("result").asText()).isEqualTo("valid");
    PeerRecordProto.PeerRecord record = openPeerRecord(hex(c.get("envelope")), c.get("domain").asText());
    JsonNode expected = c.get("peerRecordDecoded");

    assertThat(record.getPeerId().toByteArray()).isEqualTo(hex(expected.get("peerIdBytes")));
    assertThat(Long.toUnsignedString(record.getSeq())).isEqualTo(expected.get("seq").asText());
    assertThat(record.getAddressesList()).extracting(a -> Vectors.hex(a.getMultiaddr().toByteArray()))
        .containsExactlyElementsOf(expected.get("addresses").findValuesAsText("bytes"));
    assertThat(record.toByteArray()).isEqualTo(hex(c.get("peerRecord")));
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
      assertThatThrownBy(() -> SignedEnvelope.open(bytes, domain)).isInstanceOf(InvalidEnvelopeException.class);
    } else {
      assertThatThrownBy(() -> SignedEnvelope.open(bytes, domain)).isInstanceOf(DecodingException.class);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tampered")
  void receiverRejectsEveryTamperedPeerRecord(JsonNode c) {
    byte[] bytes = hex(c.get("envelope"));

    assertThatThrownBy(() -> openPeerRecord(bytes, domainOf(c))).isInstanceOf(DecodingException.class);
  }

  static List<Named<JsonNode>> acceptedByJs() {
    return tampered().stream()
        .filter(c -> c.getPayload().get("openAndCertify").get("result").asText().equals("valid"))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedByJs")
  void whatJsAcceptsFailsAtThePeerRecordLevel(JsonNode c) {
    String reason = switch (c.get("name").asText()) {
      case "payload-type-varint-resigned" -> "payload type is not 03 01";
      case "peer-id-mismatch" -> "peer id is not the envelope signer's";
      default -> throw new AssertionError("unexpected js-valid tampered case " + c.get("name"));
    };

    assertThatThrownBy(() -> openPeerRecord(hex(c.get("envelope")), domainOf(c))).hasMessageContaining(reason);
  }

  static List<Named<JsonNode>> peerIdMismatch() {
    return tampered().stream().filter(c -> c.getPayload().has("peerIdMatchesEnvelopeKey")).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("peerIdMismatch")
  void peerIdsAreWhatTheVectorSays(JsonNode c) {
    SignedEnvelope envelope = SignedEnvelope.open(hex(c.get("envelope")), PEER_RECORD_DOMAIN);
    PeerId recordPeer = PeerId.fromBytes(parse(envelope.payload()).getPeerId().toByteArray());

    assertThat(envelope.signer().toBase58()).isEqualTo(c.get("envelopeKeyPeerId").asText());
    assertThat(recordPeer.toBase58()).isEqualTo(c.get("peerRecordPeerId").asText());
    assertThat(recordPeer.matches(envelope.publicKey())).isEqualTo(c.get("peerIdMatchesEnvelopeKey").asBoolean());
  }

  /** The domain a tampered case is opened with: {@code libp2p-peer-record} unless the case names another. */
  private static String domainOf(JsonNode c) {
    return c.has("domain") ? c.get("domain").asText() : PEER_RECORD_DOMAIN;
  }

  /**
   * What a receiver of a signed peer record checks (RFC 0003, WIRE.md §12): the envelope opens for the domain it
   * expects ({@code libp2p-peer-record}), its payload type is the raw {@code 03 01}, the payload is a PeerRecord, and
   * the record's peer id is the envelope key's. (Comparing it with the connection's remote peer is the caller's part.)
   */
  static PeerRecordProto.PeerRecord openPeerRecord(byte[] bytes, String expectedDomain) {
    SignedEnvelope envelope = SignedEnvelope.open(bytes, expectedDomain);
    if (!Arrays.equals(envelope.payloadType(), PEER_RECORD_PAYLOAD_TYPE)) {
      throw new DecodingException("peer record: payload type is not 03 01");
    }
    PeerRecordProto.PeerRecord record = parse(envelope.payload());
    if (!PeerId.fromBytes(record.getPeerId().toByteArray()).matches(envelope.publicKey())) {
      throw new DecodingException("peer record: peer id is not the envelope signer's");
    }
    return record;
  }

  private static PeerRecordProto.PeerRecord parse(byte[] payload) {
    try {
      return PeerRecordProto.PeerRecord.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new DecodingException("peer record: " + e.getMessage(), e);
    }
  }
}

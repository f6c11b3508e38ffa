package io.reactivedht.core.ipns;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.ipns.pb.IpnsProto.IpnsEntry;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Creation, encoding and decoding against vectors/ipns.json (npm ipns 10.1.6) and WIRE.md §15.6.
 */
class IpnsRecordVectorsTest {
  static Stream<Named<JsonNode>> cases() {
    return Vectors.cases("ipns.json", "cases").stream()
        .map(c -> Named.of(c.get("name").asText(), c));
  }

  /**
   * Ed25519, RSA and secp256k1 signatures are deterministic, so every case is reproduced byte for
   * byte.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void createReproducesTheVector(JsonNode c) {
    JsonNode input = c.get("input");
    PrivateKey key = PrivateKey.decode(hex(c.get("privateKeyProtobuf")));

    IpnsRecord record =
        IpnsRecord.create(
            key,
            input.get("value").asText().getBytes(StandardCharsets.UTF_8),
            Long.parseUnsignedLong(input.get("sequence").asText()),
            Instant.parse(input.get("validity").asText()),
            unsignedNanos(input.get("ttlNs").asText()),
            input.get("v1Compatible").asBoolean());

    assertThat(hex(record.data())).isEqualTo(c.get("data").asText());
    assertThat(hex(record.signatureV2Payload())).isEqualTo(c.get("signatureV2Input").asText());
    assertThat(hex(record.signatureV2())).isEqualTo(c.get("fields").get("signatureV2").asText());
    assertThat(record.signatureV1().map(Vectors::hex).orElse(null))
        .isEqualTo(c.get("fields").get("signatureV1").textValue());
    assertThat(hex(record.encode())).isEqualTo(c.get("record").asText());
    assertThat(record.encodedSize()).isEqualTo(c.get("recordLength").asInt());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decodeReadsEveryFieldAndEncodesBackToTheSameBytes(JsonNode c) {
    byte[] bytes = hex(c.get("record"));
    JsonNode fields = c.get("fields");
    JsonNode data = c.get("dataDecoded");

    IpnsRecord record = IpnsRecord.decode(bytes);

    assertThat(hex(record.value())).isEqualTo(data.get("ValueHex").asText());
    assertThat(record.path()).isEqualTo(data.get("Value").asText());
    assertThat(Long.toUnsignedString(record.sequence())).isEqualTo(data.get("Sequence").asText());
    assertThat(record.validity()).isEqualTo(Instant.parse(data.get("Validity").asText()));
    assertThat(record.validityType()).isEqualTo(data.get("ValidityType").asLong());
    assertThat(record.ttl()).isEqualTo(unsignedNanos(data.get("TTL").asText()));
    assertThat(hex(record.data())).isEqualTo(c.get("data").asText());
    assertThat(hex(record.signatureV2())).isEqualTo(fields.get("signatureV2").asText());
    assertThat(record.publicKey().map(Vectors::hex).orElse(null))
        .isEqualTo(fields.get("pubKey").textValue());
    assertThat(record.signatureV1().map(Vectors::hex).orElse(null))
        .isEqualTo(fields.get("signatureV1").textValue());
    assertThat(record.hasV1Fields()).isEqualTo(c.get("input").get("v1Compatible").asBoolean());
    assertThat(record.mismatchedV1Field()).isEmpty();
    assertThat(hex(record.encode())).isEqualTo(c.get("record").asText());
    assertThat(IpnsRecord.decode(record.encode())).isEqualTo(record).hasSameHashCodeAs(record);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void v1FieldsAndSignatureV1AreTheLegacyCopies(JsonNode c) throws Exception {
    IpnsEntry entry = IpnsEntry.parseFrom(hex(c.get("record")));
    JsonNode fields = c.get("fields");
    if (!c.get("input").get("v1Compatible").asBoolean()) {
      assertThat(
              entry.hasValue()
                  || entry.hasSignatureV1()
                  || entry.hasValidity()
                  || entry.hasValidityType()
                  || entry.hasSequence()
                  || entry.hasTtl())
          .isFalse();
      return;
    }
    assertThat(entry.getValue().toStringUtf8()).isEqualTo(fields.get("value").asText());
    assertThat(entry.getValidity().toStringUtf8()).isEqualTo(fields.get("validity").asText());
    assertThat(entry.getValidityType()).isEqualTo(fields.get("validityType").asLong());
    assertThat(Long.toUnsignedString(entry.getSequence()))
        .isEqualTo(fields.get("sequence").asText());
    assertThat(Long.toUnsignedString(entry.getTtl())).isEqualTo(fields.get("ttl").asText());
    // signatureV1 covers value || validity || "EOL", which the vector spells out.
    assertThat(hex(c.get("signatureV1Input")))
        .isEqualTo(
            concat(
                entry.getValue().toByteArray(),
                entry.getValidity().toByteArray(),
                "EOL".getBytes()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void nameAndRoutingKey(JsonNode c) {
    IpnsName name = IpnsName.parse(c.get("ipnsNameBase36").asText());

    assertThat(name.peerId()).isEqualTo(PeerId.parse(c.get("peerIdBase58").asText()));
    assertThat(name).hasToString(c.get("ipnsNameBase36").asText());
    assertThat(hex(name.routingKey())).isEqualTo(c.get("routingKey").asText());
    assertThat(IpnsName.fromRoutingKey(hex(c.get("routingKey")))).isEqualTo(name);
  }

  /** WIRE.md §15.6, copied from the document rather than from the vector file. */
  @Test
  void wireDigestSection15_6ByteForByte() {
    Ed25519PrivateKey key =
        Ed25519PrivateKey.fromSeed(
            hex("7e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"));
    String data =
        "a5"
            + "6354544c"
            + "1b00000045d964b800"
            + "6556616c7565"
            + "5841"
            + "2f697066732f6261666b72656968666733643772646c7464343375337466766e6378376e356c6f716f6662736f626f6a636164"
            + "746d6f6b726c6a66746875633779"
            + "6853657175656e6365"
            + "01"
            + "6856616c6964697479"
            + "581e"
            + "323039392d30312d30315430303a30303a30302e3030303030303030305a"
            + "6c56616c69646974795479706500";
    String signatureV2 =
        "f154d39c64463f998aa61a7400f2af759a4c9073d4952cb56712502bea2dd1e1"
            + "675c4c38d80767a166f9520732aab98ae1167c55972ff3451f93f902be9b3c0c";

    IpnsRecord record =
        IpnsRecord.create(
            key,
            "/ipfs/bafkreihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc7y"
                .getBytes(StandardCharsets.UTF_8),
            1,
            Instant.parse("2099-01-01T00:00:00.000000000Z"),
            Duration.ofNanos(300_000_000_000L),
            false);

    assertThat(hex(new IpnsName(PeerId.fromPublicKey(key.publicKey())).routingKey()))
        .isEqualTo(
            "2f69706e732f"
                + "0024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e");
    assertThat(record.data()).hasSize(152);
    assertThat(hex(record.data())).isEqualTo(data);
    assertThat(hex(record.signatureV2Payload())).isEqualTo("69706e732d7369676e61747572653a" + data);
    assertThat(hex(record.signatureV2())).isEqualTo(signatureV2);
    assertThat(record.publicKey()).isEmpty();
    assertThat(record.encode()).hasSize(221);
    assertThat(hex(record.encode())).isEqualTo("4240" + signatureV2 + "4a9801" + data);
  }

  private static Duration unsignedNanos(String decimal) {
    long nanos = Long.parseUnsignedLong(decimal);
    return Duration.ofSeconds(
        Long.divideUnsigned(nanos, 1_000_000_000L), Long.remainderUnsigned(nanos, 1_000_000_000L));
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}

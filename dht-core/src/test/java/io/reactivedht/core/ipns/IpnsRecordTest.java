package io.reactivedht.core.ipns;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.KeyType;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.crypto.PublicKey;
import io.reactivedht.core.ipns.pb.IpnsProto.IpnsEntry;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IpnsRecordTest {
  private static final Ed25519PrivateKey KEY =
      Ed25519PrivateKey.fromSeed(
          hex("7e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"));
  private static final byte[] PATH = "/ipfs/bafkqaaa".getBytes(StandardCharsets.UTF_8);
  private static final Instant VALIDITY = Instant.parse("2099-01-01T00:00:00Z");
  private static final Duration TTL = Duration.ofMinutes(5);

  /**
   * A key whose protobuf is too long to inline, as an RSA key's is; it signs with the wrapped
   * Ed25519 key.
   */
  private static final class LongKey implements PrivateKey {
    private final PublicKey publicKey =
        new PublicKey() {
          @Override
          public KeyType type() {
            return KeyType.RSA;
          }

          @Override
          public byte[] raw() {
            byte[] raw = Arrays.copyOf(KEY.publicKey().raw(), 100);
            raw[99] = 1;
            return raw;
          }

          @Override
          public boolean verify(byte[] data, byte[] signature) {
            return KEY.publicKey().verify(data, signature);
          }
        };

    @Override
    public KeyType type() {
      return KeyType.RSA;
    }

    @Override
    public PublicKey publicKey() {
      return publicKey;
    }

    @Override
    public byte[] sign(byte[] data) {
      return KEY.sign(data);
    }

    @Override
    public byte[] raw() {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void embedsThePublicKeyOnlyWhenTheNameCannotInlineIt() {
    LongKey longKey = new LongKey();

    assertThat(IpnsRecord.create(KEY, PATH, 1, VALIDITY, TTL, false).publicKey()).isEmpty();
    assertThat(PeerId.fromPublicKey(longKey.publicKey()).inlinePublicKey()).isEmpty();
    assertThat(IpnsRecord.create(longKey, PATH, 1, VALIDITY, TTL, false).publicKey())
        .hasValueSatisfying(pubKey -> assertThat(pubKey).isEqualTo(longKey.publicKey().encoded()));
  }

  @Test
  void createChecksItsArguments() {
    assertThatThrownBy(() -> IpnsRecord.create(KEY, PATH, 1, VALIDITY, Duration.ofNanos(-1), false))
        .isInstanceOf(IllegalArgumentException.class);
    Duration tooLong = Duration.ofSeconds(Long.divideUnsigned(-1L, 1_000_000_000L), 709_551_616);
    assertThatThrownBy(() -> IpnsRecord.create(KEY, PATH, 1, VALIDITY, tooLong, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(IpnsRecord.create(KEY, PATH, 1, VALIDITY, tooLong.minusNanos(1), false).ttl())
        .isEqualTo(tooLong.minusNanos(1));
    assertThatThrownBy(
            () ->
                IpnsRecord.create(
                    KEY, PATH, 1, Instant.parse("+10000-01-01T00:00:00Z"), TTL, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                IpnsRecord.create(KEY, PATH, 1, Instant.parse("-0001-01-01T00:00:00Z"), TTL, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IpnsRecord.create(KEY, new byte[10240], 1, VALIDITY, TTL, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decodeBoundsTheSizeBeforeParsing() {
    byte[] garbage = new byte[IpnsRecord.MAX_SIZE + 1];
    Arrays.fill(garbage, (byte) 0xFF);

    assertThatThrownBy(() -> IpnsRecord.decode(garbage))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("10241 bytes exceeds 10240");
    assertThatThrownBy(() -> IpnsRecord.decode(Arrays.copyOf(garbage, 10240)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("not an IpnsEntry");
  }

  @Test
  void decodeNeedsSignatureV2DataAndAnRfc3339Validity() throws Exception {
    IpnsEntry entry =
        IpnsEntry.parseFrom(IpnsRecord.create(KEY, PATH, 1, VALIDITY, TTL, true).encode());
    IpnsData badValidity = new IpnsData(PATH, "tomorrow".getBytes(StandardCharsets.UTF_8), 0, 1, 0);

    assertThatThrownBy(
            () -> IpnsRecord.decode(entry.toBuilder().clearSignatureV2().build().toByteArray()))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("lacks signatureV2 or data");
    assertThatThrownBy(() -> IpnsRecord.decode(entry.toBuilder().clearData().build().toByteArray()))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("lacks signatureV2 or data");
    assertThatThrownBy(
            () ->
                IpnsRecord.fromEntry(
                    entry.toBuilder().setData(ByteString.copyFrom(badValidity.encode())).build()))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("rfc3339");
  }

  @Test
  void equalityFollowsTheEncodedFields() throws Exception {
    IpnsRecord record = IpnsRecord.create(KEY, PATH, 1, VALIDITY, TTL, true);
    IpnsEntry entry = IpnsEntry.parseFrom(record.encode());
    IpnsRecord otherSignatureV1 =
        IpnsRecord.fromEntry(
            entry.toBuilder().setSignatureV1(ByteString.copyFromUtf8("x")).build());

    assertThat(IpnsRecord.decode(record.encode())).isEqualTo(record).hasSameHashCodeAs(record);
    assertThat(otherSignatureV1).isNotEqualTo(record);
    assertThat(IpnsRecord.create(KEY, PATH, 2, VALIDITY, TTL, true)).isNotEqualTo(record);
    assertThat(record.toString())
        .contains(
            "path=/ipfs/bafkqaaa",
            "sequence=1",
            "validity=2099-01-01T00:00:00Z",
            "ttl=PT5M",
            "v1=true");
  }

  @Test
  void accessorsHandOutCopies() {
    IpnsRecord record = IpnsRecord.create(KEY, PATH, 1, VALIDITY, TTL, true);

    record.value()[0] = 'x';
    record.data()[0] = 0;
    record.signatureV2()[0] ^= 1;
    record.signatureV1().orElseThrow()[0] ^= 1;

    assertThat(record.path()).isEqualTo("/ipfs/bafkqaaa");
    assertThat(IpnsRecord.decode(record.encode()))
        .isEqualTo(IpnsRecord.create(KEY, PATH, 1, VALIDITY, TTL, true));
  }

  static Stream<Named<JsonNode>> wireMdChecks() {
    return Vectors.cases("ipns.json", "wireMdChecks").stream()
        .map(c -> Named.of(c.get("section").asText() + " " + c.get("item").asText(), c));
  }

  /**
   * Each WIRE.md item that the vector file compared with js, recomputed here from the §15.6 inputs.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("wireMdChecks")
  void wireMdChecksAgree(JsonNode check) {
    IpnsRecord record =
        IpnsRecord.create(
            KEY,
            "/ipfs/bafkreihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc7y"
                .getBytes(StandardCharsets.UTF_8),
            1,
            VALIDITY,
            Duration.ofNanos(300_000_000_000L),
            false);
    String expected = check.get("expected").asText();
    assertThat(check.get("agrees").asBoolean()).isTrue();

    switch (check.get("item").asText()) {
      case "routing key" ->
          assertThat(hex(new IpnsName(PeerId.fromPublicKey(KEY.publicKey())).routingKey()))
              .isEqualTo(expected);
      case "data (CBOR)" -> assertThat(hex(record.data())).isEqualTo(expected);
      case "signatureV2" -> assertThat(hex(record.signatureV2())).isEqualTo(expected);
      case "IpnsEntry length" ->
          assertThat(record.encodedSize()).isEqualTo(Integer.parseInt(expected));
      case "IpnsEntry = 4240 <sigV2> 4a9801 <data>" ->
          assertThat(hex(record.encode())).isEqualTo(expected);
      case "accepted by ipnsValidator" ->
          assertThat(expected).isEqualTo("valid"); // IpnsValidatorVectorsTest
      default -> {
        // signatureV1 covers value || validity || "EOL": the enum name, as create() signs it
        assertThat(expected).contains("\"EOL\"");
        IpnsRecord v1 = IpnsRecord.create(KEY, PATH, 1, VALIDITY, TTL, true);
        byte[] signed =
            (new String(PATH, StandardCharsets.UTF_8) + "2099-01-01T00:00:00.000000000ZEOL")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(KEY.publicKey().verify(signed, v1.signatureV1().orElseThrow())).isTrue();
      }
    }
  }
}

package io.reactivedht.core.crypto;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.reactivedht.core.crypto.pb.CryptoProto;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.testing.Vectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written key protobuf codec against the classes generated from {@code crypto.proto}, and
 * its rules.
 */
class KeyProtobufTest {
  @Property(seed = "42")
  void encoderWritesWhatTheGeneratedClassesWrite(
      @ForAll KeyType type, @ForAll @Size(max = 600) byte[] data) {
    byte[] generated =
        CryptoProto.PublicKey.newBuilder()
            .setType(CryptoProto.KeyType.forNumber(type.number()))
            .setData(ByteString.copyFrom(data))
            .build()
            .toByteArray();

    assertThat(KeyProtobuf.encode(type, data)).isEqualTo(generated);
  }

  @Property(seed = "42")
  void decoderReadsWhatTheGeneratedClassesRead(
      @ForAll KeyType type, @ForAll @Size(max = 600) byte[] data)
      throws InvalidProtocolBufferException {
    CryptoProto.PrivateKey parsed =
        CryptoProto.PrivateKey.parseFrom(KeyProtobuf.encode(type, data));
    KeyProtobuf.Decoded decoded = KeyProtobuf.decode(KeyProtobuf.encode(type, data));

    assertThat(decoded.type().number()).isEqualTo(parsed.getType().getNumber());
    assertThat(decoded.data()).isEqualTo(parsed.getData().toByteArray());
  }

  @Test
  void everyVectorKeyIsEncodedAsTheGeneratedClassesEncodeIt()
      throws InvalidProtocolBufferException {
    for (JsonNode c : Vectors.cases("peer-ids.json", "cases")) {
      for (String field : new String[] {"privateKeyProtobuf", "publicKeyProtobuf"}) {
        byte[] protobuf = hex(c.get(field));
        CryptoProto.PublicKey parsed = CryptoProto.PublicKey.parseFrom(protobuf);

        assertThat(parsed.toByteArray()).as("%s %s", c.get("name"), field).isEqualTo(protobuf);
        assertThat(
                KeyProtobuf.encode(
                    KeyType.forNumber(parsed.getType().getNumber()),
                    parsed.getData().toByteArray()))
            .isEqualTo(protobuf);
      }
    }
  }

  @Test
  void unknownFieldsAreSkippedAndTheLastOccurrenceWins() {
    // 18 07 (field 3, varint 7), Type 0 then Type 1, Data 01, 22 00 (field 4, empty bytes), Data 02
    KeyProtobuf.Decoded decoded = KeyProtobuf.decode(hex("1807080008011201012200120102"));

    assertThat(decoded.type()).isEqualTo(KeyType.ED25519);
    assertThat(decoded.data()).isEqualTo(hex("02"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", // nothing
        "0801", // no Data
        "120100", // no Type
        "0804120100", // key type 4 does not exist
        "08011205000000", // Data longer than what is left
        "0a0101120100", // Type with wire type 2
        "0801100112", // Data with wire type 0, then a truncated tag
        "0008011201ff", // field number 0
        "1b0801120100", // an unknown field that is a group (wire type 3)
      })
  void malformedProtobufsAreRejected(String hexInput) {
    assertThatThrownBy(() -> KeyProtobuf.decode(hex(hexInput)))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void nonMinimalVarintsAndHugeFieldNumbersAreRejected() {
    assertThatThrownBy(() -> KeyProtobuf.decode(hex("088100120100")))
        .isInstanceOf(DecodingException.class);
    // tag 0x8000000008 + 1 would read as field 1 if the field number were truncated to an int
    assertThatThrownBy(() -> KeyProtobuf.decode(hex("88808080800101120100")))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void sizesAreBoundedBeforeAllocating() {
    byte[] huge = new byte[KeyProtobuf.MAX_KEY_BYTES + 17];
    assertThatThrownBy(() -> KeyProtobuf.decode(huge)).hasMessageContaining("too large");
    // Data claiming 8193 bytes
    assertThatThrownBy(() -> KeyProtobuf.decode(hex("080112814000")))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("exceeds");
  }
}

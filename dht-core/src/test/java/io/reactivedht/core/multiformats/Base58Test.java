package io.reactivedht.core.multiformats;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactivedht.core.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Base58btc: the draft-msporny-base58 examples, the peer-id vectors, leading zeros and bad
 * characters.
 */
class Base58Test {
  static Stream<Arguments> peerIds() {
    return Vectors.cases("peer-ids.json", "cases").stream()
        .map(c -> Arguments.of(c.get("name").asText(), c));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Hello World!, 2NEpo7TZRRrLZSi2U",
    "The quick brown fox jumps over the lazy dog., USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z",
    "yes mani !, 7paNL19xttacUY",
  })
  void encodesText(String text, String base58) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertThat(Base58.encode(bytes)).isEqualTo(base58);
    assertThat(Base58.decode(base58)).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "'', ''",
    "00, 1",
    "0000, 11",
    "0000287fb4cd, 11233QC4",
    "00796573206d616e692021, 17paNL19xttacUY",
    "0000796573206d616e692021, 117paNL19xttacUY",
    "39, z",
    "3a, 21",
    "ff, 5Q",
  })
  void encodesLeadingZerosAsOnes(String bytes, String base58) {
    assertThat(Base58.encode(hex(bytes))).isEqualTo(base58);
    assertThat(hex(Base58.decode(base58))).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("peerIds")
  void encodesEveryPeerIdVector(String name, JsonNode c) {
    assertThat(Base58.encode(hex(c.get("peerIdMultihash").asText())))
        .isEqualTo(c.get("peerIdBase58").asText());
    assertThat(hex(Base58.decode(c.get("peerIdBase58").asText())))
        .isEqualTo(c.get("peerIdMultihash").asText());
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "0",
        "O",
        "I",
        "l",
        "+",
        "/",
        " ",
        "2NEpo7TZRRrLZSi2U ",
        "2NEpo7TZRRrLZSi2O",
        "é",
        "\u0000"
      })
  void rejectsCharactersOutsideTheAlphabet(String text) {
    assertThatThrownBy(() -> Base58.decode(text))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("invalid character");
  }

  @Test
  void rejectsOverlongText() {
    assertThatThrownBy(() -> Base58.decode("2".repeat(4097)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("longer than");
  }

  @Property(seed = "42")
  void roundTripsWithLeadingZeroBytes(
      @ForAll @Size(max = 64) byte[] tail, @ForAll @IntRange(max = 4) int zeros) {
    byte[] bytes = new byte[zeros + tail.length];
    System.arraycopy(tail, 0, bytes, zeros, tail.length);
    String text = Base58.encode(bytes);
    assertThat(Base58.decode(text)).isEqualTo(bytes);
    int leadingZeroBytes = 0;
    while (leadingZeroBytes < bytes.length && bytes[leadingZeroBytes] == 0) {
      leadingZeroBytes++;
    }
    int leadingOnes = 0;
    while (leadingOnes < text.length() && text.charAt(leadingOnes) == '1') {
      leadingOnes++;
    }
    assertThat(leadingOnes).isEqualTo(leadingZeroBytes);
  }
}

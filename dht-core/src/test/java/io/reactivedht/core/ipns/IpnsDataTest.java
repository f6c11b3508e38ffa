package io.reactivedht.core.ipns;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.multiformats.DecodingException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The strict DAG-CBOR reading of IPNS data: what it accepts, and the malformed input it rejects.
 */
class IpnsDataTest {
  // The five entries in canonical order, each as "key || value" in hex.
  private static final String TTL = "6354544c" + "00";
  private static final String VALUE =
      "6556616c7565" + "4e" + hex("/ipfs/bafkqaaa".getBytes(StandardCharsets.UTF_8));
  private static final String SEQUENCE = "6853657175656e6365" + "01";
  private static final String VALIDITY =
      "6856616c6964697479"
          + "581e"
          + hex("2099-01-01T00:00:00.000000000Z".getBytes(StandardCharsets.UTF_8));
  private static final String VALIDITY_TYPE = "6c56616c69646974795479706500";

  private static String map(int entries, String... pairs) {
    return String.format("%02x", 0xa0 + entries) + String.join("", pairs);
  }

  private static IpnsData decode(String hex) {
    return IpnsData.decode(hex(hex));
  }

  @Test
  void readsTheFiveFields() {
    IpnsData data = decode(map(5, TTL, VALUE, SEQUENCE, VALIDITY, VALIDITY_TYPE));

    assertThat(new String(data.value, StandardCharsets.UTF_8)).isEqualTo("/ipfs/bafkqaaa");
    assertThat(new String(data.validity, StandardCharsets.UTF_8))
        .isEqualTo("2099-01-01T00:00:00.000000000Z");
    assertThat(data.validityType).isZero();
    assertThat(data.sequence).isEqualTo(1);
    assertThat(data.ttlNanos).isZero();
  }

  @Test
  void encodesInCanonicalKeyOrderWithShortestIntegers() {
    IpnsData data =
        new IpnsData(
            "/ipfs/bafkqaaa".getBytes(StandardCharsets.UTF_8),
            "2099-01-01T00:00:00.000000000Z".getBytes(StandardCharsets.UTF_8),
            0,
            1,
            0);

    assertThat(hex(data.encode())).isEqualTo(map(5, TTL, VALUE, SEQUENCE, VALIDITY, VALIDITY_TYPE));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0, 00",
    "23, 17",
    "24, 1818",
    "255, 18ff",
    "256, 190100",
    "65535, 19ffff",
    "65536, 1a00010000",
    "4294967295, 1affffffff",
    "4294967296, 1b0000000100000000",
    "18446744073709551615, 1bffffffffffffffff",
  })
  void unsignedIntegersUseTheShortestHeadAndRoundTrip(String decimal, String cbor) {
    long value = Long.parseUnsignedLong(decimal);
    assertThat(hex(new Cbor.Writer().unsigned(value).toByteArray())).isEqualTo(cbor);
    assertThat(new Cbor.Reader(hex(cbor)).unsigned()).isEqualTo(value);
  }

  @Test
  void acceptsTheFieldsInAnyOrder() {
    IpnsData data = decode(map(5, VALIDITY_TYPE, VALIDITY, SEQUENCE, VALUE, TTL));
    assertThat(data.sequence).isEqualTo(1);
  }

  @Test
  void ignoresExtraKeysOfEveryDagCborKind() {
    String extra =
        "665f6578747261" // "_extra"
            + "89" // an array of nine:
            + "20" // -1
            + "f4"
            + "f5"
            + "f6" // false, true, null
            + "fb3ff8000000000000" // 1.5
            + "d82a4500017100ff" // tag 42 (a CID link) around bytes
            + "a1616182a0"
            + "80" // {"a": [{}, []]}
            + "6474657874" // "text"
            + "40"; // empty bytes
    IpnsData data = decode(map(6, TTL, VALUE, SEQUENCE, VALIDITY, VALIDITY_TYPE, extra));

    assertThat(data.sequence).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      empty input                       | ''
      top level is an array             | 80
      top level is an integer           | 01
      map truncated                     | a5
      entry value truncated             | a1 6353657175656e6365
      indefinite-length map             | bf ff
      reserved additional information   | bc
      map count beyond the input        | bbffffffffffffffff
      key is not text                   | a1 01 02
      key is not valid UTF-8            | a1 62c328 01
      """)
  void rejectsMalformedMaps(String why, String cbor) {
    assertThatThrownBy(() -> decode(cbor.replace(" ", ""))).isInstanceOf(DecodingException.class);
  }

  @Test
  void rejectsTrailingBytes() {
    assertThatThrownBy(() -> decode(map(5, TTL, VALUE, SEQUENCE, VALIDITY, VALIDITY_TYPE) + "00"))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void rejectsAMissingField() {
    assertThatThrownBy(() -> decode(map(4, TTL, VALUE, SEQUENCE, VALIDITY)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("missing ValidityType");
  }

  @Test
  void rejectsADuplicateField() {
    assertThatThrownBy(
            () -> decode(map(6, TTL, VALUE, SEQUENCE, SEQUENCE, VALIDITY, VALIDITY_TYPE)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("duplicate key Sequence");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      Validity as a text string | 6856616c6964697479 781e 323039392d30312d30315430303a30303a30302e3030303030303030305a | expected a byte string
      Value as a text string    | 6556616c7565 6161                    | expected a byte string
      Sequence negative         | 6853657175656e6365 20                | expected an unsigned integer
      Sequence as bytes         | 6853657175656e6365 4101              | expected an unsigned integer
      TTL as a float            | 6354544c fb3ff8000000000000          | expected an unsigned integer
      """)
  void rejectsAFieldOfTheWrongType(String why, String replacement, String message) {
    String pair = replacement.replace(" ", "");
    String[] pairs = {TTL, VALUE, SEQUENCE, VALIDITY, VALIDITY_TYPE};
    for (int i = 0; i < pairs.length; i++) {
      if (pairs[i].startsWith(pair.substring(0, 8))) {
        pairs[i] = pair;
      }
    }
    assertThatThrownBy(() -> decode(map(5, pairs)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      integer 1 in two bytes            | 6853657175656e6365 1801
      integer 255 in three bytes        | 6853657175656e6365 1900ff
      integer in eight bytes            | 6853657175656e6365 1b00000000ffffffff
      key length in two bytes           | 7808 53657175656e6365 01
      """)
  void rejectsNonShortestHeads(String why, String sequencePair) {
    assertThatThrownBy(
            () ->
                decode(map(5, TTL, VALUE, sequencePair.replace(" ", ""), VALIDITY, VALIDITY_TYPE)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("shortest form");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      byte string of 2^64-1 bytes       | 5bffffffffffffffff
      byte string of 2^31 bytes         | 5a80000000
      text string beyond the input      | 7a00010000 61
      array of 2^32 items               | 9b0000000100000000
      tag other than 42                 | c1 00
      tag 42 around an integer          | d82a 00
      undefined                         | f7
      one-byte simple value             | f820
      half-precision float              | f93c00
      single-precision float            | fa3fc00000
      NaN                               | fb7ff8000000000000
      infinity                          | fb7ff0000000000000
      break outside indefinite item     | ff
      indefinite-length bytes           | 5f ff
      """)
  void rejectsMalformedOrDisallowedExtraValues(String why, String value) {
    String extra = "665f6578747261" + value.replace(" ", "");
    assertThatThrownBy(() -> decode(map(6, TTL, VALUE, SEQUENCE, VALIDITY, VALIDITY_TYPE, extra)))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void boundsTheNestingOfExtraValues() {
    String sixteenDeep = "81".repeat(15) + "00";
    String seventeenDeep = "81".repeat(16) + "00";
    String key = "665f6578747261";

    assertThat(
            decode(map(6, TTL, VALUE, SEQUENCE, VALIDITY, VALIDITY_TYPE, key + sixteenDeep))
                .sequence)
        .isEqualTo(1);
    assertThatThrownBy(
            () ->
                decode(map(6, TTL, VALUE, SEQUENCE, VALIDITY, VALIDITY_TYPE, key + seventeenDeep)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("nested deeper");
    String deepAttack = key + "81".repeat(100_000) + "00";
    assertThatThrownBy(
            () -> decode(map(6, TTL, VALUE, SEQUENCE, VALIDITY, VALIDITY_TYPE, deepAttack)))
        .isInstanceOf(DecodingException.class);
  }
}

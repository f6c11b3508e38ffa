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
 * Every supported multibase: the RFC 4648 §10 vectors, the multibase spec vectors (tests/basic.csv,
 * leading_zero.csv, two_leading_zeros.csv), the peer-id CID vectors, and strict rejection of bad
 * text.
 */
class MultibaseTest {
  /** RFC 4648 §10, without padding (multibase b/B, f/F and m/u are the unpadded forms). */
  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource({
    "'', '', '', ''",
    "f, 66, my, Zg",
    "fo, 666f, mzxq, Zm8",
    "foo, 666f6f, mzxw6, Zm9v",
    "foob, 666f6f62, mzxw6yq, Zm9vYg",
    "fooba, 666f6f6261, mzxw6ytb, Zm9vYmE",
    "foobar, 666f6f626172, mzxw6ytboi, Zm9vYmFy",
  })
  void encodesTheRfc4648Vectors(String input, String base16, String base32, String base64) {
    byte[] bytes = input.getBytes(StandardCharsets.US_ASCII);
    assertEncodes(Multibase.BASE16, bytes, base16);
    assertEncodes(Multibase.BASE16_UPPER, bytes, base16.toUpperCase());
    assertEncodes(Multibase.BASE32, bytes, base32);
    assertEncodes(Multibase.BASE32_UPPER, bytes, base32.toUpperCase());
    assertEncodes(Multibase.BASE64, bytes, base64);
    assertEncodes(Multibase.BASE64_URL, bytes, base64);
  }

  @Test
  void base64AndBase64UrlDifferInTheirLastTwoCharacters() {
    assertEncodes(Multibase.BASE64, hex("fbff"), "+/8");
    assertEncodes(Multibase.BASE64_URL, hex("fbff"), "-_8");
    assertEncodes(Multibase.BASE64, hex("fbefbe"), "++++");
    assertEncodes(Multibase.BASE64_URL, hex("fbefbe"), "----");
  }

  static Stream<Arguments> specVectors() {
    String[][] rows = {
      // bytes, then the prefixed text in: base16, base16upper, base32, base32upper, base36,
      // base58btc, base64, base64url
      {
        "796573206d616e692021",
        "f796573206d616e692021",
        "F796573206D616E692021",
        "bpfsxgidnmfxgsibb",
        "BPFSXGIDNMFXGSIBB",
        "k2lcpzo5yikidynfl",
        "z7paNL19xttacUY",
        "meWVzIG1hbmkgIQ",
        "ueWVzIG1hbmkgIQ"
      },
      {
        "00796573206d616e692021",
        "f00796573206d616e692021",
        "F00796573206D616E692021",
        "bab4wk4zanvqw42jaee",
        "BAB4WK4ZANVQW42JAEE",
        "k02lcpzo5yikidynfl",
        "z17paNL19xttacUY",
        "mAHllcyBtYW5pICE",
        "uAHllcyBtYW5pICE"
      },
      {
        "0000796573206d616e692021",
        "f0000796573206d616e692021",
        "F0000796573206D616E692021",
        "baaahszltebwwc3tjeaqq",
        "BAAAHSZLTEBWWC3TJEAQQ",
        "k002lcpzo5yikidynfl",
        "z117paNL19xttacUY",
        "mAAB5ZXMgbWFuaSAh",
        "uAAB5ZXMgbWFuaSAh"
      },
    };
    Multibase[] order = {
      Multibase.BASE16,
      Multibase.BASE16_UPPER,
      Multibase.BASE32,
      Multibase.BASE32_UPPER,
      Multibase.BASE36,
      Multibase.BASE58_BTC,
      Multibase.BASE64,
      Multibase.BASE64_URL
    };
    Stream.Builder<Arguments> out = Stream.builder();
    for (String[] row : rows) {
      for (int i = 0; i < order.length; i++) {
        out.add(Arguments.of(order[i], row[0], row[i + 1]));
      }
    }
    return out.build();
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("specVectors")
  void encodesTheMultibaseSpecVectors(Multibase base, String bytes, String text) {
    assertThat(base.encode(hex(bytes))).isEqualTo(text);
    assertThat(hex(Multibase.decode(text))).isEqualTo(bytes);
    assertThat(Multibase.forPrefix(text.charAt(0))).isEqualTo(base);
  }

  static Stream<Arguments> peerIds() {
    return Vectors.cases("peer-ids.json", "cases").stream()
        .map(c -> Arguments.of(c.get("name").asText(), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("peerIds")
  void encodesThePeerIdCidsInBase32AndBase36(String name, JsonNode c) {
    byte[] cid = hex(c.get("peerIdCidBytes").asText());
    assertThat(Multibase.BASE32.encode(cid)).isEqualTo(c.get("peerIdCidBase32").asText());
    assertThat(Multibase.BASE36.encode(cid)).isEqualTo(c.get("peerIdCidBase36").asText());
    assertThat(Multibase.decode(c.get("peerIdCidBase32").asText())).isEqualTo(cid);
    assertThat(Multibase.decode(c.get("peerIdCidBase36").asText())).isEqualTo(cid);
  }

  /**
   * The CID forms of peer-ids.json "parse", in base32, base32upper, base36, base58btc, base16 and
   * base64url.
   */
  static Stream<Arguments> peerIdCidForms() {
    return Vectors.cases("peer-ids.json", "parse").stream()
        .filter(c -> c.get("form").asText().startsWith("CIDv1"))
        .map(
            c ->
                Arguments.of(
                    c.get("form").asText(),
                    c.get("input").asText(),
                    c.get("peerIdMultihash").asText()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("peerIdCidForms")
  void decodesThePeerIdCidForms(String form, String text, String multihash) {
    byte[] bytes = Multibase.decode(text);
    assertThat(hex(bytes)).isEqualTo("0172" + multihash);
    assertThat(Multibase.forPrefix(text.charAt(0)).encode(bytes)).isEqualTo(text);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"", "x", "M", "K", "Q", "1", "\u00e9", "\uD83D\uDE80"})
  void rejectsUnsupportedPrefixes(String text) {
    assertThatThrownBy(() -> Multibase.decode(text)).isInstanceOf(DecodingException.class);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "f6g", "f6F", "F6f", "f 6", // base16: outside the alphabet or the wrong case
        "bmzx1", "bmzx0", "bmzx8", "bmzx=", "bMY", "Bmy", "bmzx ", // base32
        "kA", "k-", // base36 is lower case here
        "z0", "zO", "zI", "zl", // base58btc
        "mZg==", "mZg=", "m-_8", "mZ g", // base64: no padding, no url alphabet
        "u+/8", "uZg==", // base64url: no standard alphabet, no padding
      })
  void rejectsCharactersOutsideTheAlphabet(String text) {
    assertThatThrownBy(() -> Multibase.decode(text))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("invalid character");
  }

  /**
   * The multibase suite's case_insensitivity.csv asks decoders to accept mixed case in
   * base16/32/36. Like js multiformats, we decode each base in its own case only, so a CID or peer
   * id has exactly one spelling per base.
   */
  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"f68656c6c6f20776F726C64", "bnbswy3dpeB3W64TMMQ", "kfUvrsIvVnfRbjWaJo"})
  void rejectsMixedCase(String text) {
    assertThatThrownBy(() -> Multibase.decode(text)).isInstanceOf(DecodingException.class);
  }

  /**
   * Upper-case base32 takes ASCII letters only: "BIA" and "BKA" decode, but not with U+0130 (I with
   * dot above) or U+212A (Kelvin sign), which Character.toLowerCase maps to "i" and "k".
   */
  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"B\u0130A", "B\u212AA"})
  void upperCaseBase32RejectsNonAsciiLetters(String text) {
    assertThat(
            Multibase.decode(text.replace(text.charAt(1), text.charAt(1) == '\u0130' ? 'I' : 'K')))
        .hasSize(1);
    assertThatThrownBy(() -> Multibase.decode(text))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("invalid character");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {"f6", "f666", "bm", "bmzx", "bmzxw6y", "bmzxw6ytbo", "mZ", "mZm9vY", "uZ"})
  void rejectsImpossibleLengths(String text) {
    assertThatThrownBy(() -> Multibase.decode(text))
        .isInstanceOf(DecodingException.class)
        .hasMessageMatching(".*(odd length|invalid length).*");
  }

  /** Unused low bits of the last character must be zero, so each byte string has one encoding. */
  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"bmz", "BMZ", "bmzxr", "mZh", "mZm9", "uZh", "uZm9", "mZm9vYmF"})
  void rejectsNonZeroTrailingBits(String text) {
    assertThatThrownBy(() -> Multibase.decode(text))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("non-zero trailing bits");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "BASE16, f",
    "BASE16_UPPER, F",
    "BASE32, b",
    "BASE32_UPPER, B",
    "BASE36, k",
    "BASE58_BTC, z",
    "BASE64, m",
    "BASE64_URL, u"
  })
  void hasTheSpecPrefixes(Multibase base, char prefix) {
    assertThat(base.prefix()).isEqualTo(prefix);
    assertThat(Multibase.forPrefix(prefix)).isEqualTo(base);
  }

  @Property(seed = "42")
  void overlongTextIsRefusedInEveryBase(@ForAll Multibase base) {
    String text = base.prefix() + "a".repeat(4097);
    assertThatThrownBy(() -> Multibase.decode(text))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("longer than");
  }

  @Property(seed = "42")
  void roundTripsWithLeadingZeroBytes(
      @ForAll Multibase base,
      @ForAll @Size(max = 48) byte[] tail,
      @ForAll @IntRange(max = 3) int zeros) {
    byte[] bytes = new byte[zeros + tail.length];
    System.arraycopy(tail, 0, bytes, zeros, tail.length);
    String text = base.encode(bytes);
    assertThat(text.charAt(0)).isEqualTo(base.prefix());
    assertThat(Multibase.decode(text)).isEqualTo(bytes);
    assertThat(base.decodeBare(base.encodeBare(bytes))).isEqualTo(bytes);
  }

  private static void assertEncodes(Multibase base, byte[] bytes, String bare) {
    assertThat(base.encodeBare(bytes)).as(base.name()).isEqualTo(bare);
    assertThat(base.decodeBare(bare)).as(base.name()).isEqualTo(bytes);
    assertThat(Multibase.decode(base.prefix() + bare)).as(base.name()).isEqualTo(bytes);
  }
}

package io.reactivedht.core.multiformats;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The multiformats unsigned varint (WIRE.md §1.1, unsigned-varint spec). */
class VarintTest {
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "0, 00",
    "1, 01",
    "127, 7f",
    "128, 8001",
    "255, ff01",
    "300, ac02",
    "16384, 808001",
    "9223372036854775807, ffffffffffffffff7f",
  })
  void encodesAndDecodesTheSpecExamples(long value, String bytes) {
    assertThat(hex(Varint.encode(value))).isEqualTo(bytes);
    assertThat(Varint.size(value)).isEqualTo(bytes.length() / 2);
    assertThat(Varint.decode(hex(bytes), 0))
        .isEqualTo(new Varint.Decoded(value, bytes.length() / 2));
  }

  @Test
  void decodesAtAnOffsetAndIgnoresWhatFollows() {
    assertThat(Varint.decode(hex("ffac02ff"), 1)).isEqualTo(new Varint.Decoded(300, 2));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"8000", "ff00", "808000", "ffffffffffffffff00"})
  void rejectsNonMinimalEncodings(String bytes) {
    assertThatThrownBy(() -> Varint.decode(hex(bytes), 0))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("not minimally encoded");
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "80", "ff", "ffff", "ffffffffffffffff"})
  void rejectsTruncatedVarints(String bytes) {
    assertThatThrownBy(() -> Varint.decode(hex(bytes), 0))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("truncated");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ffffffffffffffffff01", "80808080808080808001", "ffffffffffffffffff"})
  void rejectsVarintsLongerThanNineBytes(String bytes) {
    assertThatThrownBy(() -> Varint.decode(hex(bytes), 0))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("longer than 9 bytes");
  }

  @Test
  void refusesToEncodeNegativeValues() {
    assertThatThrownBy(() -> Varint.encode(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property(seed = "42")
  void roundTrips(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long value) {
    byte[] encoded = Varint.encode(value);
    assertThat(encoded).hasSize(Varint.size(value)).hasSizeLessThanOrEqualTo(Varint.MAX_BYTES);
    assertThat(Varint.decode(encoded, 0)).isEqualTo(new Varint.Decoded(value, encoded.length));
    // 7 value bits per byte, minimal: the byte count is ceil(bit length / 7), at least 1
    int bitLength = 64 - Long.numberOfLeadingZeros(value);
    assertThat(encoded.length).isEqualTo(Math.max(1, (bitLength + 6) / 7));
  }
}

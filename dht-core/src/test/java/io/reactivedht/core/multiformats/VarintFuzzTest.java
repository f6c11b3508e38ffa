package io.reactivedht.core.multiformats;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Fuzzes {@link Varint#decode}: any bytes either decode or throw {@link DecodingException}, and a
 * decoded varint is minimal, so encoding its value gives back exactly the bytes it was read from.
 * Regression inputs: {@code VarintFuzzTestInputs/decode/}; see docs/FUZZING.md.
 */
class VarintFuzzTest {
  @FuzzTest
  void decode(byte[] data) {
    Varint.Decoded decoded;
    try {
      decoded = Varint.decode(data, 0);
    } catch (DecodingException expected) {
      return;
    }
    assertThat(decoded.value()).isNotNegative();
    assertThat(decoded.length()).isBetween(1, Varint.MAX_BYTES);
    assertThat(Varint.encode(decoded.value())).isEqualTo(Arrays.copyOf(data, decoded.length()));
    assertThat(Varint.size(decoded.value())).isEqualTo(decoded.length());
  }
}

package io.reactivedht.core.multiformats;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link Multibase#decode}: any text either decodes or throws {@link DecodingException}. The
 * decoder is strict (letter case must match the base, no padding, no non-zero trailing bits), so
 * text that decodes is the one canonical spelling of its bytes: encoding them in the same base
 * gives the text back. Regression inputs: {@code MultibaseFuzzTestInputs/decode/}.
 */
class MultibaseFuzzTest {
  @FuzzTest
  void decode(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    byte[] bytes;
    try {
      bytes = Multibase.decode(text);
    } catch (DecodingException expected) {
      return;
    }
    assertThat(Multibase.forPrefix(text.charAt(0)).encode(bytes)).isEqualTo(text);
  }
}

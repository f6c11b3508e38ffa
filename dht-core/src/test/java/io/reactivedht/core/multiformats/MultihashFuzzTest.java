package io.reactivedht.core.multiformats;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link Multihash#decode}: any bytes either decode or throw {@link DecodingException}; a
 * decoded multihash re-encodes to exactly its input. Regression inputs: {@code
 * MultihashFuzzTestInputs/decode/}.
 */
class MultihashFuzzTest {
  @FuzzTest
  void decode(byte[] data) {
    Multihash mh;
    try {
      mh = Multihash.decode(data);
    } catch (DecodingException expected) {
      return;
    }
    assertThat(mh.bytes()).isEqualTo(data);
    assertThat(mh.digest()).hasSizeLessThanOrEqualTo(Multihash.MAX_DIGEST);
    assertThat(Multihash.decode(mh.bytes())).isEqualTo(mh);
  }
}

package io.reactivedht.core.multiformats;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the CID decoders, binary ({@link Cid#fromBytes}) and text ({@link Cid#parse}): any input
 * either decodes or throws {@link DecodingException}. A decoded CID re-encodes to its input bytes,
 * and its string form parses back to an equal CID. Regression inputs: {@code
 * CidFuzzTestInputs/<method>/}.
 */
class CidFuzzTest {
  @FuzzTest
  void fromBytes(byte[] data) {
    Cid cid;
    try {
      cid = Cid.fromBytes(data);
    } catch (DecodingException expected) {
      return;
    }
    assertThat(cid.bytes()).isEqualTo(data);
    assertRoundTrips(cid);
  }

  @FuzzTest
  void parse(byte[] data) {
    Cid cid;
    try {
      cid = Cid.parse(new String(data, StandardCharsets.UTF_8));
    } catch (DecodingException expected) {
      return;
    }
    assertRoundTrips(cid);
  }

  private static void assertRoundTrips(Cid cid) {
    assertThat(Cid.fromBytes(cid.bytes())).isEqualTo(cid);
    assertThat(Cid.parse(cid.toString())).isEqualTo(cid);
    assertThat(Cid.parse(cid.toV1().toString(Multibase.BASE36))).isEqualTo(cid.toV1());
  }
}

package io.reactivedht.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.multiformats.Multibase;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the peer id decoders, binary ({@link PeerId#fromBytes}, as in DHT messages and {@code
 * /p2p} components) and text ({@link PeerId#parse}): any input either decodes or throws {@link
 * DecodingException}; a decoded peer id round-trips through its binary, base58 and CID forms.
 * Regression inputs: {@code PeerIdFuzzTestInputs/<method>/}.
 */
class PeerIdFuzzTest {
  @FuzzTest
  void fromBytes(byte[] data) {
    PeerId id;
    try {
      id = PeerId.fromBytes(data);
    } catch (DecodingException expected) {
      return;
    }
    assertThat(id.bytes()).isEqualTo(data);
    assertThat(PeerId.hasPeerIdShape(data)).isTrue();
    assertRoundTrips(id);
  }

  @FuzzTest
  void parse(byte[] data) {
    PeerId id;
    try {
      id = PeerId.parse(new String(data, StandardCharsets.UTF_8));
    } catch (DecodingException expected) {
      return;
    }
    assertRoundTrips(id);
  }

  private static void assertRoundTrips(PeerId id) {
    assertThat(PeerId.fromBytes(id.bytes())).isEqualTo(id);
    assertThat(PeerId.parse(id.toBase58())).isEqualTo(id);
    assertThat(PeerId.parse(id.toCidString(Multibase.BASE32))).isEqualTo(id);
    id.inlinePublicKey().ifPresent(key -> assertThat(id.matches(key)).isTrue());
  }
}

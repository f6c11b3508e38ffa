package io.reactivedht.core.multiaddr;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.reactivedht.core.multiformats.DecodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzes the multiaddr decoders, binary ({@link Multiaddr#fromBytes}) and text ({@link
 * Multiaddr#parse}): any input either decodes or throws {@link DecodingException}. A decoded
 * multiaddr re-encodes to its input bytes (binary), and its canonical text parses back to an equal
 * multiaddr (unless a /unix path is followed by more components, see below). Regression inputs:
 * {@code MultiaddrFuzzTestInputs/<method>/}.
 */
class MultiaddrFuzzTest {
  @FuzzTest
  void fromBytes(byte[] data) {
    Multiaddr address;
    try {
      address = Multiaddr.fromBytes(data);
    } catch (DecodingException expected) {
      return;
    }
    assertThat(address.bytes()).isEqualTo(data);
    assertRoundTrips(address);
  }

  @FuzzTest
  void parse(byte[] data) {
    Multiaddr address;
    try {
      address = Multiaddr.parse(new String(data, StandardCharsets.UTF_8));
    } catch (DecodingException expected) {
      return;
    }
    assertRoundTrips(address);
  }

  private static void assertRoundTrips(Multiaddr address) {
    assertThat(Multiaddr.fromBytes(address.bytes())).isEqualTo(address);
    address.peerId(); // a /p2p value was validated when decoded
    if (unixPathBeforeTheEnd(address)) {
      // The text parser takes everything after /unix as the path (as go and js do), so a binary
      // multiaddr with components after its /unix path has no text form that parses back to it.
      // Found by this test; left as it is (docs/FUZZING.md).
      return;
    }
    assertThat(Multiaddr.parse(address.toString())).isEqualTo(address);
    assertThat(Multiaddr.parse(address.toString()).toString()).isEqualTo(address.toString());
  }

  private static boolean unixPathBeforeTheEnd(Multiaddr address) {
    List<Component> components = address.components();
    for (int i = 0; i < components.size() - 1; i++) {
      if (components.get(i).protocol() == Protocol.UNIX) {
        return true;
      }
    }
    return false;
  }
}

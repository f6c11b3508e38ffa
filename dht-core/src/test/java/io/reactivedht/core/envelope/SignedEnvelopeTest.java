package io.reactivedht.core.envelope;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.multiformats.DecodingException;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Sealing and opening beyond the vectors: domain separation, bounds, malformed input, value
 * semantics.
 */
class SignedEnvelopeTest {
  private static final PrivateKey KEY =
      Ed25519PrivateKey.fromSeed(
          hex("7e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"));
  private static final byte[] TYPE = {0x03, 0x01};

  @Property(seed = "42", tries = 300)
  void opensForItsDomainOnly(
      @ForAll @NotEmpty String domain,
      @ForAll @NotEmpty @Size(max = 8) byte[] type,
      @ForAll @Size(max = 300) byte[] payload) {
    SignedEnvelope sealed = SignedEnvelope.seal(KEY, domain, type, payload);
    byte[] bytes = sealed.encode();

    assertThat(SignedEnvelope.open(bytes, domain)).isEqualTo(sealed).hasSameHashCodeAs(sealed);
    assertThat(SignedEnvelope.decode(bytes).encode()).isEqualTo(bytes);
    assertThatThrownBy(() -> SignedEnvelope.open(bytes, domain + "x"))
        .isInstanceOf(InvalidEnvelopeException.class);
  }

  @Property(seed = "42")
  void anyBytesDecodeOrFailWithADecodingException(@ForAll @Size(max = 200) byte[] bytes) {
    assertThat(catchThrowable(() -> SignedEnvelope.decode(bytes)))
        .satisfiesAnyOf(
            t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(DecodingException.class));
  }

  @Property(seed = "42", tries = 300)
  void corruptedEnvelopesNeverOpen(@ForAll int position, @ForAll byte mask) {
    byte[] bytes = SignedEnvelope.seal(KEY, "test-domain", TYPE, new byte[] {1, 2, 3}).encode();
    bytes[Math.floorMod(position, bytes.length)] ^= mask == 0 ? 1 : mask;

    assertThatThrownBy(() -> SignedEnvelope.open(bytes, "test-domain"))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void emptyDomainsAndPayloadTypesAreProgrammingErrors() {
    byte[] bytes = SignedEnvelope.seal(KEY, "d", TYPE, new byte[0]).encode();

    assertThatThrownBy(() -> SignedEnvelope.seal(KEY, "", TYPE, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> SignedEnvelope.seal(KEY, "d", new byte[0], new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> SignedEnvelope.open(bytes, ""))
        .isNotInstanceOf(DecodingException.class);
  }

  @Test
  void emptyPayloadIsLeftOutOfTheEncoding() {
    SignedEnvelope sealed = SignedEnvelope.seal(KEY, "d", TYPE, new byte[0]);

    // 0a24 <key> 1202 0301 2a40 <signature>: no field 3
    assertThat(sealed.encode()).hasSize(2 + 36 + 4 + 2 + 64);
    assertThat(SignedEnvelope.open(sealed.encode(), "d").payload()).isEmpty();
  }

  @Test
  void unknownFieldsAreSkipped() {
    byte[] bytes = SignedEnvelope.seal(KEY, "d", TYPE, new byte[] {7}).encode();
    byte[] withField4 = Arrays.copyOf(bytes, bytes.length + 3);
    System.arraycopy(new byte[] {0x22, 0x01, 0x55}, 0, withField4, bytes.length, 3);

    assertThat(SignedEnvelope.open(withField4, "d").payload()).containsExactly(7);
  }

  @Test
  void keyMustBePresentAndValid() {
    // 1202 0301: a payload type and no field 1
    assertThatThrownBy(() -> SignedEnvelope.decode(hex("12020301")))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("missing public key");
    // field 1 holding an Ed25519 key of 31 bytes
    assertThatThrownBy(() -> SignedEnvelope.decode(hex("0a23" + "0801121f" + "00".repeat(31))))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("32 bytes");
    // field 1 holding a key protobuf without Data
    assertThatThrownBy(() -> SignedEnvelope.decode(hex("0a020801")))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void sizeIsBoundedBeforeParsing() {
    byte[] huge = new byte[SignedEnvelope.MAX_ENCODED_BYTES + 1];

    assertThatThrownBy(() -> SignedEnvelope.decode(huge)).hasMessageContaining("exceed");
  }

  @Test
  void arraysAreCopiedInAndOut() {
    byte[] payload = {1, 2, 3};
    SignedEnvelope sealed = SignedEnvelope.seal(KEY, "d", TYPE, payload);
    payload[0] = 9;
    sealed.payload()[1] = 9;
    sealed.signature()[0] ^= 1;

    assertThat(sealed.payload()).containsExactly(1, 2, 3);
    assertThat(sealed.isValidFor("d")).isTrue();
    assertThat(sealed.toString())
        .contains("12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq", "0301", "3 bytes");
  }
}

package io.reactivedht.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.PublicKey;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.multiformats.Multibase;
import io.reactivedht.core.multiformats.Multihash;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Peer id text and binary round trips, and that hostile text or bytes only ever cause a
 * DecodingException.
 */
class PeerIdPropertiesTest {
  @Property(seed = "42", tries = 300)
  void inlinedKeyIdsRoundTripThroughEveryForm(
      @ForAll @Size(32) byte[] seed, @ForAll Multibase base) {
    PublicKey key = Ed25519PrivateKey.fromSeed(seed).publicKey();
    PeerId id = PeerId.fromPublicKey(key);

    assertThat(id.toBase58()).startsWith("12D3KooW");
    assertThat(PeerId.parse(id.toBase58())).isEqualTo(id);
    assertThat(PeerId.parse(id.toCidString(base))).isEqualTo(id);
    assertThat(PeerId.fromBytes(id.bytes())).isEqualTo(id);
    assertThat(id.inlinePublicKey()).hasValue(key);
    assertThat(id.matches(key)).isTrue();
    assertThat(PeerId.hasPeerIdShape(id.bytes())).isTrue();
  }

  @Property(seed = "42", tries = 300)
  void hashedIdsRoundTripThroughEveryForm(@ForAll @Size(32) byte[] digest, @ForAll Multibase base) {
    PeerId id = PeerId.fromBytes(Multihash.of(Multihash.SHA2_256, digest).bytes());

    assertThat(id.toBase58()).startsWith("Qm");
    assertThat(PeerId.parse(id.toBase58())).isEqualTo(id);
    assertThat(PeerId.parse(id.toCidString(base))).isEqualTo(id);
    assertThat(id.inlinePublicKey()).isEmpty();
    assertThat(PeerId.hasPeerIdShape(id.bytes())).isTrue();
  }

  @Property(seed = "42", tries = 1000)
  void bytesWithoutThePeerIdShapeNeverDecode(@ForAll @Size(max = 48) byte[] bytes) {
    Throwable decoding = catchThrowable(() -> PeerId.fromBytes(bytes));
    if (!PeerId.hasPeerIdShape(bytes)) {
      assertThat(decoding).isInstanceOf(DecodingException.class);
    }
  }

  @Provide
  Arbitrary<String> peerIdLikeText() {
    return Arbitraries.strings()
        .withChars("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0OIl+/-_= ")
        .ofMaxLength(90);
  }

  @Property(seed = "42")
  void anyTextParsesOrFailsWithADecodingException(@ForAll("peerIdLikeText") String text) {
    assertThat(catchThrowable(() -> PeerId.parse(text)))
        .satisfiesAnyOf(
            t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(DecodingException.class));
  }

  @Property(seed = "42")
  void anyBytesDecodeOrFailWithADecodingException(@ForAll @Size(max = 60) byte[] bytes) {
    assertThat(catchThrowable(() -> PeerId.fromBytes(bytes)))
        .satisfiesAnyOf(
            t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(DecodingException.class));
  }
}

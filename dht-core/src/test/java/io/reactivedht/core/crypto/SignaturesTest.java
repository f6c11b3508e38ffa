package io.reactivedht.core.crypto;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.testing.Vectors;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;

/**
 * Signing and verification across key types: malformed signatures, S normalisation, generated keys.
 */
class SignaturesTest {
  private static final byte[] MESSAGE = "signed message".getBytes(StandardCharsets.UTF_8);
  private static final BigInteger SECP256K1_N =
      new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

  /**
   * One private key per type, from the vectors: ed25519-spec-seed, rsa-2048-a, secp256k1-a, the
   * spec P-256 key.
   */
  static final List<PrivateKey> KEYS =
      List.of(
          PrivateKey.decode(
              hex(Vectors.cases("peer-ids.json", "cases").get(1).get("privateKeyProtobuf"))),
          PrivateKey.decode(
              hex(Vectors.cases("peer-ids.json", "cases").get(10).get("privateKeyProtobuf"))),
          PrivateKey.decode(
              hex(Vectors.cases("peer-ids.json", "cases").get(12).get("privateKeyProtobuf"))),
          PrivateKey.decode(
              hex(
                  Vectors.cases("peer-ids.json", "specKeyChecks")
                      .get(3)
                      .get("specPrivateKeyProtobuf"))));

  @Provide
  Arbitrary<PrivateKey> keys() {
    return Arbitraries.of(KEYS);
  }

  @Test
  void vectorKeysCoverEveryType() {
    assertThat(KEYS)
        .extracting(PrivateKey::type)
        .containsExactly(KeyType.ED25519, KeyType.RSA, KeyType.SECP256K1, KeyType.ECDSA);
  }

  @Property(seed = "42", tries = 400)
  void garbageSignaturesAreFalseNotExceptions(
      @ForAll("keys") PrivateKey key, @ForAll @Size(max = 600) byte[] sig) {
    assertThat(key.publicKey().verify(MESSAGE, sig)).isFalse();
  }

  @Property(seed = "42", tries = 200)
  void corruptedSignaturesAreFalseNotExceptions(
      @ForAll("keys") PrivateKey key, @ForAll int position, @ForAll byte mask) {
    byte[] sig = key.sign(MESSAGE);
    int i = Math.floorMod(position, sig.length);
    sig[i] ^= mask == 0 ? 1 : mask;

    assertThat(key.publicKey().verify(MESSAGE, sig)).isFalse();
  }

  @Test
  void ownEcdsaSignaturesAreLowSAndHighSStillVerifiesAsInGo() {
    PrivateKey key = KEYS.get(2);
    BigInteger[] rs = rs(key.sign(MESSAGE));
    byte[] highS = der(rs[0], SECP256K1_N.subtract(rs[1]));

    assertThat(rs[1]).isLessThanOrEqualTo(SECP256K1_N.shiftRight(1));
    assertThat(key.publicKey().verify(MESSAGE, highS)).isTrue();
  }

  @Test
  void ecdsaSignaturesMustBeStrictDerWithScalarsInRange() {
    for (PrivateKey key : List.of(KEYS.get(2), KEYS.get(3))) {
      byte[] good = key.sign(MESSAGE);
      BigInteger[] rs = rs(good);
      byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
      byte[] paddedR = paddedR(good);

      assertThat(key.publicKey().verify(MESSAGE, good)).isTrue();
      assertThat(key.publicKey().verify(MESSAGE, trailing)).isFalse();
      assertThat(key.publicKey().verify(MESSAGE, paddedR)).isFalse();
      assertThat(key.publicKey().verify(MESSAGE, der(BigInteger.ZERO, rs[1]))).isFalse();
      assertThat(key.publicKey().verify(MESSAGE, der(rs[0], rs[1].negate()))).isFalse();
      assertThat(key.publicKey().verify(MESSAGE, der(rs[0], rs[1].add(SECP256K1_N.shiftLeft(8)))))
          .isFalse();
      assertThat(key.publicKey().verify(MESSAGE, new byte[0])).isFalse();
    }
  }

  @Test
  void rsaSignaturesMustBeAsLongAsTheModulus() {
    PrivateKey key = KEYS.get(1);
    byte[] sig = key.sign(MESSAGE);
    byte[] longer = new byte[sig.length + 1];
    System.arraycopy(sig, 0, longer, 1, sig.length);

    assertThat(sig).hasSize(256);
    assertThat(key.publicKey().verify(MESSAGE, sig)).isTrue();
    assertThat(key.publicKey().verify(MESSAGE, longer)).isFalse();
  }

  @Test
  void generatedKeysSignVerifyAndRoundTrip() {
    SecureRandom random = new SecureRandom();
    for (PrivateKey key :
        List.of(
            Ed25519PrivateKey.generate(random),
            Secp256k1PrivateKey.generate(random),
            EcdsaPrivateKey.generate(random),
            RsaPrivateKey.generate(2048, random))) {
      PrivateKey decoded = PrivateKey.decode(key.encoded());

      assertThat(decoded.encoded()).as("%s", key.type()).isEqualTo(key.encoded());
      assertThat(decoded.publicKey()).isEqualTo(key.publicKey());
      assertThat(PublicKey.decode(key.publicKey().encoded())).isEqualTo(key.publicKey());
      assertThat(key.publicKey().verify(MESSAGE, decoded.sign(MESSAGE))).isTrue();
    }
  }

  @Test
  void generatedKeysHaveTheExpectedShapes() {
    SecureRandom random = new SecureRandom();
    assertThat(Secp256k1PrivateKey.generate(random).publicKey().raw()).hasSize(33);
    assertThat(EcdsaPrivateKey.generate(random).publicKey().curveName()).isEqualTo("P-256");
    assertThatThrownBy(() -> RsaPrivateKey.generate(1024, random))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static BigInteger[] rs(byte[] der) {
    ASN1Sequence seq = ASN1Sequence.getInstance(der);
    return new BigInteger[] {
      ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(),
      ASN1Integer.getInstance(seq.getObjectAt(1)).getValue()
    };
  }

  private static byte[] der(BigInteger r, BigInteger s) {
    return Der.encode(new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}));
  }

  /** The signature with a needless 00 in front of r (valid BER, not DER). */
  private static byte[] paddedR(byte[] der) {
    int rLength = der[3];
    byte[] out = new byte[der.length + 1];
    out[0] = 0x30;
    out[1] = (byte) (der[1] + 1);
    out[2] = 0x02;
    out[3] = (byte) (rLength + 1);
    out[4] = 0x00;
    System.arraycopy(der, 4, out, 5, der.length - 4);
    return out;
  }
}

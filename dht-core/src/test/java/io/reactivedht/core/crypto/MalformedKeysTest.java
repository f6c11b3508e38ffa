package io.reactivedht.core.crypto;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.testing.Vectors;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;

/** Key material that must be rejected with a {@link DecodingException}, never another exception. */
class MalformedKeysTest {
  /** secp256k1-a from peer-ids.json. */
  private static final byte[] SECP256K1_PUBLIC =
      hex("035f6286c9f1526717b44da71502e9fd6a2e74238ffe48cdcbdfd1129c166adb7b");

  /** The spec ECDSA P-256 key of peer-ids.json specKeyChecks (SubjectPublicKeyInfo). */
  private static final byte[] P256_SPKI =
      hex(
          "3059301306072a8648ce3d020106082a8648ce3d03010703420004de3d300fa36ae0e8"
              + "f5d530899d83abab44abf3161f162a4bc901d8e6ecda020e8b6d5f8da30525e71d6851510c098e5c47c646a597fb4dcec034e9f77c409e62");

  /** secp256k1 group order. */
  private static final BigInteger SECP256K1_N =
      new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

  @Test
  void rsaKeysBelow2048BitsAreRejectedAsGoDoes() {
    byte[] spki = rsaSpki(BigInteger.ONE.shiftLeft(2047).subtract(BigInteger.ONE)); // 2047 bits

    assertThatThrownBy(() -> RsaPublicKey.fromRaw(spki))
        .isInstanceOf(DecodingException.class)
        .hasMessage("rsa: keys must be at least 2048 bits, got 2047");
  }

  @Test
  void rsaKeysAbove8192BitsAreRejectedAsGoDoes() {
    byte[] spki = rsaSpki(BigInteger.ONE.shiftLeft(8192).add(BigInteger.ONE)); // 8193 bits

    assertThatThrownBy(() -> RsaPublicKey.fromRaw(spki))
        .isInstanceOf(DecodingException.class)
        .hasMessage("rsa: keys must be at most 8192 bits, got 8193");
  }

  @Test
  void smallRsaPrivateKeysAreRejected() {
    RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
    generator.init(
        new RSAKeyGenerationParameters(BigInteger.valueOf(65537), new SecureRandom(), 1024, 80));
    RSAPrivateCrtKeyParameters k =
        (RSAPrivateCrtKeyParameters) generator.generateKeyPair().getPrivate();
    byte[] pkcs1 =
        Der.encode(
            new RSAPrivateKey(
                k.getModulus(),
                k.getPublicExponent(),
                k.getExponent(),
                k.getP(),
                k.getQ(),
                k.getDP(),
                k.getDQ(),
                k.getQInv()));

    assertThatThrownBy(() -> RsaPrivateKey.fromRaw(pkcs1))
        .hasMessage("rsa: keys must be at least 2048 bits, got 1024");
  }

  @Test
  void rsaPrivateKeyWhosePrimesDoNotMatchIsRejected() {
    PrivateKey good =
        PrivateKey.decode(
            hex(Vectors.cases("peer-ids.json", "cases").get(10).get("privateKeyProtobuf")));
    RSAPrivateKey k = RSAPrivateKey.getInstance(good.raw());
    byte[] otherPrime =
        Der.encode(
            new RSAPrivateKey(
                k.getModulus(),
                k.getPublicExponent(),
                k.getPrivateExponent(),
                k.getPrime1().add(BigInteger.TWO),
                k.getPrime2(),
                k.getExponent1(),
                k.getExponent2(),
                k.getCoefficient()));

    assertThatThrownBy(() -> RsaPrivateKey.fromRaw(otherPrime))
        .hasMessageContaining("inconsistent");
  }

  @Test
  void rsaPublicKeyWithoutNullParametersIsRejected() {
    byte[] spki =
        Der.encode(
            new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption),
                Der.encode(
                    new RSAPublicKey(
                        BigInteger.ONE.shiftLeft(2047).add(BigInteger.ONE),
                        BigInteger.valueOf(65537)))));

    assertThatThrownBy(() -> RsaPublicKey.fromRaw(spki)).isInstanceOf(DecodingException.class);
  }

  @Test
  void nonCanonicalDerIsRejected() {
    // the P-256 SPKI with its outer length written in the long form (30 81 59 instead of 30 59)
    byte[] longForm = new byte[P256_SPKI.length + 1];
    longForm[0] = 0x30;
    longForm[1] = (byte) 0x81;
    System.arraycopy(P256_SPKI, 1, longForm, 2, P256_SPKI.length - 1);

    assertThat(EcdsaPublicKey.fromRaw(P256_SPKI).curveName()).isEqualTo("P-256");
    assertThatThrownBy(() -> EcdsaPublicKey.fromRaw(longForm)).hasMessageContaining("canonical");
  }

  @Test
  void ecdsaPointsMustBeUncompressedAndOnTheCurve() {
    EcdsaPublicKey key = EcdsaPublicKey.fromRaw(P256_SPKI);
    byte[] point = Arrays.copyOfRange(P256_SPKI, P256_SPKI.length - 65, P256_SPKI.length);
    byte[] compressed =
        Der.encode(
            new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(
                    X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1),
                EcCurve.P_256.decodePoint(point, "test").getEncoded(true)));
    byte[] offCurve = P256_SPKI.clone();
    offCurve[offCurve.length - 1] ^= 0x01;

    assertThat(key.type()).isEqualTo(KeyType.ECDSA);
    assertThatThrownBy(() -> EcdsaPublicKey.fromRaw(compressed))
        .hasMessageContaining("must be uncompressed");
    assertThatThrownBy(() -> EcdsaPublicKey.fromRaw(offCurve))
        .hasMessageContaining("not a point on P-256");
  }

  @Test
  void ecdsaOnSecp256k1OrWithoutANamedCurveIsRejected() {
    byte[] point = EcCurve.SECP256K1.decodePoint(SECP256K1_PUBLIC, "test").getEncoded(false);
    byte[] k1 =
        Der.encode(
            new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(
                    X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256k1),
                point));
    byte[] unnamed =
        Der.encode(
            new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, DERNull.INSTANCE),
                point));

    assertThatThrownBy(() -> EcdsaPublicKey.fromRaw(k1)).hasMessageContaining("unsupported curve");
    assertThatThrownBy(() -> EcdsaPublicKey.fromRaw(unnamed))
        .hasMessageContaining("does not name its curve");
  }

  @Test
  void ecdsaPrivateKeyWithAForeignPublicPointIsRejected() {
    byte[] sec1 = EcdsaPrivateKey.generate(new SecureRandom()).raw();
    byte[] other = EcdsaPrivateKey.generate(new SecureRandom()).publicKey().raw();
    // the last 65 bytes of both are the uncompressed public point
    System.arraycopy(other, other.length - 65, sec1, sec1.length - 65, 65);

    assertThatThrownBy(() -> EcdsaPrivateKey.fromRaw(sec1)).hasMessageContaining("does not match");
  }

  /** Found by KeyFuzzTest#ecdsaPrivateKey: its [1] publicKey field holds an OCTET STRING. */
  @Test
  void ecdsaPrivateKeyWithAMistypedFieldIsRejected() {
    byte[] sec1 =
        hex(
            "30770201010420366fcb3f4b6989c4b6e1d2a1a931b61a78d433718e54b6a5a4a814278c1bcfdfa00a06"
                + "082a8648ce3d030107a144044233718e54b6a5a4a814278c1bcfdfa00a06082a8648ce3d030107a1"
                + "4403420004734397c5b3e39fefebc58315cf64cf5d7e4e7d5a553a3486a117afbb9a51f3e4704d");

    assertThatThrownBy(() -> EcdsaPrivateKey.fromRaw(sec1))
        .isInstanceOf(DecodingException.class)
        .hasMessageStartingWith("ecdsa private key: malformed DER");
  }

  @Test
  void ecdsaPrivateKeyWithAnEmptyPublicPointIsRejected() {
    EcdsaPrivateKey key = EcdsaPrivateKey.generate(new SecureRandom());
    byte[] sec1 =
        Der.encode(
            new org.bouncycastle.asn1.sec.ECPrivateKey(
                256,
                org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(key.raw()).getKey(),
                new org.bouncycastle.asn1.DERBitString(new byte[0]),
                SECObjectIdentifiers.secp256r1));

    assertThatThrownBy(() -> EcdsaPrivateKey.fromRaw(sec1))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("empty point encoding");
  }

  @Test
  void secp256k1PublicKeysMustBeCompressedPointsOnTheCurve() {
    byte[] uncompressed = EcCurve.SECP256K1.decodePoint(SECP256K1_PUBLIC, "test").getEncoded(false);
    byte[] badPrefix = SECP256K1_PUBLIC.clone();
    badPrefix[0] = 0x04;
    byte[] notOnCurve = SECP256K1_PUBLIC.clone();
    Arrays.fill(notOnCurve, 1, 33, (byte) 0xff); // x >= p

    assertThat(Secp256k1PublicKey.fromRaw(SECP256K1_PUBLIC).raw()).isEqualTo(SECP256K1_PUBLIC);
    assertThatThrownBy(() -> Secp256k1PublicKey.fromRaw(uncompressed))
        .hasMessageContaining("33-byte compressed");
    assertThatThrownBy(() -> Secp256k1PublicKey.fromRaw(badPrefix))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> Secp256k1PublicKey.fromRaw(notOnCurve))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void secp256k1ScalarsMustBeInRange() {
    assertThatThrownBy(() -> Secp256k1PrivateKey.fromRaw(new byte[32]))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> Secp256k1PrivateKey.fromRaw(unsigned32(SECP256K1_N)))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> Secp256k1PrivateKey.fromRaw(new byte[31]))
        .hasMessageContaining("32 bytes");
    assertThat(Secp256k1PrivateKey.fromRaw(unsigned32(SECP256K1_N.subtract(BigInteger.ONE))).raw())
        .isEqualTo(unsigned32(SECP256K1_N.subtract(BigInteger.ONE)));
  }

  @Test
  void deeplyNestedDerIsRejectedWithoutOverflowingTheStack() {
    byte[] nested = {0x30, 0x00};
    while (nested.length < 7000) {
      nested = wrapInSequence(nested);
    }
    byte[] der = nested;

    assertThatThrownBy(() -> RsaPublicKey.fromRaw(der)).hasMessageContaining("nested deeper");
    assertThatThrownBy(() -> EcdsaPrivateKey.fromRaw(der)).hasMessageContaining("nested deeper");
    assertThatThrownBy(() -> PublicKey.decode(KeyProtobuf.encode(KeyType.ECDSA, der)))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void indefiniteLengthsAndTruncatedDerAreRejected() {
    assertThatThrownBy(() -> RsaPublicKey.fromRaw(hex("30800000")))
        .hasMessageContaining("length form");
    assertThatThrownBy(() -> RsaPublicKey.fromRaw(hex("3005020101")))
        .hasMessageContaining("exceeds");
    assertThatThrownBy(() -> RsaPublicKey.fromRaw(new byte[0]))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> RsaPrivateKey.fromRaw(hex("300302010000")))
        .isInstanceOf(DecodingException.class);
  }

  private static byte[] rsaSpki(BigInteger modulus) {
    return Der.encode(
        new SubjectPublicKeyInfo(
            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
            Der.encode(new RSAPublicKey(modulus, BigInteger.valueOf(65537)))));
  }

  private static byte[] unsigned32(BigInteger value) {
    return BigIntegers.asUnsignedByteArray(32, value);
  }

  private static byte[] wrapInSequence(byte[] content) {
    int n = content.length;
    byte[] header =
        n < 128
            ? new byte[] {0x30, (byte) n}
            : n < 256
                ? new byte[] {0x30, (byte) 0x81, (byte) n}
                : new byte[] {0x30, (byte) 0x82, (byte) (n >> 8), (byte) n};
    byte[] out = Arrays.copyOf(header, header.length + n);
    System.arraycopy(content, 0, out, header.length, n);
    return out;
  }
}

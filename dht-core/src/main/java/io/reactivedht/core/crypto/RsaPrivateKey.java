package io.reactivedht.core.crypto;

import io.reactivedht.core.multiformats.DecodingException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.RSADigestSigner;

/**
 * An RSA private key. Its protobuf {@code Data} is the DER PKCS#1 {@code RSAPrivateKey} (two
 * primes). Signs RSASSA-PKCS1-v1_5 with SHA-256 (deterministic). Keys of {@value
 * RsaPublicKey#MIN_BITS} to {@value RsaPublicKey#MAX_BITS} bits are accepted, as in go-libp2p.
 */
public final class RsaPrivateKey implements PrivateKey {
  private static final BigInteger F4 = BigInteger.valueOf(65537);

  private final RSAPrivateCrtKeyParameters key;
  private final RsaPublicKey publicKey;

  private RsaPrivateKey(RSAPrivateCrtKeyParameters key) {
    this.key = key;
    this.publicKey = RsaPublicKey.of(key.getModulus(), key.getPublicExponent());
  }

  /**
   * A fresh random key with public exponent 65537.
   *
   * @param bits the modulus size, {@value RsaPublicKey#MIN_BITS} to {@value RsaPublicKey#MAX_BITS}
   * @param random the source of the primes
   * @return the new key
   * @throws IllegalArgumentException if {@code bits} is outside the accepted range
   */
  public static RsaPrivateKey generate(int bits, SecureRandom random) {
    if (bits < RsaPublicKey.MIN_BITS || bits > RsaPublicKey.MAX_BITS) {
      throw new IllegalArgumentException(
          "rsa: keys must have "
              + RsaPublicKey.MIN_BITS
              + " to "
              + RsaPublicKey.MAX_BITS
              + " bits, got "
              + bits);
    }
    RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
    generator.init(new RSAKeyGenerationParameters(F4, random, bits, 128));
    AsymmetricCipherKeyPair pair = generator.generateKeyPair();
    return new RsaPrivateKey((RSAPrivateCrtKeyParameters) pair.getPrivate());
  }

  /**
   * Decodes a DER PKCS#1 {@code RSAPrivateKey} (version 0). The primes must multiply to the modulus
   * and the exponents must match; the CRT values are recomputed rather than trusted.
   *
   * @param raw the protobuf {@code Data}: the DER {@code RSAPrivateKey}; not retained
   * @return the key
   * @throws DecodingException otherwise, or for an unsupported size
   */
  public static RsaPrivateKey fromRaw(byte[] raw) {
    RSAPrivateKey pkcs1 = Der.parse(raw, "rsa private key", RSAPrivateKey::getInstance);
    if (pkcs1.getVersion().signum() != 0) {
      throw new DecodingException("rsa: only two-prime (version 0) private keys are supported");
    }
    BigInteger n = pkcs1.getModulus();
    RsaPublicKey.checkBits(n.signum() > 0 ? n.bitLength() : 0);
    BigInteger e = pkcs1.getPublicExponent();
    BigInteger d = pkcs1.getPrivateExponent();
    BigInteger p = pkcs1.getPrime1();
    BigInteger q = pkcs1.getPrime2();
    if (e.signum() <= 0
        || d.signum() <= 0
        || p.compareTo(BigInteger.ONE) <= 0
        || q.compareTo(BigInteger.ONE) <= 0
        || !p.multiply(q).equals(n)) {
      throw new DecodingException("rsa: private key components are inconsistent");
    }
    BigInteger pMinus1 = p.subtract(BigInteger.ONE);
    BigInteger qMinus1 = q.subtract(BigInteger.ONE);
    if (!e.multiply(d).mod(pMinus1).equals(BigInteger.ONE)
        || !e.multiply(d).mod(qMinus1).equals(BigInteger.ONE)) {
      throw new DecodingException("rsa: private exponent does not match the public exponent");
    }
    try {
      return new RsaPrivateKey(
          new RSAPrivateCrtKeyParameters(
              n, e, d, p, q, d.mod(pMinus1), d.mod(qMinus1), q.modInverse(p)));
    } catch (ArithmeticException | IllegalArgumentException ex) {
      throw new DecodingException("rsa: invalid private key (" + ex.getMessage() + ")", ex);
    }
  }

  @Override
  public KeyType type() {
    return KeyType.RSA;
  }

  @Override
  public RsaPublicKey publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(byte[] data) {
    RSADigestSigner signer = new RSADigestSigner(new SHA256Digest());
    signer.init(true, key);
    signer.update(data, 0, data.length);
    try {
      return signer.generateSignature();
    } catch (CryptoException e) {
      throw new IllegalStateException("rsa signing failed", e);
    }
  }

  @Override
  public byte[] raw() {
    return Der.encode(
        new RSAPrivateKey(
            key.getModulus(),
            key.getPublicExponent(),
            key.getExponent(),
            key.getP(),
            key.getQ(),
            key.getDP(),
            key.getDQ(),
            key.getQInv()));
  }

  @Override
  public String toString() {
    return "RsaPrivateKey[public=" + publicKey + "]";
  }
}

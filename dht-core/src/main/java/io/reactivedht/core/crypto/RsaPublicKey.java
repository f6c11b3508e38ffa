package io.reactivedht.core.crypto;

import io.reactivedht.core.multiformats.DecodingException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.jspecify.annotations.Nullable;

/**
 * An RSA public key. Its protobuf {@code Data} is the DER X.509 SubjectPublicKeyInfo ({@code
 * rsaEncryption}). Signatures are RSASSA-PKCS1-v1_5 with SHA-256. Like go-libp2p, keys must have
 * {@value #MIN_BITS} to {@value #MAX_BITS} bits.
 */
public final class RsaPublicKey implements PublicKey {
  /** The smallest modulus accepted (go-libp2p's {@code MinRsaKeyBits}). */
  public static final int MIN_BITS = 2048;

  /** The largest modulus accepted (go-libp2p's {@code maxRsaKeyBits}). */
  public static final int MAX_BITS = 8192;

  private final byte[] spki;
  private final RSAKeyParameters key;

  private RsaPublicKey(byte[] spki, RSAKeyParameters key) {
    this.spki = spki;
    this.key = key;
  }

  /**
   * A key from its canonical DER SubjectPublicKeyInfo.
   *
   * @param raw the protobuf {@code Data}: the DER SubjectPublicKeyInfo; copied
   * @return the key
   * @throws DecodingException if malformed, not canonical DER, not RSA, or of an unsupported size
   */
  public static RsaPublicKey fromRaw(byte[] raw) {
    SubjectPublicKeyInfo info =
        Der.parseCanonical(raw, "rsa public key", SubjectPublicKeyInfo::getInstance);
    AlgorithmIdentifier algorithm = info.getAlgorithm();
    if (!PKCSObjectIdentifiers.rsaEncryption.equals(algorithm.getAlgorithm())
        || !DERNull.INSTANCE.equals(algorithm.getParameters())) {
      throw new DecodingException(
          "rsa: public key algorithm is not rsaEncryption with NULL parameters");
    }
    if (info.getPublicKeyData().getPadBits() != 0) {
      throw new DecodingException("rsa: public key bit string has unused bits");
    }
    RSAPublicKey inner =
        Der.parseCanonical(
            info.getPublicKeyData().getOctets(), "rsa public key", RSAPublicKey::getInstance);
    return new RsaPublicKey(raw.clone(), parameters(inner.getModulus(), inner.getPublicExponent()));
  }

  static RsaPublicKey of(BigInteger modulus, BigInteger exponent) {
    AlgorithmIdentifier algorithm =
        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);
    byte[] spki =
        Der.encode(
            new SubjectPublicKeyInfo(algorithm, Der.encode(new RSAPublicKey(modulus, exponent))));
    return new RsaPublicKey(spki, parameters(modulus, exponent));
  }

  /**
   * Checks the size and exponent as go does, then builds (and lets BouncyCastle sanity-check) the
   * key.
   */
  private static RSAKeyParameters parameters(BigInteger modulus, BigInteger exponent) {
    checkBits(modulus.signum() > 0 ? modulus.bitLength() : 0);
    if (exponent.signum() <= 0 || exponent.bitLength() > 31) {
      throw new DecodingException("rsa: unsupported public exponent");
    }
    try {
      return new RSAKeyParameters(false, modulus, exponent);
    } catch (IllegalArgumentException e) {
      throw new DecodingException("rsa: invalid modulus (" + e.getMessage() + ")", e);
    }
  }

  static void checkBits(int bits) {
    if (bits < MIN_BITS) {
      throw new DecodingException("rsa: keys must be at least " + MIN_BITS + " bits, got " + bits);
    }
    if (bits > MAX_BITS) {
      throw new DecodingException("rsa: keys must be at most " + MAX_BITS + " bits, got " + bits);
    }
  }

  /**
   * The modulus size in bits.
   *
   * @return {@value #MIN_BITS} to {@value #MAX_BITS}
   */
  public int bits() {
    return key.getModulus().bitLength();
  }

  @Override
  public KeyType type() {
    return KeyType.RSA;
  }

  @Override
  public byte[] raw() {
    return spki.clone();
  }

  /**
   * Verifies an RSASSA-PKCS1-v1_5 SHA-256 signature, which must be exactly as long as the modulus.
   */
  @Override
  public boolean verify(byte[] data, byte[] signature) {
    if (signature.length != (bits() + 7) / 8) {
      return false;
    }
    try {
      RSADigestSigner verifier = new RSADigestSigner(new SHA256Digest());
      verifier.init(false, key);
      verifier.update(data, 0, data.length);
      return verifier.verifySignature(signature);
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RsaPublicKey other && Arrays.equals(spki, other.spki);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(spki);
  }

  @Override
  public String toString() {
    return "RsaPublicKey["
        + bits()
        + " bits, modulus "
        + key.getModulus().toString(16).substring(0, 16)
        + "…]";
  }
}

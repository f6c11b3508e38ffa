package io.reactivedht.core.crypto;

import io.reactivedht.core.multiformats.DecodingException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.util.BigIntegers;

/**
 * A secp256k1 private key: its protobuf {@code Data} is the 32-byte big-endian scalar. Signs ECDSA
 * over SHA-256(message) with an RFC 6979 nonce and a low S, DER-encoded, as go-libp2p and js-libp2p
 * do.
 */
public final class Secp256k1PrivateKey implements PrivateKey {
  /** Length of the scalar. */
  public static final int LENGTH = 32;

  private final ECPrivateKeyParameters key;
  private final Secp256k1PublicKey publicKey;

  private Secp256k1PrivateKey(BigInteger d) {
    this.key = new ECPrivateKeyParameters(d, EcCurve.SECP256K1.domain());
    this.publicKey = Secp256k1PublicKey.of(EcCurve.SECP256K1.publicPoint(d));
  }

  /**
   * A fresh random key.
   *
   * @param random the source of the private scalar
   * @return the new key
   */
  public static Secp256k1PrivateKey generate(SecureRandom random) {
    return new Secp256k1PrivateKey(EcCurve.SECP256K1.randomScalar(random));
  }

  /**
   * Decodes the protobuf {@code Data}: a 32-byte scalar in {@code [1, n-1]}.
   *
   * @param raw the big-endian scalar, exactly {@value #LENGTH} bytes; not retained
   * @return the key
   * @throws DecodingException otherwise
   */
  public static Secp256k1PrivateKey fromRaw(byte[] raw) {
    if (raw.length != LENGTH) {
      throw new DecodingException("secp256k1: private key must be 32 bytes, got " + raw.length);
    }
    return new Secp256k1PrivateKey(
        EcCurve.SECP256K1.checkScalar(new BigInteger(1, raw), "secp256k1"));
  }

  @Override
  public KeyType type() {
    return KeyType.SECP256K1;
  }

  @Override
  public Secp256k1PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(byte[] data) {
    return Ecdsa.sign(key, data);
  }

  @Override
  public byte[] raw() {
    return BigIntegers.asUnsignedByteArray(LENGTH, key.getD());
  }

  @Override
  public String toString() {
    return "Secp256k1PrivateKey[public=" + publicKey + "]";
  }
}

package io.reactivedht.core.crypto;

import io.reactivedht.core.multiformats.DecodingException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.jspecify.annotations.Nullable;

/**
 * A secp256k1 public key: the 33-byte compressed point (other point encodings are rejected).
 * Signatures are ECDSA over SHA-256(message), DER-encoded; see {@link #verify} for what is
 * accepted.
 */
public final class Secp256k1PublicKey implements PublicKey {
  /** Length of a compressed point. */
  public static final int LENGTH = 33;

  private final byte[] compressed;
  private final ECPublicKeyParameters key;

  private Secp256k1PublicKey(ECPoint point) {
    this.compressed = point.getEncoded(true);
    this.key = new ECPublicKeyParameters(point, EcCurve.SECP256K1.domain());
  }

  /**
   * A key from its 33-byte compressed point.
   *
   * @param raw the compressed point: {@code 02} or {@code 03}, then the 32-byte x coordinate
   * @return the key
   * @throws DecodingException if not 33 bytes, not compressed, or not on the curve
   */
  public static Secp256k1PublicKey fromRaw(byte[] raw) {
    if (raw.length != LENGTH || (raw[0] != 0x02 && raw[0] != 0x03)) {
      throw new DecodingException(
          "secp256k1: public key must be a 33-byte compressed point, got " + raw.length + " bytes");
    }
    return new Secp256k1PublicKey(EcCurve.SECP256K1.decodePoint(raw, "secp256k1"));
  }

  static Secp256k1PublicKey of(ECPoint point) {
    return new Secp256k1PublicKey(point);
  }

  @Override
  public KeyType type() {
    return KeyType.SECP256K1;
  }

  @Override
  public byte[] raw() {
    return compressed.clone();
  }

  /**
   * Verifies a DER signature over SHA-256(data). Like go-libp2p (decred secp256k1), only strict DER
   * with r and s in {@code [1, n-1]} is read, and high-S signatures are accepted; our own
   * signatures are always low-S.
   */
  @Override
  public boolean verify(byte[] data, byte[] signature) {
    return Ecdsa.verify(key, data, signature);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Secp256k1PublicKey other && Arrays.equals(compressed, other.compressed);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(compressed);
  }

  @Override
  public String toString() {
    return "Secp256k1PublicKey[" + HexFormat.of().formatHex(compressed) + "]";
  }
}

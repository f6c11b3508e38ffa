package io.reactivedht.core.crypto;

import io.reactivedht.core.multiformats.DecodingException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.jspecify.annotations.Nullable;

/**
 * An ECDSA public key on a NIST curve (P-224, P-256, P-384 or P-521, the named curves go's x509
 * accepts). Its protobuf {@code Data} is the DER X.509 SubjectPublicKeyInfo with a named curve and
 * an uncompressed point, as the spec and go-libp2p write it. (js-libp2p writes another structure,
 * which is rejected here.) Signatures are DER ECDSA over SHA-256(message).
 */
public final class EcdsaPublicKey implements PublicKey {
  private final EcCurve curve;
  private final byte[] spki;
  private final ECPublicKeyParameters key;

  private EcdsaPublicKey(EcCurve curve, ECPoint point, byte[] spki) {
    this.curve = curve;
    this.spki = spki;
    this.key = new ECPublicKeyParameters(point, curve.domain());
  }

  /**
   * A key from its canonical DER SubjectPublicKeyInfo.
   *
   * @param raw the protobuf {@code Data}: the DER SubjectPublicKeyInfo; copied
   * @return the key
   * @throws DecodingException if it is malformed, not canonical DER, not an EC key on a supported
   *     named curve, or its point is not uncompressed and on the curve
   */
  public static EcdsaPublicKey fromRaw(byte[] raw) {
    SubjectPublicKeyInfo info =
        Der.parseCanonical(raw, "ecdsa public key", SubjectPublicKeyInfo::getInstance);
    AlgorithmIdentifier algorithm = info.getAlgorithm();
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
      throw new DecodingException(
          "ecdsa: public key algorithm " + algorithm.getAlgorithm() + " is not id-ecPublicKey");
    }
    if (!(algorithm.getParameters() instanceof ASN1ObjectIdentifier oid)) {
      throw new DecodingException("ecdsa: public key does not name its curve");
    }
    EcCurve curve =
        EcCurve.nist(oid)
            .orElseThrow(() -> new DecodingException("ecdsa: unsupported curve " + oid));
    ASN1BitString bits = info.getPublicKeyData();
    byte[] point = bits.getPadBits() == 0 ? bits.getOctets() : new byte[0];
    if (point.length != 1 + 2 * curve.fieldBytes() || point[0] != 0x04) {
      throw new DecodingException(
          "ecdsa: public point must be uncompressed ("
              + (1 + 2 * curve.fieldBytes())
              + " bytes for "
              + curve.displayName()
              + ")");
    }
    return new EcdsaPublicKey(curve, curve.decodePoint(point, "ecdsa"), raw.clone());
  }

  static EcdsaPublicKey of(EcCurve curve, ECPoint point) {
    AlgorithmIdentifier algorithm =
        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve.oid());
    byte[] spki = Der.encode(new SubjectPublicKeyInfo(algorithm, point.getEncoded(false)));
    return new EcdsaPublicKey(curve, point, spki);
  }

  /**
   * The curve.
   *
   * @return {@code "P-224"}, {@code "P-256"}, {@code "P-384"} or {@code "P-521"}
   */
  public String curveName() {
    return curve.displayName();
  }

  @Override
  public KeyType type() {
    return KeyType.ECDSA;
  }

  @Override
  public byte[] raw() {
    return spki.clone();
  }

  /**
   * Verifies a strict-DER ECDSA signature over SHA-256(data); raw {@code r||s} signatures are not
   * accepted.
   */
  @Override
  public boolean verify(byte[] data, byte[] signature) {
    return Ecdsa.verify(key, data, signature);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof EcdsaPublicKey other && Arrays.equals(spki, other.spki);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(spki);
  }

  @Override
  public String toString() {
    return "EcdsaPublicKey["
        + curve.displayName()
        + ", "
        + HexFormat.of().formatHex(key.getQ().getEncoded(true))
        + "]";
  }
}

package io.reactivedht.core.crypto;

import io.reactivedht.core.multiformats.DecodingException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An ECDSA private key on a NIST curve. Its protobuf {@code Data} is a DER SEC1 {@code
 * ECPrivateKey} (RFC 5915) naming its curve, written as go's {@code x509.MarshalECPrivateKey} does
 * (scalar padded to the order's length, named curve, public point). Signs DER ECDSA over
 * SHA-256(message) with an RFC 6979 nonce and a low S.
 */
public final class EcdsaPrivateKey implements PrivateKey {
  private final EcCurve curve;
  private final ECPrivateKeyParameters key;
  private final EcdsaPublicKey publicKey;

  private EcdsaPrivateKey(EcCurve curve, BigInteger d) {
    this.curve = curve;
    this.key = new ECPrivateKeyParameters(d, curve.domain());
    this.publicKey = EcdsaPublicKey.of(curve, curve.publicPoint(d));
  }

  /**
   * A fresh random P-256 key, the curve go-libp2p generates.
   *
   * @param random the source of the private scalar
   * @return the new key
   */
  public static EcdsaPrivateKey generate(SecureRandom random) {
    return new EcdsaPrivateKey(EcCurve.P_256, EcCurve.P_256.randomScalar(random));
  }

  /**
   * Decodes a DER SEC1 {@code ECPrivateKey} (version 1) that names a supported curve; an embedded
   * public point must match the scalar.
   *
   * @param raw the protobuf {@code Data}: the DER {@code ECPrivateKey}; not retained
   * @return the key
   * @throws DecodingException otherwise
   */
  public static EcdsaPrivateKey fromRaw(byte[] raw) {
    ECPrivateKey sec1 =
        Der.parse(
            raw,
            "ecdsa private key",
            primitive -> {
              ASN1Sequence sequence = ASN1Sequence.getInstance(primitive);
              if (sequence.size() < 2 || !new ASN1Integer(1).equals(sequence.getObjectAt(0))) {
                throw new DecodingException(
                    "ecdsa: private key is not a version 1 SEC1 ECPrivateKey");
              }
              ECPrivateKey key = ECPrivateKey.getInstance(sequence);
              // BouncyCastle reads the fields lazily: read them here, where a malformed one is
              // still reported as a DecodingException
              key.getKey();
              key.getParametersObject();
              key.getPublicKey();
              return key;
            });
    if (!(sec1.getParametersObject() instanceof ASN1ObjectIdentifier oid)) {
      throw new DecodingException("ecdsa: private key does not name its curve");
    }
    EcCurve curve =
        EcCurve.nist(oid)
            .orElseThrow(() -> new DecodingException("ecdsa: unsupported curve " + oid));
    EcdsaPrivateKey key = new EcdsaPrivateKey(curve, curve.checkScalar(sec1.getKey(), "ecdsa"));
    ASN1BitString embedded = sec1.getPublicKey();
    if (embedded != null) {
      byte[] encoded = embedded.getPadBits() == 0 ? embedded.getOctets() : new byte[0];
      ECPoint point = curve.decodePoint(encoded, "ecdsa private key's public point");
      if (!point.equals(key.key.getParameters().getG().multiply(key.key.getD()))) {
        throw new DecodingException("ecdsa: embedded public key does not match the private scalar");
      }
    }
    return key;
  }

  @Override
  public KeyType type() {
    return KeyType.ECDSA;
  }

  @Override
  public EcdsaPublicKey publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(byte[] data) {
    return Ecdsa.sign(key, data);
  }

  @Override
  public byte[] raw() {
    byte[] point = curve.publicPoint(key.getD()).getEncoded(false);
    return Der.encode(
        new ECPrivateKey(
            curve.order().bitLength(), key.getD(), new DERBitString(point), curve.oid()));
  }

  @Override
  public String toString() {
    return "EcdsaPrivateKey[public=" + publicKey + "]";
  }
}

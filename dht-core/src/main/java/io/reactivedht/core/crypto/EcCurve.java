package io.reactivedht.core.crypto;

import io.reactivedht.core.multiformats.DecodingException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * The elliptic curves of libp2p keys: the NIST curves that go's x509 accepts for ECDSA keys, and
 * secp256k1. Uses BouncyCastle's lightweight API; no JCE provider is registered.
 */
enum EcCurve {
  P_224("P-224", SECObjectIdentifiers.secp224r1),
  P_256("P-256", SECObjectIdentifiers.secp256r1),
  P_384("P-384", SECObjectIdentifiers.secp384r1),
  P_521("P-521", SECObjectIdentifiers.secp521r1),
  SECP256K1("secp256k1", SECObjectIdentifiers.secp256k1);

  private final String displayName;

  // BouncyCastle's domain parameters are immutable (final fields, the seed array cloned on the way
  // out) but carry no @Immutable annotation for Error Prone to see
  @SuppressWarnings("ImmutableEnumChecker")
  private final ECNamedDomainParameters domain;

  EcCurve(String displayName, ASN1ObjectIdentifier oid) {
    this.displayName = displayName;
    this.domain = new ECNamedDomainParameters(oid, CustomNamedCurves.getByOID(oid));
  }

  /** The NIST curve (allowed for ECDSA keys) with this object identifier. */
  static Optional<EcCurve> nist(ASN1ObjectIdentifier oid) {
    for (EcCurve curve : values()) {
      if (curve != SECP256K1 && curve.oid().equals(oid)) {
        return Optional.of(curve);
      }
    }
    return Optional.empty();
  }

  String displayName() {
    return displayName;
  }

  ASN1ObjectIdentifier oid() {
    return domain.getName();
  }

  ECNamedDomainParameters domain() {
    return domain;
  }

  BigInteger order() {
    return domain.getN();
  }

  /** Bytes of a field element, and of each coordinate in an uncompressed point. */
  int fieldBytes() {
    return (domain.getCurve().getFieldSize() + 7) / 8;
  }

  /** The public point {@code d·G}. */
  ECPoint publicPoint(BigInteger d) {
    return domain.getG().multiply(d).normalize();
  }

  /** A uniformly random private scalar in {@code [1, n-1]}. */
  BigInteger randomScalar(SecureRandom random) {
    return BigIntegers.createRandomInRange(
        BigInteger.ONE, order().subtract(BigInteger.ONE), random);
  }

  /** Checks that a decoded private scalar lies in {@code [1, n-1]}. */
  BigInteger checkScalar(BigInteger d, String what) {
    if (d.signum() <= 0 || d.compareTo(order()) >= 0) {
      throw new DecodingException(what + ": private scalar out of range for " + displayName);
    }
    return d;
  }

  /** Decodes an encoded point, which must lie on the curve and not be the point at infinity. */
  ECPoint decodePoint(byte[] encoded, String what) {
    if (encoded.length == 0) { // BouncyCastle reads encoded[0] unchecked
      throw new DecodingException(what + ": empty point encoding for " + displayName);
    }
    try {
      ECPoint point = domain.getCurve().decodePoint(encoded);
      if (point.isInfinity() || !point.isValid()) {
        throw new DecodingException(what + ": not a point on " + displayName);
      }
      return point.normalize();
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new DecodingException(what + ": not a point on " + displayName, e);
    }
  }
}

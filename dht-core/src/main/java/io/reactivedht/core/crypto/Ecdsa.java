package io.reactivedht.core.crypto;

import io.reactivedht.core.multiformats.Multihash;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * ECDSA as libp2p uses it for ECDSA and secp256k1 keys: over SHA-256(message), signatures DER
 * {@code SEQUENCE {INTEGER r, INTEGER s}}. Signing is deterministic (RFC 6979) and low-S (BIP 62);
 * verification, like go-libp2p's, takes only strict DER with r and s in {@code [1, n-1]} and
 * accepts either S.
 */
final class Ecdsa {
  /** Longer than any DER signature on the supported curves (P-521: 139 bytes). */
  static final int MAX_SIGNATURE_BYTES = 160;

  private Ecdsa() {}

  static byte[] sign(ECPrivateKeyParameters key, byte[] data) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, key);
    BigInteger[] rs = signer.generateSignature(Multihash.sha256Digest(data));
    BigInteger n = key.getParameters().getN();
    BigInteger s = rs[1].compareTo(n.shiftRight(1)) > 0 ? n.subtract(rs[1]) : rs[1];
    return Der.encode(
        new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(s)}));
  }

  static boolean verify(ECPublicKeyParameters key, byte[] data, byte[] signature) {
    if (signature.length > MAX_SIGNATURE_BYTES) {
      return false;
    }
    try {
      ASN1Sequence seq =
          Der.parseCanonical(signature, "ecdsa signature", ASN1Sequence::getInstance);
      if (seq.size() != 2) {
        return false;
      }
      BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
      BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
      BigInteger n = key.getParameters().getN();
      if (r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
        return false;
      }
      ECDSASigner verifier = new ECDSASigner();
      verifier.init(false, key);
      return verifier.verifySignature(Multihash.sha256Digest(data), r, s);
    } catch (RuntimeException e) { // a malformed signature, never an error
      return false;
    }
  }
}

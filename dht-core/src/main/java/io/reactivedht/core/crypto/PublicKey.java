package io.reactivedht.core.crypto;

/**
 * A libp2p public key of any of the four types found on the IPFS network. Implementations are
 * immutable and compare equal by their protobuf encoding.
 */
public interface PublicKey {
  /**
   * The key type.
   *
   * @return the type, matching the implementing class
   */
  KeyType type();

  /**
   * The protobuf {@code Data} field: raw 32 bytes for Ed25519, DER SPKI for RSA and ECDSA, 33 bytes
   * for secp256k1.
   *
   * @return a copy of the encoding
   */
  byte[] raw();

  /**
   * The deterministic libp2p {@code PublicKey} protobuf: {@code 08 <type> 12 <len> <data>}.
   *
   * @return a new array holding the protobuf, the bytes that peer ids are derived from
   */
  default byte[] encoded() {
    return KeyProtobuf.encode(type(), raw());
  }

  /**
   * Whether {@code signature} is this key's valid signature over {@code data}; never throws for bad
   * input.
   *
   * @param data the signed message
   * @param signature the signature in this key type's libp2p encoding
   * @return {@code true} only for a valid signature; {@code false} for a malformed one
   */
  boolean verify(byte[] data, byte[] signature);

  /**
   * Decodes a libp2p {@code PublicKey} protobuf.
   *
   * @param protobuf the encoded protobuf, as {@link #encoded()} writes it; not retained
   * @return the key, of the implementing class for its type (e.g. {@link Ed25519PublicKey})
   * @throws io.reactivedht.core.multiformats.DecodingException if malformed or of an unsupported
   *     type
   */
  static PublicKey decode(byte[] protobuf) {
    return Keys.decodePublic(protobuf);
  }
}

package io.reactivedht.core.crypto;

/**
 * A libp2p public key of any of the four types found on the IPFS network. Implementations are
 * immutable and compare equal by their protobuf encoding.
 */
public interface PublicKey {
  /** The key type. */
  KeyType type();

  /**
   * The protobuf {@code Data} field: raw 32 bytes for Ed25519, DER SPKI for RSA and ECDSA, 33 bytes
   * for secp256k1.
   */
  byte[] raw();

  /** The deterministic libp2p {@code PublicKey} protobuf: {@code 08 <type> 12 <len> <data>}. */
  default byte[] encoded() {
    return KeyProtobuf.encode(type(), raw());
  }

  /**
   * Whether {@code signature} is this key's valid signature over {@code data}; never throws for bad
   * input.
   */
  boolean verify(byte[] data, byte[] signature);

  /**
   * Decodes a libp2p {@code PublicKey} protobuf.
   *
   * @throws io.reactivedht.core.multiformats.DecodingException if malformed or of an unsupported
   *     type
   */
  static PublicKey decode(byte[] protobuf) {
    return Keys.decodePublic(protobuf);
  }
}

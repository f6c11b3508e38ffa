package io.reactivedht.core.crypto;

/** A libp2p private key: signs, and knows its public key. */
public interface PrivateKey {
  /** The key type. */
  KeyType type();

  /** The matching public key. */
  PublicKey publicKey();

  /** Signs {@code data} with the key type's libp2p signature scheme. */
  byte[] sign(byte[] data);

  /** The protobuf {@code Data} field. */
  byte[] raw();

  /**
   * The libp2p {@code PrivateKey} protobuf: {@code 08 <type> 12 <len> <data>}, as key files store
   * it.
   */
  default byte[] encoded() {
    return KeyProtobuf.encode(type(), raw());
  }

  /**
   * Decodes a libp2p {@code PrivateKey} protobuf.
   *
   * @throws io.reactivedht.core.multiformats.DecodingException if malformed or of an unsupported
   *     type
   */
  static PrivateKey decode(byte[] protobuf) {
    return Keys.decodePrivate(protobuf);
  }
}

package io.reactivedht.core.crypto;

/** A libp2p private key: signs, and knows its public key. */
public interface PrivateKey {
  /**
   * The key type.
   *
   * @return the type, matching the implementing class
   */
  KeyType type();

  /**
   * The matching public key.
   *
   * @return the public key, of the same {@link #type()}
   */
  PublicKey publicKey();

  /**
   * Signs {@code data} with the key type's libp2p signature scheme.
   *
   * @param data the message to sign, of any length
   * @return the signature, which {@link PublicKey#verify} of {@link #publicKey()} accepts
   */
  byte[] sign(byte[] data);

  /**
   * The protobuf {@code Data} field.
   *
   * @return a new array holding the type-specific encoding of the key; secret material
   */
  byte[] raw();

  /**
   * The libp2p {@code PrivateKey} protobuf: {@code 08 <type> 12 <len> <data>}, as key files store
   * it.
   *
   * @return a new array holding the protobuf; secret material
   */
  default byte[] encoded() {
    return KeyProtobuf.encode(type(), raw());
  }

  /**
   * Decodes a libp2p {@code PrivateKey} protobuf.
   *
   * @param protobuf the encoded protobuf, as {@link #encoded()} writes it; not retained
   * @return the key, of the implementing class for its type (e.g. {@link Ed25519PrivateKey})
   * @throws io.reactivedht.core.multiformats.DecodingException if malformed or of an unsupported
   *     type
   */
  static PrivateKey decode(byte[] protobuf) {
    return Keys.decodePrivate(protobuf);
  }
}

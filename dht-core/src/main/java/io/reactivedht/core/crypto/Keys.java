package io.reactivedht.core.crypto;

/** Decoding of the key protobufs into typed keys. */
final class Keys {
  private Keys() {}

  static PublicKey decodePublic(byte[] protobuf) {
    KeyProtobuf.Decoded d = KeyProtobuf.decode(protobuf);
    return switch (d.type()) {
      case RSA -> RsaPublicKey.fromRaw(d.data());
      case ED25519 -> Ed25519PublicKey.fromRaw(d.data());
      case SECP256K1 -> Secp256k1PublicKey.fromRaw(d.data());
      case ECDSA -> EcdsaPublicKey.fromRaw(d.data());
    };
  }

  static PrivateKey decodePrivate(byte[] protobuf) {
    KeyProtobuf.Decoded d = KeyProtobuf.decode(protobuf);
    return switch (d.type()) {
      case RSA -> RsaPrivateKey.fromRaw(d.data());
      case ED25519 -> Ed25519PrivateKey.fromRaw(d.data());
      case SECP256K1 -> Secp256k1PrivateKey.fromRaw(d.data());
      case ECDSA -> EcdsaPrivateKey.fromRaw(d.data());
    };
  }
}

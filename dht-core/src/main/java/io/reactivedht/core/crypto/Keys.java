package io.reactivedht.core.crypto;

import io.reactivedht.core.multiformats.DecodingException;

/** Decoding of the key protobufs into typed keys. */
final class Keys {
  private Keys() {}

  static PublicKey decodePublic(byte[] protobuf) {
    KeyProtobuf.Decoded d = KeyProtobuf.decode(protobuf);
    return switch (d.type()) {
      case ED25519 -> Ed25519PublicKey.fromRaw(d.data());
      default -> throw new DecodingException("key: " + d.type() + " public keys are not supported yet");
    };
  }

  static PrivateKey decodePrivate(byte[] protobuf) {
    KeyProtobuf.Decoded d = KeyProtobuf.decode(protobuf);
    return switch (d.type()) {
      case ED25519 -> Ed25519PrivateKey.fromRaw(d.data());
      default -> throw new DecodingException("key: " + d.type() + " private keys are not supported yet");
    };
  }
}

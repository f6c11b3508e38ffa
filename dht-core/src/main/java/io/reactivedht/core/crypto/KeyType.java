package io.reactivedht.core.crypto;

import io.reactivedht.core.multiformats.DecodingException;

/** The libp2p key types, with their protobuf enum numbers. */
public enum KeyType {
  RSA(0),
  ED25519(1),
  SECP256K1(2),
  ECDSA(3);

  private final int number;

  KeyType(int number) {
    this.number = number;
  }

  /** The protobuf enum number. */
  public int number() {
    return number;
  }

  /** The type for a protobuf enum number. @throws DecodingException for an unknown number */
  public static KeyType forNumber(long number) {
    for (KeyType t : values()) {
      if (t.number == number) {
        return t;
      }
    }
    throw new DecodingException("key: unknown key type " + number);
  }
}

package io.reactivedht.core.crypto;

import io.reactivedht.core.multiformats.DecodingException;

/** The libp2p key types, with their protobuf enum numbers. */
public enum KeyType {
  /** RSA, number 0: see {@link RsaPublicKey}. */
  RSA(0),
  /** Ed25519, number 1: see {@link Ed25519PublicKey}. */
  ED25519(1),
  /** ECDSA on secp256k1, number 2: see {@link Secp256k1PublicKey}. */
  SECP256K1(2),
  /** ECDSA on a NIST curve, number 3: see {@link EcdsaPublicKey}. */
  ECDSA(3);

  private final int number;

  KeyType(int number) {
    this.number = number;
  }

  /**
   * The protobuf enum number.
   *
   * @return the number, 0 to 3
   */
  public int number() {
    return number;
  }

  /**
   * The type for a protobuf enum number.
   *
   * @param number the {@code Type} field of a key protobuf
   * @return the key type
   * @throws DecodingException for an unknown number
   */
  public static KeyType forNumber(long number) {
    for (KeyType t : values()) {
      if (t.number == number) {
        return t;
      }
    }
    throw new DecodingException("key: unknown key type " + number);
  }
}

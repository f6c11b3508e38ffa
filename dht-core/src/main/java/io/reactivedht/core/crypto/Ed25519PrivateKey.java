package io.reactivedht.core.crypto;

import com.google.crypto.tink.subtle.Ed25519Sign;
import io.reactivedht.core.multiformats.DecodingException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * An Ed25519 private key. Its protobuf {@code Data} is {@code seed || public} (64 bytes); the
 * legacy {@code seed || public || public} form (96 bytes) is accepted when decoding.
 */
public final class Ed25519PrivateKey implements PrivateKey {
  private final byte[] seed;
  private final Ed25519PublicKey publicKey;
  private final Ed25519Sign signer;

  private Ed25519PrivateKey(byte[] seed) {
    try {
      Ed25519Sign.KeyPair pair = Ed25519Sign.KeyPair.newKeyPairFromSeed(seed);
      this.seed = seed;
      this.publicKey = Ed25519PublicKey.fromRaw(pair.getPublicKey());
      this.signer = new Ed25519Sign(seed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ed25519 is unavailable", e);
    }
  }

  /**
   * A fresh random key.
   *
   * @param random the source of the 32-byte seed
   * @return the new key
   */
  public static Ed25519PrivateKey generate(SecureRandom random) {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    return new Ed25519PrivateKey(seed);
  }

  /**
   * The key for a 32-byte seed (deterministic: the same seed always gives the same peer id).
   *
   * @param seed the seed, exactly 32 bytes (else {@link IllegalArgumentException}); copied
   * @return the key
   */
  public static Ed25519PrivateKey fromSeed(byte[] seed) {
    if (seed.length != 32) {
      throw new IllegalArgumentException("ed25519: seed must be 32 bytes, got " + seed.length);
    }
    return new Ed25519PrivateKey(seed.clone());
  }

  /**
   * Decodes the protobuf {@code Data}: 64 or legacy 96 bytes whose public part matches the seed.
   *
   * @param raw {@code seed || public}, or {@code seed || public || public}; not retained
   * @return the key
   */
  public static Ed25519PrivateKey fromRaw(byte[] raw) {
    if (raw.length != 64 && raw.length != 96) {
      throw new DecodingException("ed25519: private key must be 64 or 96 bytes, got " + raw.length);
    }
    Ed25519PrivateKey key = new Ed25519PrivateKey(Arrays.copyOfRange(raw, 0, 32));
    byte[] pub = key.publicKey.raw();
    for (int offset = 32; offset < raw.length; offset += 32) {
      if (!Arrays.equals(pub, Arrays.copyOfRange(raw, offset, offset + 32))) {
        throw new DecodingException("ed25519: embedded public key does not match the seed");
      }
    }
    return key;
  }

  /**
   * The seed, from which the whole key derives.
   *
   * @return a copy of the 32-byte seed; secret material
   */
  public byte[] seed() {
    return seed.clone();
  }

  @Override
  public KeyType type() {
    return KeyType.ED25519;
  }

  @Override
  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(byte[] data) {
    try {
      return signer.sign(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ed25519 signing failed", e);
    }
  }

  @Override
  public byte[] raw() {
    byte[] out = Arrays.copyOf(seed, 64);
    System.arraycopy(publicKey.raw(), 0, out, 32, 32);
    return out;
  }

  @Override
  public String toString() {
    return "Ed25519PrivateKey[public=" + publicKey + "]";
  }
}

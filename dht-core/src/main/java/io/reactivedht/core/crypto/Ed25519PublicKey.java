package io.reactivedht.core.crypto;

import com.google.crypto.tink.subtle.Ed25519Verify;
import io.reactivedht.core.multiformats.DecodingException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** An Ed25519 public key: 32 raw bytes; signatures are plain RFC 8032 over the message. */
public final class Ed25519PublicKey implements PublicKey {
  private final byte[] key;
  private final Ed25519Verify verifier;

  private Ed25519PublicKey(byte[] key) {
    this.key = key;
    this.verifier = new Ed25519Verify(key);
  }

  /**
   * A key from its 32 raw bytes.
   *
   * @param raw the encoded point, as RFC 8032 writes it; copied
   * @return the key
   * @throws DecodingException if not 32 bytes
   */
  public static Ed25519PublicKey fromRaw(byte[] raw) {
    if (raw.length != 32) {
      throw new DecodingException("ed25519: public key must be 32 bytes, got " + raw.length);
    }
    return new Ed25519PublicKey(raw.clone());
  }

  @Override
  public KeyType type() {
    return KeyType.ED25519;
  }

  @Override
  public byte[] raw() {
    return key.clone();
  }

  @Override
  public boolean verify(byte[] data, byte[] signature) {
    if (signature.length != 64) {
      return false;
    }
    try {
      verifier.verify(signature, data);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Ed25519PublicKey other && Arrays.equals(key, other.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "Ed25519PublicKey[" + java.util.HexFormat.of().formatHex(key) + "]";
  }
}

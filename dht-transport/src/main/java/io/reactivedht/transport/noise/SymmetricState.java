package io.reactivedht.transport.noise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Noise SymmetricState of {@code Noise_XX_25519_ChaChaPoly_SHA256}: the chaining key {@code
 * ck}, the handshake hash {@code h} and the CipherState they key. Not thread-safe.
 */
final class SymmetricState {
  /** Exactly 32 bytes, so it is the initial {@code h} as is, unhashed. */
  static final String PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256";

  private byte[] ck;
  private byte[] h;
  private CipherState cipher = new CipherState();

  /** Initialised with the protocol name, then {@code MixHash(prologue)}. */
  SymmetricState(byte[] prologue) {
    h = PROTOCOL_NAME.getBytes(StandardCharsets.US_ASCII);
    ck = h.clone();
    mixHash(prologue);
  }

  /**
   * The two CipherStates after the handshake: initiator to responder, and responder to initiator.
   */
  record Split(CipherState initiatorToResponder, CipherState responderToInitiator) {}

  /** {@code h = SHA256(h || data)}. */
  void mixHash(byte[] data) {
    MessageDigest sha256 = sha256();
    sha256.update(h);
    sha256.update(data);
    h = sha256.digest();
  }

  /** {@code (ck, k) = HKDF(ck, ikm)}; the CipherState takes key k and counter 0. */
  void mixKey(byte[] ikm) {
    byte[][] out = hkdf(ck, ikm);
    ck = out[0];
    cipher = new CipherState(out[1], 0);
  }

  /**
   * Encrypts with {@code h} as associated data (or passes through before any key) and hashes the
   * result.
   */
  byte[] encryptAndHash(byte[] plaintext) {
    byte[] ciphertext = cipher.encrypt(h, plaintext);
    mixHash(ciphertext);
    return ciphertext;
  }

  /**
   * The mirror of {@link #encryptAndHash}; throws {@link NoiseException} if the ciphertext does not
   * authenticate.
   */
  byte[] decryptAndHash(byte[] ciphertext) {
    byte[] plaintext = cipher.decrypt(h, ciphertext);
    mixHash(ciphertext);
    return plaintext;
  }

  /** Whether a key has been mixed in, so payloads are encrypted. */
  boolean hasKey() {
    return cipher.hasKey();
  }

  /** The transport CipherStates: {@code (k1, k2) = HKDF(ck, empty)}. */
  Split split() {
    byte[][] out = hkdf(ck, new byte[0]);
    return new Split(new CipherState(out[0], 0), new CipherState(out[1], 0));
  }

  /** The handshake hash. */
  byte[] handshakeHash() {
    return h.clone();
  }

  /**
   * The Noise HKDF with two outputs: {@code t = HMAC(ck, ikm); o1 = HMAC(t, 0x01); o2 = HMAC(t, o1
   * || 0x02)}. Not RFC 5869 with an info string.
   */
  static byte[][] hkdf(byte[] chainingKey, byte[] ikm) {
    byte[] temp = hmac(chainingKey, ikm);
    byte[] out1 = hmac(temp, new byte[] {1});
    byte[] in2 = Arrays.copyOf(out1, out1.length + 1);
    in2[out1.length] = 2;
    byte[] out2 = hmac(temp, in2);
    return new byte[][] {out1, out2};
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}

package io.reactivedht.transport.noise;

import io.reactivedht.transport.noise.NoiseException.Reason;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A Noise CipherState: ChaCha20-Poly1305 under key {@code k} with the 64-bit counter {@code n} as
 * nonce ({@code 00000000 || uint64_le(n)}). Without a key it passes plaintext through. Not
 * thread-safe.
 */
final class CipherState {
  static final int TAG_LENGTH = 16;

  /** {@code 2^64 - 1} as an unsigned long: reserved, never used as a nonce. */
  private static final long RESERVED_NONCE = -1L;

  private final byte @Nullable [] key;
  private final @Nullable Cipher cipher;
  private long nonce;

  /** A CipherState without a key. */
  CipherState() {
    this(null, 0);
  }

  /** A CipherState with key {@code key} (32 bytes) and counter {@code nonce} (unsigned). */
  CipherState(byte @Nullable [] key, long nonce) {
    this.key = key == null ? null : key.clone();
    this.nonce = nonce;
    try {
      this.cipher = key == null ? null : Cipher.getInstance("ChaCha20-Poly1305");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks ChaCha20-Poly1305", e);
    }
  }

  boolean hasKey() {
    return key != null;
  }

  /** The key, for tests against vectors. */
  byte @Nullable [] key() {
    return key == null ? null : key.clone();
  }

  /** The counter the next message uses (unsigned). */
  long nonce() {
    return nonce;
  }

  /** The Noise spec's {@code SetNonce}: the counter the next message uses (unsigned). */
  void setNonce(long n) {
    nonce = n;
  }

  /**
   * {@code plaintext} encrypted with associated data {@code ad} ({@code ciphertext || tag}); n +=
   * 1.
   */
  byte[] encrypt(byte[] ad, byte[] plaintext) {
    return encrypt(ad, plaintext, 0, plaintext.length);
  }

  /** {@code plaintext[offset, offset + length)} encrypted; see {@link #encrypt(byte[], byte[])}. */
  byte[] encrypt(byte[] ad, byte[] plaintext, int offset, int length) {
    Cipher cipher = this.cipher;
    byte[] key = this.key;
    if (cipher == null || key == null) {
      return Arrays.copyOfRange(plaintext, offset, offset + length);
    }
    checkNonce();
    try {
      init(cipher, key, Cipher.ENCRYPT_MODE);
      cipher.updateAAD(ad);
      byte[] out = cipher.doFinal(plaintext, offset, length);
      nonce++;
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("chacha20-poly1305 encryption failed", e);
    }
  }

  /**
   * Encrypts {@code plaintext[offset, offset + length)} into {@code out} at {@code outOffset}
   * ({@code ciphertext || tag}, {@link #TAG_LENGTH} bytes longer than the plaintext, or a copy
   * without a key); n += 1.
   *
   * @return the number of bytes written to {@code out}
   */
  int encryptInto(byte[] ad, byte[] plaintext, int offset, int length, byte[] out, int outOffset) {
    Cipher cipher = this.cipher;
    byte[] key = this.key;
    if (cipher == null || key == null) {
      System.arraycopy(plaintext, offset, out, outOffset, length);
      return length;
    }
    checkNonce();
    try {
      init(cipher, key, Cipher.ENCRYPT_MODE);
      cipher.updateAAD(ad);
      int written = cipher.doFinal(plaintext, offset, length, out, outOffset);
      nonce++;
      return written;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("chacha20-poly1305 encryption failed", e);
    }
  }

  /** How long a message of {@code plaintextLength} bytes is once encrypted. */
  int sealedLength(int plaintextLength) {
    return key == null ? plaintextLength : plaintextLength + TAG_LENGTH;
  }

  /**
   * {@code ciphertext} ({@code ciphertext || tag}) decrypted and authenticated with {@code ad}; n
   * += 1.
   *
   * @throws NoiseException if the message does not authenticate
   */
  byte[] decrypt(byte[] ad, byte[] ciphertext) {
    Cipher cipher = this.cipher;
    byte[] key = this.key;
    if (cipher == null || key == null) {
      return ciphertext.clone();
    }
    checkNonce();
    if (ciphertext.length < TAG_LENGTH) {
      throw new NoiseException(
          Reason.DECRYPTION_FAILED,
          "message of " + ciphertext.length + " bytes is shorter than its tag");
    }
    try {
      init(cipher, key, Cipher.DECRYPT_MODE);
      cipher.updateAAD(ad);
      byte[] out = cipher.doFinal(ciphertext);
      nonce++;
      return out;
    } catch (AEADBadTagException e) {
      throw new NoiseException(
          Reason.DECRYPTION_FAILED,
          "message " + Long.toUnsignedString(nonce) + " does not authenticate",
          e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("chacha20-poly1305 decryption failed", e);
    }
  }

  private void checkNonce() {
    if (nonce == RESERVED_NONCE) {
      throw new NoiseException(Reason.NONCE_EXHAUSTED, "message counter reached 2^64-1");
    }
  }

  private void init(Cipher cipher, byte[] key, int mode) throws GeneralSecurityException {
    byte[] iv = new byte[12];
    for (int i = 0; i < 8; i++) {
      iv[4 + i] = (byte) (nonce >>> (8 * i));
    }
    cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(iv));
  }
}

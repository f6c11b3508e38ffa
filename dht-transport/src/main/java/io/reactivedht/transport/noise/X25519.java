package io.reactivedht.transport.noise;

import io.reactivedht.transport.noise.NoiseException.Reason;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Supplier;
import javax.crypto.KeyAgreement;
import org.jspecify.annotations.Nullable;

/** X25519 (RFC 7748) on raw 32-byte keys, through the JDK's {@code XDH} provider. */
final class X25519 {
  static final int KEY_LENGTH = 32;

  private static final byte[] PUBLIC_PREFIX = HexFormat.of().parseHex("302a300506032b656e032100");
  private static final byte[] PRIVATE_PREFIX =
      HexFormat.of().parseHex("302e020100300506032b656e04220420");
  private static final byte[] BASE_POINT = new byte[KEY_LENGTH];

  static {
    BASE_POINT[0] = 9;
  }

  private X25519() {}

  /** A key pair of raw 32-byte keys; the private key is clamped by X25519 itself. */
  @SuppressWarnings("ArrayRecordComponent") // copied in and out, never compared
  record KeyPair(byte[] privateKey, byte[] publicKey) {
    KeyPair {
      privateKey = privateKey.clone();
      publicKey = publicKey.clone();
    }

    @Override
    public byte[] privateKey() {
      return privateKey.clone();
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof KeyPair other && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
      return "X25519.KeyPair[public=" + HexFormat.of().formatHex(publicKey) + "]";
    }
  }

  /** The key pair of a raw 32-byte private key. */
  static KeyPair fromPrivate(byte[] privateKey) {
    if (privateKey.length != KEY_LENGTH) {
      throw new IllegalArgumentException(
          "x25519: private key must be 32 bytes, got " + privateKey.length);
    }
    return new KeyPair(privateKey, dh(privateKey, BASE_POINT));
  }

  /** Fresh key pairs from {@code random}. */
  static Supplier<KeyPair> generator(SecureRandom random) {
    return () -> {
      byte[] privateKey = new byte[KEY_LENGTH];
      random.nextBytes(privateKey);
      return fromPrivate(privateKey);
    };
  }

  /**
   * The shared secret {@code X25519(privateKey, publicKey)}.
   *
   * @throws NoiseException if {@code publicKey} has small order (the secret would be all zeros)
   */
  static byte[] dh(byte[] privateKey, byte[] publicKey) {
    try {
      KeyFactory factory = KeyFactory.getInstance("XDH");
      KeyAgreement agreement = KeyAgreement.getInstance("XDH");
      agreement.init(
          factory.generatePrivate(new PKCS8EncodedKeySpec(concat(PRIVATE_PREFIX, privateKey))));
      agreement.doPhase(
          factory.generatePublic(new X509EncodedKeySpec(concat(PUBLIC_PREFIX, publicKey))), true);
      return agreement.generateSecret();
    } catch (GeneralSecurityException | IllegalStateException e) {
      throw new NoiseException(
          Reason.INVALID_KEY, "x25519 key agreement failed: " + e.getMessage(), e);
    }
  }

  private static byte[] concat(byte[] prefix, byte[] key) {
    byte[] out = Arrays.copyOf(prefix, prefix.length + key.length);
    System.arraycopy(key, 0, out, prefix.length, key.length);
    return out;
  }
}

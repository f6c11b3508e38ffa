package io.reactivedht.transport.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.transport.noise.NoiseException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CipherStateTest {
  private static final byte[] KEY = NoiseVectorTest.counting(0x10);
  private static final byte[] AD = "ad".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PLAINTEXT = "hello noise".getBytes(StandardCharsets.US_ASCII);

  @Test
  void theNonceIsFourZeroBytesAndTheLittleEndianCounter() throws Exception {
    CipherState state = new CipherState(KEY, 0x0102030405060708L);
    assertThat(state.encrypt(AD, PLAINTEXT)).isEqualTo(chacha("000000000807060504030201"));
    assertThat(state.encrypt(AD, PLAINTEXT)).isEqualTo(chacha("000000000907060504030201"));
    assertThat(state.nonce()).isEqualTo(0x010203040506070aL);
  }

  @Test
  void encryptionAndDecryptionAdvanceTheCounterInStep() {
    CipherState sender = new CipherState(KEY, 0);
    CipherState receiver = new CipherState(KEY, 0);
    for (int i = 0; i < 3; i++) {
      assertThat(receiver.decrypt(AD, sender.encrypt(AD, PLAINTEXT))).isEqualTo(PLAINTEXT);
    }
    assertThat(receiver.nonce()).isEqualTo(3);
  }

  @Test
  void theCounterNeverReaches2To64Minus1() {
    CipherState sender = new CipherState(KEY, 0xfffffffffffffffeL);
    CipherState receiver = new CipherState(KEY, 0xfffffffffffffffeL);
    assertThat(receiver.decrypt(AD, sender.encrypt(AD, PLAINTEXT))).isEqualTo(PLAINTEXT);

    assertThatThrownBy(() -> sender.encrypt(AD, PLAINTEXT))
        .isInstanceOfSatisfying(
            NoiseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NONCE_EXHAUSTED));
    assertThatThrownBy(() -> receiver.decrypt(AD, new byte[32]))
        .isInstanceOfSatisfying(
            NoiseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NONCE_EXHAUSTED));
  }

  @Test
  void tamperedOrShortCiphertextsAndWrongAssociatedDataFail() {
    byte[] ciphertext = new CipherState(KEY, 0).encrypt(AD, PLAINTEXT);
    ciphertext[0] ^= 1;
    assertThatThrownBy(() -> new CipherState(KEY, 0).decrypt(AD, ciphertext))
        .isInstanceOfSatisfying(
            NoiseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DECRYPTION_FAILED));
    assertThatThrownBy(() -> new CipherState(KEY, 0).decrypt(AD, new byte[15]))
        .isInstanceOfSatisfying(
            NoiseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DECRYPTION_FAILED));
    byte[] intact = new CipherState(KEY, 0).encrypt(AD, PLAINTEXT);
    assertThatThrownBy(() -> new CipherState(KEY, 0).decrypt(new byte[0], intact))
        .isInstanceOf(NoiseException.class);
  }

  @Test
  void withoutAKeyMessagesPassThrough() {
    CipherState state = new CipherState();
    assertThat(state.encrypt(AD, PLAINTEXT)).isEqualTo(PLAINTEXT);
    assertThat(state.decrypt(AD, PLAINTEXT)).isEqualTo(PLAINTEXT);
    assertThat(state.nonce()).isZero();
  }

  @Test
  void aSmallOrderPublicKeyIsRefused() {
    assertThatThrownBy(() -> X25519.dh(KEY, new byte[32]))
        .isInstanceOfSatisfying(
            NoiseException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_KEY));
  }

  private static byte[] chacha(String nonceHex) throws Exception {
    Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
    cipher.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(KEY, "ChaCha20"),
        new IvParameterSpec(HexFormat.of().parseHex(nonceHex)));
    cipher.updateAAD(AD);
    return cipher.doFinal(PLAINTEXT);
  }
}

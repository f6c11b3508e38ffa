package io.reactivedht.transport.noise;

import com.google.crypto.tink.aead.internal.InsecureNonceChaCha20Poly1305;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH (issue 14): a Noise transport message each way with a FIND_NODE answer's size of plaintext (2
 * KiB): the transport's {@link CipherState} (the JDK's ChaCha20-Poly1305, a cipher init per message
 * for its nonce) beside Tink's pure-Java ChaCha20-Poly1305 with an explicit nonce, the candidate to
 * replace it. Each decrypts what it encrypted in set-up, with that message's nonce.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NoiseFrameBenchmark {
  private static final byte[] AD = new byte[0];

  private final byte[] key = new byte[32];
  private final byte[] plaintext = new byte[2048];
  private final byte[] nonce = new byte[12];
  private byte[][] sealedByJdk = new byte[0][];
  private int opened;
  private byte[] sealedByTink = new byte[0];
  private CipherState jdk = new CipherState();
  private CipherState jdkOpen = new CipherState();
  private InsecureNonceChaCha20Poly1305 tink;

  /** Creates the ciphers and one sealed message for each to open. */
  @Setup
  public void setUp() throws GeneralSecurityException {
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) i;
    }
    tink = new InsecureNonceChaCha20Poly1305(key);
    CipherState sealing = new CipherState(key, 0);
    sealedByJdk = new byte[][] {sealing.encrypt(AD, plaintext), sealing.encrypt(AD, plaintext)};
    sealedByTink = tink.encrypt(nonce(0), plaintext, AD);
    jdk = new CipherState(key, 0);
    jdkOpen = new CipherState(key, 0);
  }

  /** Sealing with the transport's CipherState (JDK). */
  @Benchmark
  public byte[] encryptJdk() {
    return jdk.encrypt(AD, plaintext);
  }

  /**
   * Opening with the transport's CipherState (JDK), its counter set back to the message's; two
   * messages in turn, since the JDK refuses a cipher init with the key and nonce of the previous.
   */
  @Benchmark
  public byte[] decryptJdk() {
    int n = opened++ & 1;
    jdkOpen.setNonce(n);
    return jdkOpen.decrypt(AD, sealedByJdk[n]);
  }

  /** Sealing with Tink's ChaCha20-Poly1305. */
  @Benchmark
  public byte[] encryptTink() throws GeneralSecurityException {
    return tink.encrypt(nonce(1), plaintext, AD);
  }

  /** Opening with Tink's ChaCha20-Poly1305. */
  @Benchmark
  public byte[] decryptTink() throws GeneralSecurityException {
    return tink.decrypt(nonce(0), sealedByTink, AD);
  }

  /** Noise's nonce: 4 zero bytes, then the counter as a little-endian uint64. */
  private byte[] nonce(long n) {
    ByteBuffer.wrap(nonce, 4, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(n);
    return nonce;
  }
}

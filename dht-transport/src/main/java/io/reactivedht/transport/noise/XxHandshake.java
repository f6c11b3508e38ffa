package io.reactivedht.transport.noise;

import io.reactivedht.transport.noise.NoiseException.Reason;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The Noise HandshakeState for pattern XX with an empty prologue, one side of it:
 *
 * <pre>
 *   -> e
 *   <- e, ee, s, es
 *   -> s, se
 * </pre>
 *
 * The key pairs come in explicitly, so a test vector replays byte for byte. Each method may be
 * called once, in message order and only by its role; not thread-safe.
 */
final class XxHandshake {
  /** The longest Noise message, the limit of its 16-bit length prefix. */
  static final int MAX_MESSAGE = 65535;

  private static final int DH_LEN = X25519.KEY_LENGTH;
  private static final int ENCRYPTED_KEY_LEN = DH_LEN + CipherState.TAG_LENGTH;

  /** The transport CipherStates of one side. */
  record Transport(CipherState sending, CipherState receiving) {}

  private final boolean initiator;
  private final X25519.KeyPair s;
  private final X25519.KeyPair e;
  private final SymmetricState state = new SymmetricState(new byte[0]);
  private byte @Nullable [] re;
  private byte @Nullable [] rs;
  private int messages;

  private XxHandshake(boolean initiator, X25519.KeyPair s, X25519.KeyPair e) {
    this.initiator = initiator;
    this.s = s;
    this.e = e;
  }

  /** The dialer's side, with its static and ephemeral key pairs. */
  static XxHandshake initiator(X25519.KeyPair staticKeys, X25519.KeyPair ephemeralKeys) {
    return new XxHandshake(true, staticKeys, ephemeralKeys);
  }

  /** The listener's side, with its static and ephemeral key pairs. */
  static XxHandshake responder(X25519.KeyPair staticKeys, X25519.KeyPair ephemeralKeys) {
    return new XxHandshake(false, staticKeys, ephemeralKeys);
  }

  /** Initiator: {@code -> e} with an empty payload, 32 bytes. */
  byte[] writeMessage1() {
    expect(true, 0);
    byte[] out = e.publicKey();
    state.mixHash(out);
    state.encryptAndHash(new byte[0]);
    messages++;
    return out;
  }

  /**
   * Responder: reads {@code -> e}; libp2p sends no payload here, so the message must be 32 bytes.
   */
  void readMessage1(byte[] message) {
    expect(false, 0);
    requireLength(message.length == DH_LEN, 1, message.length, "exactly " + DH_LEN);
    byte[] remoteEphemeral = Arrays.copyOf(message, DH_LEN);
    re = remoteEphemeral;
    state.mixHash(remoteEphemeral);
    state.decryptAndHash(new byte[0]);
    messages++;
  }

  /** Responder: {@code <- e, ee, s, es} and the encrypted payload. */
  byte[] writeMessage2(byte[] payload) {
    expect(false, 1);
    byte[] remoteEphemeral = required(re);
    byte[] ephemeral = e.publicKey();
    state.mixHash(ephemeral);
    state.mixKey(X25519.dh(e.privateKey(), remoteEphemeral));
    byte[] encryptedStatic = state.encryptAndHash(s.publicKey());
    state.mixKey(X25519.dh(s.privateKey(), remoteEphemeral));
    byte[] encryptedPayload = state.encryptAndHash(payload);
    messages++;
    return checkedSize(concat(ephemeral, encryptedStatic, encryptedPayload));
  }

  /** Initiator: reads {@code <- e, ee, s, es}; returns the responder's payload. */
  byte[] readMessage2(byte[] message) {
    expect(true, 1);
    requireLength(
        message.length >= DH_LEN + ENCRYPTED_KEY_LEN + CipherState.TAG_LENGTH,
        2,
        message.length,
        "at least " + (DH_LEN + ENCRYPTED_KEY_LEN + CipherState.TAG_LENGTH));
    byte[] remoteEphemeral = Arrays.copyOf(message, DH_LEN);
    re = remoteEphemeral;
    state.mixHash(remoteEphemeral);
    state.mixKey(X25519.dh(e.privateKey(), remoteEphemeral));
    byte[] remoteStatic =
        state.decryptAndHash(Arrays.copyOfRange(message, DH_LEN, DH_LEN + ENCRYPTED_KEY_LEN));
    rs = remoteStatic;
    state.mixKey(X25519.dh(e.privateKey(), remoteStatic));
    byte[] payload =
        state.decryptAndHash(
            Arrays.copyOfRange(message, DH_LEN + ENCRYPTED_KEY_LEN, message.length));
    messages++;
    return payload;
  }

  /** Initiator: {@code -> s, se} and the encrypted payload. */
  byte[] writeMessage3(byte[] payload) {
    expect(true, 2);
    byte[] encryptedStatic = state.encryptAndHash(s.publicKey());
    state.mixKey(X25519.dh(s.privateKey(), required(re)));
    byte[] encryptedPayload = state.encryptAndHash(payload);
    messages++;
    return checkedSize(concat(encryptedStatic, encryptedPayload));
  }

  /** Responder: reads {@code -> s, se}; returns the initiator's payload. */
  byte[] readMessage3(byte[] message) {
    expect(false, 2);
    requireLength(
        message.length >= ENCRYPTED_KEY_LEN + CipherState.TAG_LENGTH,
        3,
        message.length,
        "at least " + (ENCRYPTED_KEY_LEN + CipherState.TAG_LENGTH));
    byte[] remoteStatic = state.decryptAndHash(Arrays.copyOf(message, ENCRYPTED_KEY_LEN));
    rs = remoteStatic;
    state.mixKey(X25519.dh(e.privateKey(), remoteStatic));
    byte[] payload =
        state.decryptAndHash(Arrays.copyOfRange(message, ENCRYPTED_KEY_LEN, message.length));
    messages++;
    return payload;
  }

  /** The remote's static public key, learned from message 2 (initiator) or 3 (responder). */
  byte[] remoteStatic() {
    return required(rs).clone();
  }

  /** The handshake hash {@code h}. */
  byte[] handshakeHash() {
    return state.handshakeHash();
  }

  /**
   * After the three messages: the initiator sends with c1 and receives with c2, the responder the
   * reverse.
   */
  Transport transport() {
    if (messages != 3) {
      throw new IllegalStateException("noise: the handshake is not finished");
    }
    SymmetricState.Split split = state.split();
    return initiator
        ? new Transport(split.initiatorToResponder(), split.responderToInitiator())
        : new Transport(split.responderToInitiator(), split.initiatorToResponder());
  }

  private void expect(boolean asInitiator, int messagesSoFar) {
    if (initiator != asInitiator || messages != messagesSoFar) {
      throw new IllegalStateException("noise: handshake step out of order");
    }
  }

  private static void requireLength(boolean ok, int message, int length, String expected) {
    if (!ok) {
      throw new NoiseException(
          Reason.MALFORMED_MESSAGE,
          "handshake message " + message + " has " + length + " bytes, expected " + expected);
    }
  }

  private static byte[] required(byte @Nullable [] key) {
    if (key == null) {
      throw new IllegalStateException("noise: remote key not known yet");
    }
    return key;
  }

  private static byte[] checkedSize(byte[] message) {
    if (message.length > MAX_MESSAGE) {
      throw new IllegalArgumentException(
          "noise: handshake message of " + message.length + " bytes is too long");
    }
    return message;
  }

  /** The parts one after the other, in a new array (also how a Noise frame's writes are joined). */
  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }
}

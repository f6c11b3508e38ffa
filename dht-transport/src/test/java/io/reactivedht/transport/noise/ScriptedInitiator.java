package io.reactivedht.transport.noise;

import io.reactivedht.core.crypto.PrivateKey;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Supplier;

/**
 * A Noise XX initiator a test drives message by message, to attack a listener from outside the
 * noise package: each method returns or takes one handshake message (framed as on the wire where it
 * is written), and message 3 can carry a forged identity signature.
 */
public final class ScriptedInitiator {
  private final PrivateKey identity;
  private final X25519.KeyPair staticKeys;
  private final XxHandshake handshake;
  private final Supplier<X25519.KeyPair> keyPairs;

  /**
   * @param identity the libp2p identity the payload names; @param random for the X25519 keys
   */
  public ScriptedInitiator(PrivateKey identity, SecureRandom random) {
    this.identity = identity;
    this.keyPairs = X25519.generator(random);
    this.staticKeys = keyPairs.get();
    this.handshake = XxHandshake.initiator(staticKeys, keyPairs.get());
  }

  /** Message 1 ({@code -> e}) with its u16 length prefix. */
  public byte[] message1() {
    return SecuredStream.frame(handshake.writeMessage1());
  }

  /** Reads message 2 (without its prefix), verifying the responder like an honest initiator. */
  public void readMessage2(byte[] message) {
    NoisePayload.verify(handshake.readMessage2(message), handshake.remoteStatic());
  }

  /** Message 3 with a payload whose signature is honest, with its u16 length prefix. */
  public byte[] honestMessage3() {
    return SecuredStream.frame(
        handshake.writeMessage3(NoisePayload.create(identity, staticKeys.publicKey(), List.of())));
  }

  /**
   * Message 3 whose payload is well formed, but whose identity signature covers another static key
   * than the one this handshake uses, with its u16 length prefix.
   */
  public byte[] message3WithForgedSignature() {
    byte[] otherStatic = keyPairs.get().publicKey();
    return SecuredStream.frame(
        handshake.writeMessage3(NoisePayload.create(identity, otherStatic, List.of())));
  }
}

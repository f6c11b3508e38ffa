package io.reactivedht.transport.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.transport.stream.Frames;
import io.reactivedht.transport.stream.PipedByteStream;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays the full libp2p Noise XX handshake of docs/WIRE.md 15.3 (made
 * with @chainsafe/libp2p-noise 17.0.0).
 */
class NoiseVectorTest {
  static final PrivateKey INITIATOR_IDENTITY =
      Ed25519PrivateKey.fromSeed(
          hex("7e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"));
  static final PrivateKey RESPONDER_IDENTITY = Ed25519PrivateKey.fromSeed(new byte[32]);

  static final X25519.KeyPair INITIATOR_STATIC = X25519.fromPrivate(counting(0x00));
  static final X25519.KeyPair RESPONDER_STATIC = X25519.fromPrivate(counting(0x01));
  static final X25519.KeyPair INITIATOR_EPHEMERAL = X25519.fromPrivate(counting(0x20));
  static final X25519.KeyPair RESPONDER_EPHEMERAL = X25519.fromPrivate(counting(0x41));

  static final List<String> YAMUX = List.of("/yamux/1.0.0");

  static final String RESPONDER_PAYLOAD =
      "0a24080112203b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29"
          + "12405a2f881c6e52559575d84b57369b87c6df3daa3880550bae075ecce3bca4a6a18c1317eac7cd0ea01214bcac8269c3d437e5"
          + "9010f11eb2fa7bd746626ae57f0e"
          + "220e120c2f79616d75782f312e302e30";
  static final String INITIATOR_PAYLOAD =
      "0a24080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"
          + "1240a0381ec5f8954ac607c1059e453ca7d6bf2456009e8b7c262b06a418f3685dfc951b443e04084e41bbc282b6387462059e"
          + "e65bc28d5b286d804a25f5c0916507"
          + "220e120c2f79616d75782f312e302e30";

  static final String MSG1 = "0020358072d6365880d1aeea329adf9121383851ed21a28e3b75e965d0d2cd166254";
  static final String MSG2 =
      "00d864b101b1d0be5a8704bd078f9895001fc03e8e9f9522f188dd128d9846d484663414af878d3e46a2f58911a816d6e8346d4ea17a6f"
          + "2a0bb4ef4ed56c133cff4560a34e36ea82109f26cf2e5a5caf992b8b4dc7d75b0572c81341e68ad10231fe006dcef1006c3adfbc58fa"
          + "3f8f7b125935f31f8b9e3a87e80d3cbc6d23fb9c541adba05ac46dca9d1e71a464f3463fc231cda1b20e887806cd6938c5c42f4d87"
          + "3aad19026d7a8aa2c584e09a3e58089dcc901af50529745f94216610cafd32b1ac73bf9b837316a67be1e968b7a2f0f9d8d4e9b8dbdb"
          + "3bf1";
  static final String MSG3 =
      "00b887f864c11ba449f46a0a4f4e2eacbb7b0457784f4fca1937f572c93603e9c4d91dfcb1bf948e6b39911a0c1f615f5b4502320cd7"
          + "b9b479fd98c480fafdd61f5e93858f566ed8b6e39a20b486d45185eb32978db15c655ce1de6fbbdffb953a0c39f0b45a87a12bdc01ae"
          + "e67172c64b22b78e1170970225393bcdaf4d88e502fc1b160fd8ebc2f9bab60db8d2f09cc148c20dbe810831018a8cbc9debef6fdb1c"
          + "510dfc961b06f8a7a83aaf55b702e8be4c7a3974e24bee86";
  static final String HANDSHAKE_HASH =
      "18c555b6231601e24b9727bc4a4954c4f81604f5c069a8a5f029f1998b47b75f";
  static final String K1 = "4759d15f0f4cfb9c3cef133e60b44ea3479cae90880a7e71df96f111d78d5953";
  static final String K2 = "a8b5dce3cef845d63c9671c350eb15cbb50b6c6d5f0d3231d32d711dab1ed191";
  static final String FIRST_PLAINTEXT =
      "132f6d756c746973747265616d2f312e302e300a0d2f79616d75782f312e302e300a";
  static final String FIRST_FRAME_I_TO_R =
      "0032cf64f132a50d086f7b026f8df065084c87a8a25d8cc5a4a4c6186d9270d7337d64540f87c4db9ed47ec572b2f16a0eaaad2a";
  static final String FIRST_FRAME_R_TO_I =
      "0032441fa55b83bb648f90cd36c173298cfe006c00db22c61aa0ae2d73b04df3966d24f1f708db82b82a4e2b21ae812858d2d6d7";

  @Test
  void x25519PublicKeysMatchTheVector() {
    assertThat(hex(INITIATOR_STATIC.publicKey()))
        .isEqualTo("8f40c5adb68f25624ae5b214ea767a6ec94d829d3d7b5e1ad1ba6f3e2138285f");
    assertThat(hex(RESPONDER_STATIC.publicKey()))
        .isEqualTo("07a37cbc142093c8b755dc1b10e86cb426374ad16aa853ed0bdfc0b2b86d1c7c");
    assertThat(hex(INITIATOR_EPHEMERAL.publicKey()))
        .isEqualTo("358072d6365880d1aeea329adf9121383851ed21a28e3b75e965d0d2cd166254");
    assertThat(hex(RESPONDER_EPHEMERAL.publicKey()))
        .isEqualTo("64b101b1d0be5a8704bd078f9895001fc03e8e9f9522f188dd128d9846d48466");
  }

  @Test
  void payloadsMatchTheVector() {
    assertThat(hex(NoisePayload.create(RESPONDER_IDENTITY, RESPONDER_STATIC.publicKey(), YAMUX)))
        .isEqualTo(RESPONDER_PAYLOAD);
    assertThat(hex(NoisePayload.create(INITIATOR_IDENTITY, INITIATOR_STATIC.publicKey(), YAMUX)))
        .isEqualTo(INITIATOR_PAYLOAD);
  }

  @Test
  void fullHandshakeReproducesEveryMessageAndTheTransportKeys() {
    XxHandshake initiator = XxHandshake.initiator(INITIATOR_STATIC, INITIATOR_EPHEMERAL);
    XxHandshake responder = XxHandshake.responder(RESPONDER_STATIC, RESPONDER_EPHEMERAL);

    byte[] message1 = initiator.writeMessage1();
    assertThat(hex(SecuredStream.frame(message1))).isEqualTo(MSG1);
    responder.readMessage1(message1);

    byte[] message2 = responder.writeMessage2(hex(RESPONDER_PAYLOAD));
    assertThat(hex(SecuredStream.frame(message2))).isEqualTo(MSG2);
    byte[] responderPayload = initiator.readMessage2(message2);
    assertThat(hex(responderPayload)).isEqualTo(RESPONDER_PAYLOAD);
    assertThat(hex(initiator.remoteStatic())).isEqualTo(hex(RESPONDER_STATIC.publicKey()));
    NoisePayload.RemoteIdentity responderIdentity =
        NoisePayload.verify(responderPayload, initiator.remoteStatic());
    assertThat(responderIdentity.peerId().toBase58())
        .isEqualTo("12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN");
    assertThat(responderIdentity.muxers()).containsExactly("/yamux/1.0.0");

    byte[] message3 = initiator.writeMessage3(hex(INITIATOR_PAYLOAD));
    assertThat(hex(SecuredStream.frame(message3))).isEqualTo(MSG3);
    byte[] initiatorPayload = responder.readMessage3(message3);
    assertThat(hex(initiatorPayload)).isEqualTo(INITIATOR_PAYLOAD);
    NoisePayload.RemoteIdentity initiatorIdentity =
        NoisePayload.verify(initiatorPayload, responder.remoteStatic());
    assertThat(initiatorIdentity.peerId().toBase58())
        .isEqualTo("12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq");
    assertThat(initiatorIdentity.publicKey()).isEqualTo(INITIATOR_IDENTITY.publicKey());

    assertThat(hex(initiator.handshakeHash())).isEqualTo(HANDSHAKE_HASH);
    assertThat(hex(responder.handshakeHash())).isEqualTo(HANDSHAKE_HASH);

    XxHandshake.Transport initiatorTransport = initiator.transport();
    XxHandshake.Transport responderTransport = responder.transport();
    assertThat(hex(initiatorTransport.sending().key())).isEqualTo(K1);
    assertThat(hex(initiatorTransport.receiving().key())).isEqualTo(K2);
    assertThat(hex(responderTransport.sending().key())).isEqualTo(K2);
    assertThat(hex(responderTransport.receiving().key())).isEqualTo(K1);

    byte[] plaintext = hex(FIRST_PLAINTEXT);
    byte[] iToR = initiatorTransport.sending().encrypt(new byte[0], plaintext);
    assertThat(hex(SecuredStream.frame(iToR))).isEqualTo(FIRST_FRAME_I_TO_R);
    byte[] rToI = responderTransport.sending().encrypt(new byte[0], plaintext);
    assertThat(hex(SecuredStream.frame(rToI))).isEqualTo(FIRST_FRAME_R_TO_I);
    assertThat(responderTransport.receiving().decrypt(new byte[0], iToR)).isEqualTo(plaintext);
    assertThat(initiatorTransport.receiving().decrypt(new byte[0], rToI)).isEqualTo(plaintext);
  }

  @Test
  void noiseSecurityDrawsTheStaticThenTheEphemeralKey() {
    // The first message of secureOutbound is the ephemeral public key: with the vector keys it is
    // msg1.
    PipedByteStream[] pipe = PipedByteStream.pair();
    var keys = List.of(INITIATOR_STATIC, INITIATOR_EPHEMERAL).iterator();
    new NoiseSecurity(INITIATOR_IDENTITY, keys::next)
        .secureOutbound(pipe[0], null)
        .subscribe(c -> {}, e -> {});
    byte[] message1 = pipe[1].read(Frames.exactly(34)).block(Duration.ofSeconds(10));
    assertThat(hex(message1)).isEqualTo(MSG1);
    pipe[1].reset();
  }

  static byte[] counting(int first) {
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = (byte) (first + i);
    }
    return out;
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }
}

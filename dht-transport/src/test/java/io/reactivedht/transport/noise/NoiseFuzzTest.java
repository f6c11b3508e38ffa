package io.reactivedht.transport.noise;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.transport.stream.FrameDecoder;
import io.reactivedht.transport.stream.Frames;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Fuzzes what Noise reads from the remote: the handshake payload protobuf ({@link
 * NoisePayload#verify}), the XX handshake messages as responder (message 1, then message 3) and as
 * initiator (message 2), each in its u16 length-prefixed frame, and transport frames decrypted with
 * a fixed key. Any input either is accepted or throws {@link NoiseException}. Regression inputs:
 * {@code NoiseFuzzTestInputs/<method>/}.
 */
class NoiseFuzzTest {
  static final PrivateKey IDENTITY = Ed25519PrivateKey.fromSeed(new byte[32]);
  static final X25519.KeyPair STATIC = X25519.fromPrivate(filled(1));
  static final X25519.KeyPair EPHEMERAL = X25519.fromPrivate(filled(2));
  private static final FrameDecoder<byte[]> FRAME = Frames.u16Prefixed();
  private static final byte[] KEY = filled(3);

  @FuzzTest
  void handshakePayload(byte[] data) {
    NoisePayload.RemoteIdentity remote;
    try {
      remote = NoisePayload.verify(data, STATIC.publicKey());
    } catch (NoiseException expected) {
      return;
    }
    assertThat(remote.peerId().matches(remote.publicKey())).isTrue();
  }

  /** First byte: 0 = responder reading messages 1 and 3, else initiator reading message 2. */
  @FuzzTest
  void handshakeMessages(byte[] data) {
    if (data.length == 0) {
      return;
    }
    ByteBuffer frames = ByteBuffer.wrap(data, 1, data.length - 1).asReadOnlyBuffer();
    byte[] payload = NoisePayload.create(IDENTITY, STATIC.publicKey(), List.of("/yamux/1.0.0"));
    try {
      if (data[0] == 0) {
        XxHandshake responder = XxHandshake.responder(STATIC, EPHEMERAL);
        responder.readMessage1(next(frames));
        responder.writeMessage2(payload);
        byte[] remotePayload = responder.readMessage3(next(frames));
        NoisePayload.verify(remotePayload, responder.remoteStatic());
        responder.transport();
      } else {
        XxHandshake initiator = XxHandshake.initiator(STATIC, EPHEMERAL);
        initiator.writeMessage1();
        byte[] remotePayload = initiator.readMessage2(next(frames));
        NoisePayload.verify(remotePayload, initiator.remoteStatic());
        initiator.writeMessage3(payload);
        initiator.transport();
      }
    } catch (NoiseException expected) {
      // malformed, not authentic, or a bad key or payload
    }
  }

  @FuzzTest
  void transportFrames(byte[] data) {
    CipherState receiving = new CipherState(KEY, 0);
    ByteBuffer frames = ByteBuffer.wrap(data).asReadOnlyBuffer();
    try {
      byte[] frame;
      while ((frame = FRAME.decode(frames)) != null) {
        assertThat(receiving.decrypt(new byte[0], frame))
            .hasSize(frame.length - CipherState.TAG_LENGTH);
      }
    } catch (NoiseException expected) {
      // too short for its tag, or not authentic
    }
  }

  /** The next u16-prefixed frame, or the rest of the input if no whole frame is left. */
  private static byte[] next(ByteBuffer frames) {
    byte[] frame = FRAME.decode(frames);
    if (frame != null) {
      return frame;
    }
    byte[] rest = new byte[frames.remaining()];
    frames.get(rest);
    return rest;
  }

  private static byte[] filled(int value) {
    byte[] out = new byte[32];
    java.util.Arrays.fill(out, (byte) value);
    return out;
  }
}

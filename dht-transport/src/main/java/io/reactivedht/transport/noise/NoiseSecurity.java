package io.reactivedht.transport.noise;

import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.noise.NoiseException.Reason;
import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.Exchanges;
import io.reactivedht.transport.stream.FrameDecoder;
import io.reactivedht.transport.stream.Frames;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The libp2p Noise security protocol ({@code /noise}): runs the XX handshake over a raw stream and
 * returns the authenticated, encrypted channel. Each handshake uses a fresh X25519 static and
 * ephemeral key pair. The payload may list the muxers we support ({@code stream_muxers}, early
 * muxer negotiation): when both sides list some, the muxer is agreed inside the handshake and the
 * multistream-select round for it is skipped. Thread-safe.
 *
 * <p>The handshake has no timeout of its own: apply one with {@code .timeout(...)}; cancelling the
 * handshake resets the raw stream. Its Mono completes on the thread that delivered the last
 * handshake message of the raw stream.
 */
public final class NoiseSecurity {
  /** The multistream-select protocol id. */
  public static final String PROTOCOL_ID = "/noise";

  private static final FrameDecoder<byte[]> HANDSHAKE_FRAME = Frames.u16Prefixed();

  private final PrivateKey identity;
  private final Supplier<X25519.KeyPair> keyPairs;
  private final List<String> muxers;

  /**
   * @param identity our libp2p identity, which signs each handshake's static key; no muxers are
   *     offered
   */
  public NoiseSecurity(PrivateKey identity) {
    this(identity, List.of());
  }

  /**
   * @param identity our libp2p identity, which signs each handshake's static key
   * @param muxers the muxers we offer in the handshake, in order of preference (empty: negotiate it
   *     afterwards)
   */
  public NoiseSecurity(PrivateKey identity, List<String> muxers) {
    this(identity, X25519.generator(new SecureRandom()), muxers);
  }

  /**
   * @param identity our libp2p identity
   * @param keyPairs the X25519 key pairs, asked for the static and then the ephemeral one of each
   *     handshake
   */
  NoiseSecurity(PrivateKey identity, Supplier<X25519.KeyPair> keyPairs) {
    this(identity, keyPairs, List.of());
  }

  NoiseSecurity(PrivateKey identity, Supplier<X25519.KeyPair> keyPairs, List<String> muxers) {
    this.identity = identity;
    this.keyPairs = keyPairs;
    this.muxers = List.copyOf(muxers);
  }

  /**
   * Secures a connection we dialed: we are the Noise initiator.
   *
   * @param raw the connection, after multistream-select chose {@value #PROTOCOL_ID}
   * @param expectedRemote the peer we meant to reach, or null to accept any
   * @return the channel; fails with {@link NoiseException} (resetting {@code raw}) if the remote
   *     does not authenticate, is not {@code expectedRemote} or sends malformed messages, or with
   *     the raw stream's error
   */
  public Mono<SecureChannel> secureOutbound(ByteStream raw, @Nullable PeerId expectedRemote) {
    return guarded(
        raw,
        Mono.defer(
            () -> {
              X25519.KeyPair staticKeys = keyPairs.get();
              XxHandshake handshake = XxHandshake.initiator(staticKeys, keyPairs.get());
              return raw.write(SecuredStream.frame(handshake.writeMessage1()))
                  .then(raw.read(HANDSHAKE_FRAME))
                  .flatMap(
                      message2 -> {
                        byte[] payload = handshake.readMessage2(message2);
                        NoisePayload.RemoteIdentity remote =
                            NoisePayload.verify(payload, handshake.remoteStatic());
                        if (expectedRemote != null && !expectedRemote.equals(remote.peerId())) {
                          throw new NoiseException(
                              Reason.PEER_ID_MISMATCH,
                              "dialed " + expectedRemote + " but the remote is " + remote.peerId());
                        }
                        byte[] message3 = handshake.writeMessage3(ourPayload(staticKeys));
                        Mono<Void> written = raw.write(SecuredStream.frame(message3));
                        SecureChannel channel = channel(raw, handshake, remote);
                        return written.thenReturn(channel);
                      });
            }));
  }

  /**
   * Secures a connection a remote dialed: we are the Noise responder.
   *
   * @param raw the connection, after multistream-select chose {@value #PROTOCOL_ID}
   * @return the channel; fails with {@link NoiseException} (resetting {@code raw}) if the remote
   *     does not authenticate or sends malformed messages, or with the raw stream's error
   */
  public Mono<SecureChannel> secureInbound(ByteStream raw) {
    return guarded(
        raw,
        Mono.defer(
            () -> {
              X25519.KeyPair staticKeys = keyPairs.get();
              XxHandshake handshake = XxHandshake.responder(staticKeys, keyPairs.get());
              return raw.read(HANDSHAKE_FRAME)
                  .flatMap(
                      message1 -> {
                        handshake.readMessage1(message1);
                        return raw.write(
                            SecuredStream.frame(handshake.writeMessage2(ourPayload(staticKeys))));
                      })
                  .then(raw.read(HANDSHAKE_FRAME))
                  .map(
                      message3 -> {
                        byte[] payload = handshake.readMessage3(message3);
                        NoisePayload.RemoteIdentity remote =
                            NoisePayload.verify(payload, handshake.remoteStatic());
                        return channel(raw, handshake, remote);
                      });
            }));
  }

  private byte[] ourPayload(X25519.KeyPair staticKeys) {
    return NoisePayload.create(identity, staticKeys.publicKey(), muxers);
  }

  private static SecureChannel channel(
      ByteStream raw, XxHandshake handshake, NoisePayload.RemoteIdentity remote) {
    SecuredStream stream =
        SecuredStream.start(raw, handshake.transport(), "noise with " + remote.peerId());
    return new SecureChannel(stream, remote.peerId(), remote.publicKey(), remote.muxers());
  }

  /** A failed or cancelled handshake leaves the raw stream in no usable state: reset it. */
  private static Mono<SecureChannel> guarded(ByteStream raw, Mono<SecureChannel> handshake) {
    return Exchanges.resetOnFailure(handshake, raw);
  }
}

package io.reactivedht.transport.noise;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.crypto.PublicKey;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.noise.NoiseException.Reason;
import io.reactivedht.transport.noise.pb.NoiseProto.NoiseExtensions;
import io.reactivedht.transport.noise.pb.NoiseProto.NoiseHandshakePayload;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The libp2p handshake payload: the identity key and its signature over {@code
 * "noise-libp2p-static-key:" || static X25519 public key}, which binds the Noise static key to the
 * libp2p identity, plus optional extensions.
 */
final class NoisePayload {
  private static final byte[] SIGNATURE_PREFIX =
      "noise-libp2p-static-key:".getBytes(StandardCharsets.US_ASCII);

  private NoisePayload() {}

  /** Who the remote proved to be, and the muxers it offered in its extensions (empty if none). */
  record RemoteIdentity(PublicKey publicKey, PeerId peerId, List<String> muxers) {
    RemoteIdentity {
      muxers = List.copyOf(muxers);
    }
  }

  /**
   * Our payload: identity key, signature over our static key, and the {@code stream_muxers}
   * extension if any.
   */
  static byte[] create(PrivateKey identity, byte[] staticPublicKey, List<String> muxers) {
    NoiseHandshakePayload.Builder payload =
        NoiseHandshakePayload.newBuilder()
            .setIdentityKey(ByteString.copyFrom(identity.publicKey().encoded()))
            .setIdentitySig(ByteString.copyFrom(identity.sign(signedBytes(staticPublicKey))));
    if (!muxers.isEmpty()) {
      payload.setExtensions(NoiseExtensions.newBuilder().addAllStreamMuxers(muxers));
    }
    return payload.build().toByteArray();
  }

  /**
   * Authenticates the remote's payload against the static key the handshake learned.
   *
   * @throws NoiseException if the payload is malformed or its signature does not cover {@code
   *     remoteStatic}
   */
  static RemoteIdentity verify(byte[] payload, byte[] remoteStatic) {
    NoiseHandshakePayload message;
    try {
      message = NoiseHandshakePayload.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new NoiseException(
          Reason.MALFORMED_PAYLOAD, "handshake payload is not a valid protobuf", e);
    }
    if (!message.hasIdentityKey() || !message.hasIdentitySig()) {
      throw new NoiseException(
          Reason.MALFORMED_PAYLOAD, "handshake payload lacks the identity key or signature");
    }
    PublicKey key;
    try {
      key = PublicKey.decode(message.getIdentityKey().toByteArray());
    } catch (DecodingException e) {
      throw new NoiseException(Reason.MALFORMED_PAYLOAD, "bad identity key: " + e.getMessage(), e);
    }
    if (!key.verify(signedBytes(remoteStatic), message.getIdentitySig().toByteArray())) {
      throw new NoiseException(
          Reason.BAD_SIGNATURE, "identity signature does not cover the remote static key");
    }
    List<String> muxers =
        message.hasExtensions() ? message.getExtensions().getStreamMuxersList() : List.of();
    return new RemoteIdentity(key, PeerId.fromPublicKey(key), muxers);
  }

  private static byte[] signedBytes(byte[] staticPublicKey) {
    byte[] out = Arrays.copyOf(SIGNATURE_PREFIX, SIGNATURE_PREFIX.length + staticPublicKey.length);
    System.arraycopy(staticPublicKey, 0, out, SIGNATURE_PREFIX.length, staticPublicKey.length);
    return out;
  }
}

package io.reactivedht.transport.noise;

import io.reactivedht.core.crypto.PublicKey;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.stream.ByteStream;
import java.util.List;

/**
 * A connection secured by Noise.
 *
 * @param stream the plaintext stream; its reads complete on the thread that delivered the raw
 *     bytes, or on the thread of a reader whose read made room for more
 * @param remotePeer the peer the remote proved to be
 * @param remoteKey the remote's libp2p identity key
 * @param remoteMuxers the muxers the remote listed in its handshake extensions (empty if it listed
 *     none); when we listed some too, the muxer was agreed in the handshake
 */
public record SecureChannel(
    ByteStream stream, PeerId remotePeer, PublicKey remoteKey, List<String> remoteMuxers) {
  /** Copies the muxer list. */
  public SecureChannel {
    remoteMuxers = List.copyOf(remoteMuxers);
  }
}

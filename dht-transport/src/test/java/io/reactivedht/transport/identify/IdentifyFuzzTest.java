package io.reactivedht.transport.identify;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.stream.ScriptedByteStream;
import io.reactivedht.transport.stream.StreamEndedException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Fuzzes Identify as the requesting side reads it ({@link Identify#request}: the varint-framed
 * messages and {@link IdentifyCodec#decode}) and as a push ({@link Identify#receivePush}, {@link
 * IdentifyCodec#applyPush}), from a remote that sends the fuzz input. Either the info decodes (and
 * encodes to a message that decodes to equal info) or the exchange fails with {@link
 * IdentifyException} (or {@link StreamEndedException} for a cut frame). Regression inputs: {@code
 * IdentifyFuzzTestInputs/<method>/}.
 */
class IdentifyFuzzTest {
  /** The remote: the Ed25519 key of the all-zero seed; its peer id inlines the key. */
  static final PrivateKey REMOTE = Ed25519PrivateKey.fromSeed(new byte[32]);

  static final PeerId REMOTE_ID = PeerId.fromPublicKey(REMOTE.publicKey());
  static final IdentifyInfo KNOWN =
      IdentifyInfo.local(
          REMOTE,
          7,
          List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001")),
          Set.of("/ipfs/kad/1.0.0", "/ipfs/id/1.0.0"),
          "fuzz/1.0");
  private static final Duration SYNCHRONOUS = Duration.ofSeconds(10);

  @FuzzTest
  void request(byte[] data) {
    IdentifyInfo info;
    try {
      info = Identify.request(new ScriptedByteStream(data), REMOTE_ID).block(SYNCHRONOUS);
    } catch (IdentifyException | StreamEndedException expected) {
      return;
    }
    assertThat(info).isNotNull();
    assertRoundTrips(info);
  }

  @FuzzTest
  void push(byte[] data) {
    IdentifyInfo info;
    try {
      info = Identify.receivePush(new ScriptedByteStream(data), KNOWN).block(SYNCHRONOUS);
    } catch (IdentifyException | StreamEndedException expected) {
      return;
    }
    assertThat(info).isNotNull();
    assertRoundTrips(info);
  }

  private static void assertRoundTrips(IdentifyInfo info) {
    assertThat(IdentifyCodec.decode(List.of(IdentifyCodec.encode(info)), info.peerId()))
        .isEqualTo(info);
    try {
      info.addresses();
    } catch (DecodingException e) {
      throw new AssertionError("a checked signed peer record does not decode", e);
    }
  }
}

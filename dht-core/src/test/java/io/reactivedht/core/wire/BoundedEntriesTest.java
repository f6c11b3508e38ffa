package io.reactivedht.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest.FindNode;
import io.reactivedht.core.wire.DhtRequest.GetProviders;
import io.reactivedht.core.wire.DhtResponse.FindNodeResponse;
import io.reactivedht.core.wire.DhtResponse.GetProvidersResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedEntriesTest {
  private static final FindNode FIND_NODE = new FindNode("target".getBytes(StandardCharsets.UTF_8));

  private static List<PeerInfo> peers(int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i -> {
              byte[] seed = new byte[32];
              seed[0] = (byte) i;
              seed[1] = (byte) (i >> 8);
              PeerId id = PeerId.fromPublicKey(Ed25519PrivateKey.fromSeed(seed).publicKey());
              return new PeerInfo(id, List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/" + (1000 + i))));
            })
        .toList();
  }

  @Test
  void aHugeAnswerIsReadOnlyUpToTheBoundInItsOrder() {
    List<PeerInfo> sent = peers(3_000);
    byte[] answer = DhtCodec.encodeResponse(new FindNodeResponse(sent), FIND_NODE);

    FindNodeResponse read = (FindNodeResponse) DhtCodec.decodeResponse(answer, FIND_NODE);

    assertThat(read.closerPeers()).isEqualTo(sent.subList(0, DhtCodec.MAX_CLOSER_PEERS));
  }

  @Test
  void providersAndCloserPeersHaveTheirOwnBounds() {
    Cid cid = Cid.parse("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
    GetProviders request = new GetProviders(cid.multihash().bytes());
    List<PeerInfo> providers = peers(DhtCodec.MAX_PROVIDER_PEERS + 10);
    List<PeerInfo> closer = peers(DhtCodec.MAX_CLOSER_PEERS + 10);
    byte[] answer = DhtCodec.encodeResponse(new GetProvidersResponse(providers, closer), request);

    GetProvidersResponse read = (GetProvidersResponse) DhtCodec.decodeResponse(answer, request);

    assertThat(read.providers()).hasSize(DhtCodec.MAX_PROVIDER_PEERS);
    assertThat(read.closerPeers()).hasSize(DhtCodec.MAX_CLOSER_PEERS);
  }

  @Test
  void aMessageWithinTheBoundsIsPassedOnAsItIs() {
    byte[] answer = DhtCodec.encodeResponse(new FindNodeResponse(peers(20)), FIND_NODE);

    assertThat(BoundedEntries.keepFirst(answer, 64, 64)).isSameAs(answer);
  }

  @Test
  void aTruncatedMessageIsStillMalformed() {
    byte[] answer = DhtCodec.encodeResponse(new FindNodeResponse(peers(100)), FIND_NODE);
    byte[] truncated = java.util.Arrays.copyOf(answer, answer.length - 3);

    assertThatThrownBy(() -> DhtCodec.decodeResponse(truncated, FIND_NODE))
        .isInstanceOf(MalformedMessageException.class);
  }
}

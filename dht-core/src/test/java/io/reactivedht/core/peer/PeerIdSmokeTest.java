package io.reactivedht.core.peer;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiformats.Multibase;
import org.junit.jupiter.api.Test;

class PeerIdSmokeTest {
  @Test
  void wireDigestExample() {
    Ed25519PrivateKey key =
        Ed25519PrivateKey.fromSeed(
            hex("7e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"));
    PeerId id = PeerId.fromPublicKey(key.publicKey());
    assertThat(id.toString()).isEqualTo("12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq");
    assertThat(id.toCidString(Multibase.BASE32))
        .isEqualTo("bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6");
    assertThat(PeerId.parse(id.toCidString(Multibase.BASE36))).isEqualTo(id);
    assertThat(PeerId.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N").bytes())
        .isEqualTo(hex("12209dff3b17d74cf4d38a50d8b6383e92d181a10395a5e73a726dcccbd21bf6f0b9"));
  }
}

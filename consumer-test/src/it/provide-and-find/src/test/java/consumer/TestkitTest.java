package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.testkit.TestSwarm;
import org.junit.jupiter.api.Test;

/** dht-testkit as a user takes it, through the BOM at test scope: a swarm to test against. */
class TestkitTest {
  @Test
  void aProviderIsFoundAcrossATestSwarm() {
    Cid cid = Cid.parse("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
    try (TestSwarm swarm = TestSwarm.virtualTime(20)) {
      swarm.await(swarm.node(0).provide(cid));

      PeerInfo found = swarm.await(swarm.node(19).findProviders(cid).next()).orElseThrow();

      assertEquals(swarm.node(0).localPeer(), found.id());
    }
  }
}

package io.reactivedht.examples.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.reactor.Dht;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real client reads from the running service: {@link HeliaClient} drives {@code
 * @helia/delegated-routing-v1-http-api-client} against the random port, for providers, a peer and
 * an IPNS record that it validates.
 */
class HeliaClientTest extends RoutingTestSupport {
  @LocalServerPort int port;

  @Test
  void theHeliaClientReadsProvidersAPeerAndAnIpnsRecord() throws Exception {
    Cid cid = freshCid();
    Dht provider = nodes().get(2);
    provider.provide(cid).block(TIMEOUT);
    Dht peer = nodes().get(10);
    Ed25519PrivateKey key = newKey();
    IpnsName name = new IpnsName(PeerId.fromPublicKey(key.publicKey()));
    String path = "/ipfs/bafkreihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc7y";
    IpnsRecord record = ipnsRecord(key, path, 7);
    nodes().get(5).putValue(name.routingKey(), record.encode()).block(TIMEOUT);

    Map<String, Object> out =
        HeliaClient.read("http://127.0.0.1:" + port, cid, peer.localPeer(), name);

    assertThat(out.get("providers"))
        .isEqualTo(
            List.of(
                HeliaClient.peerRecord(
                    provider.localPeer(), swarm.addressesOf(provider.localPeer()).get(0))));
    assertThat(out.get("peers"))
        .isEqualTo(
            List.of(
                HeliaClient.peerRecord(
                    peer.localPeer(), swarm.addressesOf(peer.localPeer()).get(0))));
    assertThat(out.get("ipns")).isEqualTo(HeliaClient.ipns(path, 7));
  }
}

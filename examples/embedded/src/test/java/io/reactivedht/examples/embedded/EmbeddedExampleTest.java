package io.reactivedht.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.reactor.Dht;
import io.reactivedht.transport.KeyFile;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedExampleTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Cid CID =
      Cid.parse("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
  private final List<Dht> nodes = new ArrayList<>();
  private final List<Libp2pTransport> transports = new ArrayList<>();

  @AfterEach
  void stopNetwork() {
    nodes.forEach(dht -> dht.close().block(WAIT));
    transports.forEach(transport -> transport.close().block(WAIT));
  }

  @Test
  void theExampleFindsItselfAsAProviderThroughALocalNetwork(@TempDir Path dir) {
    SecureRandom random = new SecureRandom(new byte[] {1});
    List<PeerInfo> bootstrap = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Libp2pTransport transport =
          Libp2pTransport.start(Libp2pOptions.defaults(Ed25519PrivateKey.generate(random)))
              .block(WAIT);
      Dht dht = Dht.builder(transport).bootstrapPeers(List.copyOf(bootstrap)).build();
      dht.start()
          .then(dht.bootstrap().onErrorResume(e -> reactor.core.publisher.Mono.empty()))
          .block(WAIT);
      transports.add(transport);
      nodes.add(dht);
      if (bootstrap.isEmpty()) {
        bootstrap.add(new PeerInfo(transport.localPeer(), transport.listenAddresses()));
      }
    }
    Path identity = dir.resolve("identity.key");
    PeerId example = PeerId.fromPublicKey(KeyFile.loadOrCreate(identity).publicKey());
    Multiaddr first = bootstrap.get(0).addresses().get(0).withPeerId(bootstrap.get(0).id());

    List<PeerInfo> providers =
        EmbeddedExample.provideAndFind(CID, List.of(first), identity).collectList().block(WAIT);

    assertThat(providers).extracting(PeerInfo::id).contains(example);
  }
}

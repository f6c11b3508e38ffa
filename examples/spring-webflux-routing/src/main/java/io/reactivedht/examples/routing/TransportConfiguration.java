package io.reactivedht.examples.routing;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.reactor.spi.DhtTransport;
import java.security.SecureRandom;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one place the network under the DHT node comes from: the {@link DhtTransport} and the {@link BootstrapPeers}
 * for {@code dht.transport}.
 */
@Configuration(proxyBeanMethods = false)
class TransportConfiguration {

  /** {@code dht.transport: in-memory}: a local swarm of {@code dht.in-memory-nodes} simulated nodes. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "dht.transport", havingValue = "in-memory")
  static class InMemory {
    @Bean
    InMemorySwarm inMemorySwarm(DhtProperties properties) {
      return new InMemorySwarm(properties.inMemoryNodes(), properties.protocolId());
    }

    @Bean(destroyMethod = "")
    DhtTransport dhtTransport(InMemorySwarm swarm) {
      return swarm.join(PeerId.fromPublicKey(Ed25519PrivateKey.generate(new SecureRandom()).publicKey()));
    }

    @Bean
    BootstrapPeers bootstrapPeers(InMemorySwarm swarm) {
      return new BootstrapPeers(swarm.seeds());
    }
  }
}

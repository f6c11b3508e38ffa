package io.reactivedht.examples.routing;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.spring.boot.autoconfigure.BootstrapPeers;
import io.reactivedht.spring.boot.autoconfigure.ReactiveDhtProperties;
import java.security.SecureRandom;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code example.transport: in-memory}: the service's node joins a local swarm of {@code
 * example.in-memory-nodes} simulated nodes instead of the libp2p network. The two beans it
 * declares, a {@link DhtTransport} and the {@link BootstrapPeers}, replace the starter's (which
 * back off when the application has its own); everything else stays the starter's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "example.transport", havingValue = "in-memory")
class InMemorySwarmConfiguration {
  @Bean
  InMemorySwarm inMemorySwarm(
      @Value("${example.in-memory-nodes:11}") int nodes, ReactiveDhtProperties properties) {
    return new InMemorySwarm(nodes, properties.getProtocolId());
  }

  /** The service's own node in the swarm; the swarm's network, not the starter, owns it. */
  @Bean(destroyMethod = "")
  DhtTransport dhtTransport(InMemorySwarm swarm) {
    return swarm.join(
        PeerId.fromPublicKey(Ed25519PrivateKey.generate(new SecureRandom()).publicKey()));
  }

  @Bean
  BootstrapPeers bootstrapPeers(InMemorySwarm swarm) {
    return new BootstrapPeers(swarm.seeds());
  }
}

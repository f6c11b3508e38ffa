package io.reactivedht.examples.routing;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.transport.KeyFile;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import java.security.SecureRandom;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one place the network under the DHT node comes from: the {@link DhtTransport} and the {@link
 * BootstrapPeers} for {@code dht.transport}.
 */
@Configuration(proxyBeanMethods = false)
class TransportConfiguration {

  /**
   * {@code dht.transport: libp2p} (the default): the libp2p stack of {@code dht-transport},
   * listening on {@code dht.listen} with the identity in {@code dht.identity-key-file}, joining
   * through {@code dht.bootstrap}.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "dht.transport", havingValue = "libp2p", matchIfMissing = true)
  static class Libp2p {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    @Bean(destroyMethod = "")
    DhtTransport dhtTransport(DhtProperties properties) {
      PrivateKey identity = KeyFile.loadOrCreate(properties.identityKeyFile());
      Libp2pOptions options =
          Libp2pOptions.defaults(identity)
              .withListen(properties.listen().stream().map(Multiaddr::parse).toList())
              .withProtocolId(properties.protocolId());
      return Libp2pTransport.start(options).blockOptional(START_TIMEOUT).orElseThrow();
    }

    @Bean
    BootstrapPeers bootstrapPeers(DhtProperties properties) {
      return BootstrapPeers.parse(properties.bootstrap());
    }
  }

  /**
   * {@code dht.transport: in-memory}: a local swarm of {@code dht.in-memory-nodes} simulated nodes.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "dht.transport", havingValue = "in-memory")
  static class InMemory {
    @Bean
    InMemorySwarm inMemorySwarm(DhtProperties properties) {
      return new InMemorySwarm(properties.inMemoryNodes(), properties.protocolId());
    }

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
}

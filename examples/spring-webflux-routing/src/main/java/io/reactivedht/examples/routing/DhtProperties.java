package io.reactivedht.examples.routing;

import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded DHT node's settings, bound from {@code dht.*} (see {@code application.yaml}).
 *
 * @param transport the network under the node: {@link Transport#LIBP2P} (the real one) or {@link
 *     Transport#IN_MEMORY} (a local simulated swarm, for trying the API and for tests)
 * @param listen the multiaddrs the libp2p transport listens on
 * @param bootstrap the peers to join through, as {@code /ip4/.../tcp/.../p2p/<peer id>} multiaddrs
 * @param identityKeyFile the libp2p protobuf private key file of the node's identity (Ed25519,
 *     created on first use)
 * @param protocolId the DHT protocol id ({@code /ipfs/kad/1.0.0} for the public Amino DHT)
 * @param mode server, client or auto
 * @param routingTimeout how long one HTTP request may search the DHT; a stream ends, a lookup gives
 *     up, after it
 * @param inMemoryNodes how many nodes the in-memory swarm has besides this one
 */
@ConfigurationProperties("dht")
public record DhtProperties(
    @DefaultValue("libp2p") Transport transport,
    @DefaultValue("/ip4/0.0.0.0/tcp/4001") List<String> listen,
    @DefaultValue List<String> bootstrap,
    @DefaultValue("dht-identity.key") Path identityKeyFile,
    @DefaultValue(DhtOptions.IPFS_PROTOCOL) String protocolId,
    @DefaultValue("auto") Mode mode,
    @DefaultValue("30s") Duration routingTimeout,
    @DefaultValue("11") int inMemoryNodes) {

  /** Which network the node runs on. */
  public enum Transport {
    /** TCP, Noise, yamux: the libp2p stack of {@code dht-transport}. */
    LIBP2P,
    /**
     * A swarm of simulated nodes in this JVM ({@link io.reactivedht.testkit.sim.InMemoryNetwork}).
     */
    IN_MEMORY
  }

  /** The DHT options these properties select. */
  public DhtOptions dhtOptions() {
    return DhtOptions.defaults().withProtocolId(protocolId).withMode(mode);
  }
}

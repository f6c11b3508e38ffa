package io.reactivedht.spring.boot.autoconfigure;

import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.Mode;
import io.reactivedht.reactor.config.RequestRateLimit;
import io.reactivedht.routing.http.DelegatedRoutingOptions;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.config.ConnectionLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The DHT node's settings, bound from {@code reactive-dht.*}: where it listens, who it is, whom it
 * joins through, the protocol parameters of {@link DhtOptions}, the connection limits of the libp2p
 * transport, an optional datastore directory, how long startup and shutdown may take, and the
 * Delegated Routing V1 HTTP API. Every default is that of {@link DhtOptions#defaults()} and {@link
 * ConnectionLimits#DEFAULT}, except the mode ({@code auto}) and the listen address (all interfaces,
 * port 4001).
 */
@ConfigurationProperties(ReactiveDhtProperties.PREFIX)
public class ReactiveDhtProperties {
  /** The prefix of every property. */
  public static final String PREFIX = "reactive-dht";

  /** Whether to auto-configure the DHT node at all. */
  private boolean enabled = true;

  /** Multiaddrs the libp2p transport listens on; port 0 picks a free one. */
  private List<String> listen = new ArrayList<>(List.of("/ip4/0.0.0.0/tcp/4001"));

  /**
   * The node's identity: a libp2p protobuf private key file, created (Ed25519) on first use. Unset,
   * the node gets a new identity (peer id) on every start.
   */
  private @Nullable Path identityKeyFile;

  /** Peers to join the network through, each a multiaddr ending with /p2p/{peer id}. */
  private List<String> bootstrap = new ArrayList<>();

  /** The DHT protocol; a private network uses its own, e.g. /myapp/kad/1.0.0. */
  private String protocolId = DhtOptions.IPFS_PROTOCOL;

  /**
   * The longest DHT message read or written (go-libp2p and js-libp2p also allow 4MB); a longer one
   * costs the sender its stream.
   */
  private DataSize maxMessageSize = DataSize.ofMegabytes(4);

  /**
   * Server answers DHT requests, client only asks, auto is a client until the node is publicly
   * reachable, then a server.
   */
  private Mode mode = Mode.AUTO;

  /** Bucket size, replication factor and peers per answer. */
  private int k = 20;

  /** Concurrent requests per lookup. */
  private int alpha = 10;

  /** A value or peer search may end once this many of the closest peers answered; 0: off. */
  private int beta = 3;

  /** S/Kademlia disjoint lookup paths; 0 runs one plain lookup. */
  private int disjointPaths = 0;

  /** How many valid records a get of an /ipns/ key waits for (the quorum). */
  private int ipnsQuorum = 16;

  /** How long one request to one peer may take. */
  private Duration rpcTimeout = Duration.ofSeconds(10);

  /** How often the routing table is refreshed. */
  private Duration refreshInterval = Duration.ofMinutes(10);

  /** How long provider records are valid. */
  private Duration providerTtl = Duration.ofDays(2);

  /** How long the addresses in a provider record are served. */
  private Duration providerAddressTtl = Duration.ofHours(24);

  /** How often this node re-announces what it provides. */
  private Duration reprovideInterval = Duration.ofHours(22);

  /** How often this node re-puts the values it published. */
  private Duration republishInterval = Duration.ofHours(22);

  /** Value records older than this are not served. */
  private Duration maxRecordAge = Duration.ofDays(2);

  /** Connection limits of the libp2p transport. */
  private final Limits limits = new Limits();

  /** The per-peer limit on inbound DHT requests. */
  private final InboundRateLimit inboundRateLimit = new InboundRateLimit();

  /** Where the node keeps its records and state across restarts. */
  private final Datastore datastore = new Datastore();

  /** How the node starts and stops with the application. */
  private final Lifecycle lifecycle = new Lifecycle();

  /** The Delegated Routing V1 HTTP API. */
  private final RoutingApi routingApi = new RoutingApi();

  /** Properties with every default; Spring binds {@code reactive-dht.*} onto them. */
  public ReactiveDhtProperties() {}

  /**
   * The DHT options these properties select.
   *
   * @return {@link DhtOptions#defaults()} with every protocol property of this class
   * @throws IllegalArgumentException if one is out of range
   */
  public DhtOptions dhtOptions() {
    return DhtOptions.defaults()
        .withProtocolId(protocolId)
        .withMode(mode)
        .withK(k)
        .withAlpha(alpha)
        .withBeta(beta)
        .withDisjointPaths(disjointPaths)
        .withIpnsQuorum(ipnsQuorum)
        .withRpcTimeout(rpcTimeout)
        .withRefreshInterval(refreshInterval)
        .withProviderTtl(providerTtl)
        .withProviderAddressTtl(providerAddressTtl)
        .withReprovideInterval(reprovideInterval)
        .withRepublishInterval(republishInterval)
        .withMaxRecordAge(maxRecordAge)
        .withInboundRateLimit(inboundRateLimit.requestRateLimit());
  }

  /**
   * The libp2p transport options these properties select.
   *
   * @param identity the node's key
   * @return {@link Libp2pOptions#defaults} with the listen addresses, connection limits, protocol
   *     and max message size of these properties
   * @throws IllegalArgumentException if one is out of range
   */
  public Libp2pOptions libp2pOptions(PrivateKey identity) {
    long messageBytes = maxMessageSize.toBytes();
    if (messageBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          PREFIX + ".max-message-size must be under 2GB, got " + maxMessageSize);
    }
    Libp2pOptions defaults = Libp2pOptions.defaults(identity);
    return defaults
        .withHost(
            defaults.host().withListen(listenAddresses()).withLimits(limits.connectionLimits()))
        .withProtocolId(protocolId)
        .withMaxMessageSize((int) messageBytes);
  }

  /**
   * The listen addresses, parsed.
   *
   * @return the multiaddrs of {@link #getListen()}
   * @throws IllegalArgumentException naming an address that does not parse
   */
  public List<Multiaddr> listenAddresses() {
    List<Multiaddr> addresses = new ArrayList<>();
    for (String text : listen) {
      try {
        addresses.add(Multiaddr.parse(text));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(PREFIX + ".listen: " + text + ": " + e.getMessage(), e);
      }
    }
    return addresses;
  }

  /**
   * Whether to auto-configure the node.
   *
   * @return {@code reactive-dht.enabled}
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Sets whether to auto-configure the node.
   *
   * @param enabled {@code false} turns the auto-configuration off
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * The listen multiaddrs.
   *
   * @return {@code reactive-dht.listen}
   */
  public List<String> getListen() {
    return listen;
  }

  /**
   * Sets the listen multiaddrs.
   *
   * @param listen e.g. {@code /ip4/0.0.0.0/tcp/4001}
   */
  public void setListen(List<String> listen) {
    this.listen = new ArrayList<>(listen);
  }

  /**
   * The identity key file.
   *
   * @return {@code reactive-dht.identity-key-file}, or null for a new identity on every start
   */
  public @Nullable Path getIdentityKeyFile() {
    return identityKeyFile;
  }

  /**
   * Sets the identity key file.
   *
   * @param identityKeyFile a libp2p protobuf private key file, created on first use
   */
  public void setIdentityKeyFile(@Nullable Path identityKeyFile) {
    this.identityKeyFile = identityKeyFile;
  }

  /**
   * The bootstrap peers.
   *
   * @return {@code reactive-dht.bootstrap}
   */
  public List<String> getBootstrap() {
    return bootstrap;
  }

  /**
   * Sets the bootstrap peers.
   *
   * @param bootstrap multiaddrs ending with {@code /p2p/<peer id>}
   */
  public void setBootstrap(List<String> bootstrap) {
    this.bootstrap = new ArrayList<>(bootstrap);
  }

  /**
   * The DHT protocol id.
   *
   * @return {@code reactive-dht.protocol-id}
   */
  public String getProtocolId() {
    return protocolId;
  }

  /**
   * Sets the DHT protocol id.
   *
   * @param protocolId starts with {@code /}
   */
  public void setProtocolId(String protocolId) {
    this.protocolId = protocolId;
  }

  /**
   * The longest DHT message read or written.
   *
   * @return {@code reactive-dht.max-message-size}
   */
  public DataSize getMaxMessageSize() {
    return maxMessageSize;
  }

  /**
   * Sets the longest DHT message read or written.
   *
   * @param maxMessageSize 1 byte to under 2GB, e.g. {@code 8MB}
   */
  public void setMaxMessageSize(DataSize maxMessageSize) {
    this.maxMessageSize = maxMessageSize;
  }

  /**
   * The mode.
   *
   * @return {@code reactive-dht.mode}
   */
  public Mode getMode() {
    return mode;
  }

  /**
   * Sets the mode.
   *
   * @param mode server, client or auto
   */
  public void setMode(Mode mode) {
    this.mode = mode;
  }

  /**
   * The bucket size.
   *
   * @return {@code reactive-dht.k}
   */
  public int getK() {
    return k;
  }

  /**
   * Sets the bucket size.
   *
   * @param k positive
   */
  public void setK(int k) {
    this.k = k;
  }

  /**
   * The lookup concurrency.
   *
   * @return {@code reactive-dht.alpha}
   */
  public int getAlpha() {
    return alpha;
  }

  /**
   * Sets the lookup concurrency.
   *
   * @param alpha positive
   */
  public void setAlpha(int alpha) {
    this.alpha = alpha;
  }

  /**
   * The early termination of searches.
   *
   * @return {@code reactive-dht.beta}
   */
  public int getBeta() {
    return beta;
  }

  /**
   * Sets the early termination of searches.
   *
   * @param beta 0 to k
   */
  public void setBeta(int beta) {
    this.beta = beta;
  }

  /**
   * The disjoint lookup paths.
   *
   * @return {@code reactive-dht.disjoint-paths}
   */
  public int getDisjointPaths() {
    return disjointPaths;
  }

  /**
   * Sets the disjoint lookup paths.
   *
   * @param disjointPaths 0 to alpha
   */
  public void setDisjointPaths(int disjointPaths) {
    this.disjointPaths = disjointPaths;
  }

  /**
   * The IPNS quorum.
   *
   * @return {@code reactive-dht.ipns-quorum}
   */
  public int getIpnsQuorum() {
    return ipnsQuorum;
  }

  /**
   * Sets the IPNS quorum.
   *
   * @param ipnsQuorum positive
   */
  public void setIpnsQuorum(int ipnsQuorum) {
    this.ipnsQuorum = ipnsQuorum;
  }

  /**
   * The per-request timeout.
   *
   * @return {@code reactive-dht.rpc-timeout}
   */
  public Duration getRpcTimeout() {
    return rpcTimeout;
  }

  /**
   * Sets the per-request timeout.
   *
   * @param rpcTimeout positive
   */
  public void setRpcTimeout(Duration rpcTimeout) {
    this.rpcTimeout = rpcTimeout;
  }

  /**
   * The refresh interval.
   *
   * @return {@code reactive-dht.refresh-interval}
   */
  public Duration getRefreshInterval() {
    return refreshInterval;
  }

  /**
   * Sets the refresh interval.
   *
   * @param refreshInterval positive
   */
  public void setRefreshInterval(Duration refreshInterval) {
    this.refreshInterval = refreshInterval;
  }

  /**
   * The provider record TTL.
   *
   * @return {@code reactive-dht.provider-ttl}
   */
  public Duration getProviderTtl() {
    return providerTtl;
  }

  /**
   * Sets the provider record TTL.
   *
   * @param providerTtl positive
   */
  public void setProviderTtl(Duration providerTtl) {
    this.providerTtl = providerTtl;
  }

  /**
   * The provider address TTL.
   *
   * @return {@code reactive-dht.provider-address-ttl}
   */
  public Duration getProviderAddressTtl() {
    return providerAddressTtl;
  }

  /**
   * Sets the provider address TTL.
   *
   * @param providerAddressTtl positive
   */
  public void setProviderAddressTtl(Duration providerAddressTtl) {
    this.providerAddressTtl = providerAddressTtl;
  }

  /**
   * The reprovide interval.
   *
   * @return {@code reactive-dht.reprovide-interval}
   */
  public Duration getReprovideInterval() {
    return reprovideInterval;
  }

  /**
   * Sets the reprovide interval.
   *
   * @param reprovideInterval positive
   */
  public void setReprovideInterval(Duration reprovideInterval) {
    this.reprovideInterval = reprovideInterval;
  }

  /**
   * The republish interval.
   *
   * @return {@code reactive-dht.republish-interval}
   */
  public Duration getRepublishInterval() {
    return republishInterval;
  }

  /**
   * Sets the republish interval.
   *
   * @param republishInterval positive
   */
  public void setRepublishInterval(Duration republishInterval) {
    this.republishInterval = republishInterval;
  }

  /**
   * The longest a value record is served.
   *
   * @return {@code reactive-dht.max-record-age}
   */
  public Duration getMaxRecordAge() {
    return maxRecordAge;
  }

  /**
   * Sets the longest a value record is served.
   *
   * @param maxRecordAge positive
   */
  public void setMaxRecordAge(Duration maxRecordAge) {
    this.maxRecordAge = maxRecordAge;
  }

  /**
   * The connection limits.
   *
   * @return {@code reactive-dht.limits.*}
   */
  public Limits getLimits() {
    return limits;
  }

  /**
   * The per-peer limit on inbound DHT requests.
   *
   * @return {@code reactive-dht.inbound-rate-limit.*}
   */
  public InboundRateLimit getInboundRateLimit() {
    return inboundRateLimit;
  }

  /**
   * The datastore.
   *
   * @return {@code reactive-dht.datastore.*}
   */
  public Datastore getDatastore() {
    return datastore;
  }

  /**
   * The start and stop settings.
   *
   * @return {@code reactive-dht.lifecycle.*}
   */
  public Lifecycle getLifecycle() {
    return lifecycle;
  }

  /**
   * The Delegated Routing V1 HTTP API.
   *
   * @return {@code reactive-dht.routing-api.*}
   */
  public RoutingApi getRoutingApi() {
    return routingApi;
  }

  /**
   * How many DHT requests one peer may send this node ({@link RequestRateLimit}): a token bucket
   * per peer; a request beyond it is refused before any work, and its stream is reset.
   */
  public static class InboundRateLimit {
    /** Whether requests are limited at all; false only for closed test networks and benchmarks. */
    private boolean enabled = true;

    /** The sustained rate one peer may send at, in requests a second. */
    private double perSecond = RequestRateLimit.DEFAULT.perSecond();

    /** The most requests one peer may send at once after a quiet period. */
    private int burst = RequestRateLimit.DEFAULT.burst();

    /** The defaults of {@link RequestRateLimit#DEFAULT}. */
    public InboundRateLimit() {}

    /**
     * The limit these properties select.
     *
     * @return {@link RequestRateLimit#UNLIMITED} when disabled, else the rate and burst
     * @throws IllegalArgumentException if the rate is not positive or the burst below 1
     */
    public RequestRateLimit requestRateLimit() {
      return enabled ? new RequestRateLimit(perSecond, burst) : RequestRateLimit.UNLIMITED;
    }

    /**
     * Whether requests are limited.
     *
     * @return {@code reactive-dht.inbound-rate-limit.enabled}
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Turns the limit on or off.
     *
     * @param enabled false for no limit
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * The sustained rate per peer.
     *
     * @return {@code reactive-dht.inbound-rate-limit.per-second}
     */
    public double getPerSecond() {
      return perSecond;
    }

    /**
     * Sets the sustained rate per peer.
     *
     * @param perSecond requests a second, positive
     */
    public void setPerSecond(double perSecond) {
      this.perSecond = perSecond;
    }

    /**
     * The burst per peer.
     *
     * @return {@code reactive-dht.inbound-rate-limit.burst}
     */
    public int getBurst() {
      return burst;
    }

    /**
     * Sets the burst per peer.
     *
     * @param burst at least 1
     */
    public void setBurst(int burst) {
      this.burst = burst;
    }
  }

  /** The libp2p transport's connection limits ({@link ConnectionLimits}). */
  public static class Limits {
    /** The most open connections; dials fail and inbound connections are refused beyond it. */
    private int maxConnections = 512;

    /** Connections kept for this node's own dials: inbound ones stop this many below the limit. */
    private int outboundReserve = 64;

    /** Inbound connections from one IPv4 address or IPv6 /56. */
    private int maxInboundPerIp = 32;

    /** Connections to one peer. */
    private int maxPerPeer = 8;

    /** Above this many connections the least useful are closed, down to low-water. */
    private int highWater = 400;

    /** What trimming brings the connections down to. */
    private int lowWater = 320;

    /** A connection without streams for this long is closed. */
    private Duration idleTimeout = Duration.ofMinutes(5);

    /** How long connecting to one address may take, upgrade included. */
    private Duration dialTimeout = Duration.ofSeconds(10);

    /** The defaults of {@link ConnectionLimits#DEFAULT}. */
    public Limits() {}

    /**
     * The connection limits these properties select.
     *
     * @return {@link ConnectionLimits#DEFAULT} with every property of this class
     * @throws IllegalArgumentException if they do not fit together
     */
    public ConnectionLimits connectionLimits() {
      ConnectionLimits d = ConnectionLimits.DEFAULT;
      return new ConnectionLimits(
          maxConnections,
          idleTimeout,
          dialTimeout,
          d.shutdownGrace(),
          outboundReserve,
          maxInboundPerIp,
          maxPerPeer,
          lowWater,
          highWater,
          d.gracePeriod());
    }

    /**
     * The connection limit.
     *
     * @return {@code reactive-dht.limits.max-connections}
     */
    public int getMaxConnections() {
      return maxConnections;
    }

    /**
     * Sets the connection limit.
     *
     * @param maxConnections positive
     */
    public void setMaxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
    }

    /**
     * The outbound reserve.
     *
     * @return {@code reactive-dht.limits.outbound-reserve}
     */
    public int getOutboundReserve() {
      return outboundReserve;
    }

    /**
     * Sets the outbound reserve.
     *
     * @param outboundReserve 0 to below max-connections
     */
    public void setOutboundReserve(int outboundReserve) {
      this.outboundReserve = outboundReserve;
    }

    /**
     * The inbound connections per IP.
     *
     * @return {@code reactive-dht.limits.max-inbound-per-ip}
     */
    public int getMaxInboundPerIp() {
      return maxInboundPerIp;
    }

    /**
     * Sets the inbound connections per IP.
     *
     * @param maxInboundPerIp positive
     */
    public void setMaxInboundPerIp(int maxInboundPerIp) {
      this.maxInboundPerIp = maxInboundPerIp;
    }

    /**
     * The connections per peer.
     *
     * @return {@code reactive-dht.limits.max-per-peer}
     */
    public int getMaxPerPeer() {
      return maxPerPeer;
    }

    /**
     * Sets the connections per peer.
     *
     * @param maxPerPeer positive
     */
    public void setMaxPerPeer(int maxPerPeer) {
      this.maxPerPeer = maxPerPeer;
    }

    /**
     * The trimming threshold.
     *
     * @return {@code reactive-dht.limits.high-water}
     */
    public int getHighWater() {
      return highWater;
    }

    /**
     * Sets the trimming threshold.
     *
     * @param highWater at most max-connections
     */
    public void setHighWater(int highWater) {
      this.highWater = highWater;
    }

    /**
     * The trimming target.
     *
     * @return {@code reactive-dht.limits.low-water}
     */
    public int getLowWater() {
      return lowWater;
    }

    /**
     * Sets the trimming target.
     *
     * @param lowWater 0 to high-water
     */
    public void setLowWater(int lowWater) {
      this.lowWater = lowWater;
    }

    /**
     * The idle timeout.
     *
     * @return {@code reactive-dht.limits.idle-timeout}
     */
    public Duration getIdleTimeout() {
      return idleTimeout;
    }

    /**
     * Sets the idle timeout.
     *
     * @param idleTimeout positive
     */
    public void setIdleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
    }

    /**
     * The dial timeout.
     *
     * @return {@code reactive-dht.limits.dial-timeout}
     */
    public Duration getDialTimeout() {
      return dialTimeout;
    }

    /**
     * Sets the dial timeout.
     *
     * @param dialTimeout positive
     */
    public void setDialTimeout(Duration dialTimeout) {
      this.dialTimeout = dialTimeout;
    }
  }

  /** A persistent datastore (needs {@code dht-store-rocksdb} on the class path). */
  public static class Datastore {
    /**
     * The RocksDB data directory for the node's value and provider records and its state (provided
     * CIDs, published records, routing table); unset, everything is kept in memory.
     */
    private @Nullable Path directory;

    /** No directory: in-memory stores. */
    public Datastore() {}

    /**
     * The data directory.
     *
     * @return {@code reactive-dht.datastore.directory}, or null for in-memory stores
     */
    public @Nullable Path getDirectory() {
      return directory;
    }

    /**
     * Sets the data directory.
     *
     * @param directory created if missing
     */
    public void setDirectory(@Nullable Path directory) {
      this.directory = directory;
    }
  }

  /** How the node starts and stops with the application. */
  public static class Lifecycle {
    /**
     * How long the application's startup waits for the bootstrap; past it, startup goes on and the
     * bootstrap finishes in the background.
     */
    private Duration bootstrapTimeout = Duration.ofSeconds(30);

    /** How long closing the node may take when the application stops. */
    private Duration shutdownTimeout = Duration.ofSeconds(10);

    /** A 30 s bootstrap wait, a 10 s shutdown wait. */
    public Lifecycle() {}

    /**
     * The bootstrap wait.
     *
     * @return {@code reactive-dht.lifecycle.bootstrap-timeout}
     */
    public Duration getBootstrapTimeout() {
      return bootstrapTimeout;
    }

    /**
     * Sets the bootstrap wait.
     *
     * @param bootstrapTimeout 0 to not wait at all
     */
    public void setBootstrapTimeout(Duration bootstrapTimeout) {
      this.bootstrapTimeout = bootstrapTimeout;
    }

    /**
     * The shutdown wait.
     *
     * @return {@code reactive-dht.lifecycle.shutdown-timeout}
     */
    public Duration getShutdownTimeout() {
      return shutdownTimeout;
    }

    /**
     * Sets the shutdown wait.
     *
     * @param shutdownTimeout positive
     */
    public void setShutdownTimeout(Duration shutdownTimeout) {
      this.shutdownTimeout = shutdownTimeout;
    }
  }

  /** The Delegated Routing V1 HTTP API ({@code /routing/v1}) of a reactive web application. */
  public static class RoutingApi {
    /** Whether to serve the Delegated Routing V1 HTTP API under /routing/v1. */
    private boolean enabled = false;

    /** How long one HTTP request may search the DHT. */
    private Duration timeout = Duration.ofSeconds(30);

    /**
     * The CORS origins allowed on /routing/v1/** ("*": any, as the spec asks of public routers).
     */
    private List<String> allowedOrigins = new ArrayList<>(List.of("*"));

    /** Off, a 30 s timeout, any origin. */
    public RoutingApi() {}

    /**
     * The API options these properties select.
     *
     * @return the timeout and the allowed origins
     */
    public DelegatedRoutingOptions options() {
      return new DelegatedRoutingOptions(timeout, allowedOrigins);
    }

    /**
     * Whether the API is served.
     *
     * @return {@code reactive-dht.routing-api.enabled}
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the API is served.
     *
     * @param enabled {@code true} serves it
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * The routing timeout.
     *
     * @return {@code reactive-dht.routing-api.timeout}
     */
    public Duration getTimeout() {
      return timeout;
    }

    /**
     * Sets the routing timeout.
     *
     * @param timeout positive
     */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    /**
     * The CORS origins.
     *
     * @return {@code reactive-dht.routing-api.allowed-origins}
     */
    public List<String> getAllowedOrigins() {
      return allowedOrigins;
    }

    /**
     * Sets the CORS origins.
     *
     * @param allowedOrigins at least one; {@code *} for any
     */
    public void setAllowedOrigins(List<String> allowedOrigins) {
      this.allowedOrigins = new ArrayList<>(allowedOrigins);
    }
  }
}

package io.reactivedht.reactor.config;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Immutable DHT settings with the defaults of the Amino DHT spec (ipfs/specs {@code
 * routing/kad-dht.md}); each {@code withX} returns a changed copy.
 *
 * @param protocolId the stream protocol, {@code /ipfs/kad/1.0.0}; a private network uses its own
 *     prefix, e.g. {@code /myapp/kad/1.0.0}
 * @param mode server, client or auto ({@link Mode}): server
 * @param k bucket size, replication factor and peers per answer: 20
 * @param alpha concurrent requests per lookup: 10
 * @param beta early termination of value and peer searches: such a lookup ends once the beta
 *     closest peers answered (go's resiliency): 3; 0 disables it, and they run until the k closest
 *     answered, as the lookups of puts, provides, provider searches and refresh always do
 * @param disjointPaths S/Kademlia disjoint paths per lookup; 0 (off) runs one plain lookup
 * @param ipnsQuorum how many valid records (the local one included) a get waits for under an {@code
 *     /ipns/} key: 16
 * @param rpcTimeout how long one request to one peer may take: 10 s
 * @param refreshInterval routing table refresh period: 10 min
 * @param providerTtl how long provider records are valid: 48 h
 * @param providerAddressTtl how long the addresses in a provider record are served: 24 h
 * @param reprovideInterval how often this node re-announces what it provides: 22 h
 * @param republishInterval how often this node re-puts the values it published: 22 h
 * @param maxRecordAge value records older than this are not served: 48 h
 * @param inboundRateLimit how many requests one peer may send this node: {@link
 *     RequestRateLimit#DEFAULT}, 100 a second with bursts of 200
 */
public record DhtOptions(
    String protocolId,
    Mode mode,
    int k,
    int alpha,
    int beta,
    int disjointPaths,
    int ipnsQuorum,
    Duration rpcTimeout,
    Duration refreshInterval,
    Duration providerTtl,
    Duration providerAddressTtl,
    Duration reprovideInterval,
    Duration republishInterval,
    Duration maxRecordAge,
    RequestRateLimit inboundRateLimit) {

  /** The standard IPFS (Amino) DHT protocol id. */
  public static final String IPFS_PROTOCOL = "/ipfs/kad/1.0.0";

  /**
   * Validates every setting.
   *
   * @param protocolId starts with {@code /}; at most 256 characters
   * @param mode server, client or auto
   * @param k positive
   * @param alpha positive
   * @param beta 0 to {@code k}
   * @param disjointPaths 0 to {@code alpha}
   * @param ipnsQuorum positive
   * @param rpcTimeout positive
   * @param refreshInterval positive
   * @param providerTtl positive
   * @param providerAddressTtl positive
   * @param reprovideInterval positive
   * @param republishInterval positive
   * @param maxRecordAge positive
   * @param inboundRateLimit not null
   */
  public DhtOptions {
    Objects.requireNonNull(protocolId, "protocolId");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(inboundRateLimit, "inboundRateLimit");
    if (!protocolId.startsWith("/") || protocolId.length() > 256) {
      throw new IllegalArgumentException(
          "protocolId must start with '/' and be short: " + protocolId);
    }
    positive("k", k);
    positive("alpha", alpha);
    positive("ipnsQuorum", ipnsQuorum);
    if (beta < 0 || beta > k) {
      throw new IllegalArgumentException("beta must be between 0 and k, got " + beta);
    }
    if (disjointPaths < 0 || disjointPaths > alpha) {
      throw new IllegalArgumentException(
          "disjointPaths must be between 0 and alpha, got " + disjointPaths);
    }
    for (Duration d :
        new Duration[] {
          rpcTimeout,
          refreshInterval,
          providerTtl,
          providerAddressTtl,
          reprovideInterval,
          republishInterval,
          maxRecordAge
        }) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive, got " + d);
      }
    }
  }

  /**
   * The spec defaults.
   *
   * @return the values listed in the class comment; no disjoint paths
   */
  public static DhtOptions defaults() {
    return new DhtOptions(
        IPFS_PROTOCOL,
        Mode.SERVER,
        20,
        10,
        3,
        0,
        16,
        Duration.ofSeconds(10),
        Duration.ofMinutes(10),
        Duration.ofHours(48),
        Duration.ofHours(24),
        Duration.ofHours(22),
        Duration.ofHours(22),
        Duration.ofHours(48),
        RequestRateLimit.DEFAULT);
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  /**
   * A copy with another {@link #protocolId()}.
   *
   * @param v the stream protocol id, starting with {@code /}; at most 256 characters
   * @return a copy with it
   */
  public DhtOptions withProtocolId(String v) {
    return copy(c -> c.protocolId = v);
  }

  /**
   * A copy with another {@link #mode()}.
   *
   * @param v server, client or auto
   * @return a copy with it
   */
  public DhtOptions withMode(Mode v) {
    return copy(c -> c.mode = v);
  }

  /**
   * A copy with another {@link #k()}.
   *
   * @param v the bucket size and replication factor; at least 1
   * @return a copy with it, and with {@link #beta()} lowered to {@code v} if it was above
   */
  public DhtOptions withK(int v) {
    return copy(
        c -> {
          c.k = v;
          c.beta = Math.min(beta, v);
        });
  }

  /**
   * A copy with another {@link #alpha()}.
   *
   * @param v concurrent requests per lookup; at least 1 and at least {@link #disjointPaths()}
   * @return a copy with it
   */
  public DhtOptions withAlpha(int v) {
    return copy(c -> c.alpha = v);
  }

  /**
   * A copy with another {@link #beta()}.
   *
   * @param v the early-termination threshold, 0 (off) to {@link #k()}
   * @return a copy with it
   */
  public DhtOptions withBeta(int v) {
    return copy(c -> c.beta = v);
  }

  /**
   * A copy with another {@link #disjointPaths()}.
   *
   * @param v disjoint paths per lookup, 0 (off) to {@link #alpha()}
   * @return a copy with it
   */
  public DhtOptions withDisjointPaths(int v) {
    return copy(c -> c.disjointPaths = v);
  }

  /**
   * A copy with another {@link #ipnsQuorum()}.
   *
   * @param v the IPNS get quorum; at least 1
   * @return a copy with it
   */
  public DhtOptions withIpnsQuorum(int v) {
    return copy(c -> c.ipnsQuorum = v);
  }

  /**
   * A copy with another {@link #rpcTimeout()}.
   *
   * @param v the time limit of one request; positive
   * @return a copy with it
   */
  public DhtOptions withRpcTimeout(Duration v) {
    return copy(c -> c.rpcTimeout = v);
  }

  /**
   * A copy with another {@link #refreshInterval()}.
   *
   * @param v the routing table refresh period; positive
   * @return a copy with it
   */
  public DhtOptions withRefreshInterval(Duration v) {
    return copy(c -> c.refreshInterval = v);
  }

  /**
   * A copy with another {@link #providerTtl()}.
   *
   * @param v the validity of provider records; positive
   * @return a copy with it
   */
  public DhtOptions withProviderTtl(Duration v) {
    return copy(c -> c.providerTtl = v);
  }

  /**
   * A copy with another {@link #providerAddressTtl()}.
   *
   * @param v how long provider addresses are served; positive
   * @return a copy with it
   */
  public DhtOptions withProviderAddressTtl(Duration v) {
    return copy(c -> c.providerAddressTtl = v);
  }

  /**
   * A copy with another {@link #reprovideInterval()}.
   *
   * @param v the re-announce period; positive
   * @return a copy with it
   */
  public DhtOptions withReprovideInterval(Duration v) {
    return copy(c -> c.reprovideInterval = v);
  }

  /**
   * A copy with another {@link #republishInterval()}.
   *
   * @param v the re-put period; positive
   * @return a copy with it
   */
  public DhtOptions withRepublishInterval(Duration v) {
    return copy(c -> c.republishInterval = v);
  }

  /**
   * A copy with another {@link #maxRecordAge()}.
   *
   * @param v the age past which value records are not served; positive
   * @return a copy with it
   */
  public DhtOptions withMaxRecordAge(Duration v) {
    return copy(c -> c.maxRecordAge = v);
  }

  /**
   * A copy with another {@link #inboundRateLimit()}.
   *
   * @param v how many requests one peer may send this node; {@link RequestRateLimit#UNLIMITED} for
   *     none
   * @return a copy with it
   */
  public DhtOptions withInboundRateLimit(RequestRateLimit v) {
    return copy(c -> c.inboundRateLimit = v);
  }

  /** A copy with what {@code change} sets; checked as any options are. */
  private DhtOptions copy(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** The components as fields, for the withers. */
  private static final class Copy {
    String protocolId;
    Mode mode;
    int k;
    int alpha;
    int beta;
    int disjointPaths;
    int ipnsQuorum;
    Duration rpcTimeout;
    Duration refreshInterval;
    Duration providerTtl;
    Duration providerAddressTtl;
    Duration reprovideInterval;
    Duration republishInterval;
    Duration maxRecordAge;
    RequestRateLimit inboundRateLimit;

    Copy(DhtOptions o) {
      protocolId = o.protocolId;
      mode = o.mode;
      k = o.k;
      alpha = o.alpha;
      beta = o.beta;
      disjointPaths = o.disjointPaths;
      ipnsQuorum = o.ipnsQuorum;
      rpcTimeout = o.rpcTimeout;
      refreshInterval = o.refreshInterval;
      providerTtl = o.providerTtl;
      providerAddressTtl = o.providerAddressTtl;
      reprovideInterval = o.reprovideInterval;
      republishInterval = o.republishInterval;
      maxRecordAge = o.maxRecordAge;
      inboundRateLimit = o.inboundRateLimit;
    }

    DhtOptions build() {
      return new DhtOptions(
          protocolId,
          mode,
          k,
          alpha,
          beta,
          disjointPaths,
          ipnsQuorum,
          rpcTimeout,
          refreshInterval,
          providerTtl,
          providerAddressTtl,
          reprovideInterval,
          republishInterval,
          maxRecordAge,
          inboundRateLimit);
    }
  }
}

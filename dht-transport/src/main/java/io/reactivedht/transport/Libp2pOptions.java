package io.reactivedht.transport;

import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.wire.MessageFraming;
import io.reactivedht.transport.config.AutoNatOptions;
import io.reactivedht.transport.config.ConnectionLimits;
import io.reactivedht.transport.config.HostOptions;
import java.util.List;
import java.util.Objects;

/**
 * How the libp2p transport runs.
 *
 * @param host the host: identity, listen addresses, limits
 * @param protocolId the DHT protocol id ({@code /ipfs/kad/1.0.0} for the public IPFS DHT)
 * @param maxMessageSize the longest DHT message read or written, in bytes
 * @param autoNat whether AutoNAT requests are served, and how reachability is probed
 */
public record Libp2pOptions(
    HostOptions host, String protocolId, int maxMessageSize, AutoNatOptions autoNat) {
  /** The public IPFS DHT's protocol. */
  public static final String IPFS_KAD = "/ipfs/kad/1.0.0";

  /**
   * Checks the options, so that a bad one fails here rather than after the host started.
   *
   * @param host the host: identity, listen addresses, limits
   * @param protocolId the DHT protocol id: starts with {@code /}
   * @param maxMessageSize the longest DHT message read or written, in bytes: 1 to 2^31 - 11
   * @param autoNat whether AutoNAT requests are served, and how reachability is probed
   */
  public Libp2pOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(autoNat, "autoNat");
    if (!protocolId.startsWith("/")) {
      throw new IllegalArgumentException("protocolId must start with '/': " + protocolId);
    }
    if (maxMessageSize < 1 || maxMessageSize > MessageFraming.LARGEST_MAX_MESSAGE_SIZE) {
      throw new IllegalArgumentException("maxMessageSize out of range: " + maxMessageSize);
    }
  }

  /**
   * Options with the default AutoNAT settings.
   *
   * @param host the host: identity, listen addresses, limits
   * @param protocolId the DHT protocol id, e.g. {@value #IPFS_KAD}
   * @param maxMessageSize the longest DHT message read or written, in bytes
   */
  public Libp2pOptions(HostOptions host, String protocolId, int maxMessageSize) {
    this(host, protocolId, maxMessageSize, AutoNatOptions.DEFAULT);
  }

  /**
   * Loopback on a free port, {@code /ipfs/kad/1.0.0}, 4 MiB messages.
   *
   * @param identity the node's identity key, e.g. from {@link KeyFile#loadOrCreate}
   * @return options with {@link HostOptions#defaults} and {@link AutoNatOptions#DEFAULT}
   */
  public static Libp2pOptions defaults(PrivateKey identity) {
    return new Libp2pOptions(
        HostOptions.defaults(identity), IPFS_KAD, MessageFraming.DEFAULT_MAX_MESSAGE_SIZE);
  }

  /**
   * A copy with other host options.
   *
   * @param options identity, listen addresses, connection and resource limits
   * @return a copy with them
   */
  public Libp2pOptions withHost(HostOptions options) {
    return new Libp2pOptions(options, protocolId, maxMessageSize, autoNat);
  }

  /**
   * A copy listening on {@code addresses} (e.g. {@code /ip4/0.0.0.0/tcp/4001}).
   *
   * @param addresses TCP multiaddrs, port 0 for a free one; empty to only dial
   * @return a copy with them
   */
  public Libp2pOptions withListen(List<Multiaddr> addresses) {
    return new Libp2pOptions(host.withListen(addresses), protocolId, maxMessageSize, autoNat);
  }

  /**
   * A copy speaking another DHT protocol id (a private network).
   *
   * @param id the protocol id served and dialed, e.g. {@code /myapp/kad/1.0.0}
   * @return a copy with it
   */
  public Libp2pOptions withProtocolId(String id) {
    return new Libp2pOptions(host, id, maxMessageSize, autoNat);
  }

  /**
   * A copy with other connection limits.
   *
   * @param limits the host's connection budget and its timeouts
   * @return a copy with them
   */
  public Libp2pOptions withLimits(ConnectionLimits limits) {
    return new Libp2pOptions(host.withLimits(limits), protocolId, maxMessageSize, autoNat);
  }

  /**
   * A copy with another message bound.
   *
   * @param bytes the longest DHT message read or written (go and js use 4 MiB)
   * @return a copy with it
   */
  public Libp2pOptions withMaxMessageSize(int bytes) {
    return new Libp2pOptions(host, protocolId, bytes, autoNat);
  }

  /**
   * A copy with other AutoNAT settings.
   *
   * @param options whether requests are served, and how reachability is probed
   * @return a copy with them
   */
  public Libp2pOptions withAutoNat(AutoNatOptions options) {
    return new Libp2pOptions(host, protocolId, maxMessageSize, options);
  }
}

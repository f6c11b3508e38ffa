package io.reactivedht.transport.config;

import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.util.List;

/**
 * How a host runs.
 *
 * @param identity the node's libp2p identity key
 * @param listen the TCP multiaddrs to listen on ({@code /ip4/0.0.0.0/tcp/0} listens on every IPv4
 *     interface on a free port); empty for a node that only dials
 * @param agentVersion what identify tells peers we run
 * @param limits connection limits and timeouts
 * @param yamux muxer windows and stream limits
 * @param handshakeTimeout how long the connection upgrade, a stream negotiation or an identify
 *     exchange may take
 * @param resources how many received-but-unread stream bytes and inbound streams the node, each
 *     peer and each connection may have
 */
public record HostOptions(
    PrivateKey identity,
    List<Multiaddr> listen,
    String agentVersion,
    ConnectionLimits limits,
    YamuxConfig yamux,
    Duration handshakeTimeout,
    ResourceLimits resources) {
  /** The agent version sent by default. */
  public static final String AGENT_VERSION = "reactive-dht/0.1.0";

  /**
   * Copies the list.
   *
   * @param identity the node's identity key; the peer id derives from it
   * @param listen the TCP multiaddrs to listen on; empty to only dial
   * @param agentVersion what identify tells peers we run, e.g. {@value #AGENT_VERSION}
   * @param limits connection limits and timeouts
   * @param yamux muxer windows and stream limits
   * @param handshakeTimeout the limit of an upgrade, a stream negotiation or an identify exchange
   * @param resources the memory and stream budgets of the node, each peer and each connection
   */
  public HostOptions {
    listen = List.copyOf(listen);
  }

  /**
   * Listens on loopback only, on a free port, with the default limits.
   *
   * @param identity the node's identity key, e.g. from {@link
   *     io.reactivedht.transport.KeyFile#loadOrCreate}
   * @return options with agent version {@value #AGENT_VERSION}, {@link ConnectionLimits#DEFAULT},
   *     {@link YamuxConfig#DEFAULT} and a 10 s handshake timeout
   */
  public static HostOptions defaults(PrivateKey identity) {
    return new HostOptions(
        identity,
        List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")),
        AGENT_VERSION,
        ConnectionLimits.DEFAULT,
        YamuxConfig.DEFAULT,
        Duration.ofSeconds(10),
        ResourceLimits.defaults());
  }

  /**
   * A copy listening on {@code addresses}.
   *
   * @param addresses TCP multiaddrs, port 0 for a free one; empty to only dial
   * @return a copy with them
   */
  public HostOptions withListen(List<Multiaddr> addresses) {
    return new HostOptions(
        identity, addresses, agentVersion, limits, yamux, handshakeTimeout, resources);
  }

  /**
   * A copy with other connection limits.
   *
   * @param connectionLimits the connection budget and its timeouts
   * @return a copy with them
   */
  public HostOptions withLimits(ConnectionLimits connectionLimits) {
    return new HostOptions(
        identity, listen, agentVersion, connectionLimits, yamux, handshakeTimeout, resources);
  }

  /**
   * A copy with another handshake timeout.
   *
   * @param timeout the limit of an upgrade, a stream negotiation or an identify exchange
   * @return a copy with it
   */
  public HostOptions withHandshakeTimeout(Duration timeout) {
    return new HostOptions(identity, listen, agentVersion, limits, yamux, timeout, resources);
  }

  /**
   * A copy with other muxer settings.
   *
   * @param config the yamux windows and stream limits
   * @return a copy with them
   */
  public HostOptions withYamux(YamuxConfig config) {
    return new HostOptions(
        identity, listen, agentVersion, limits, config, handshakeTimeout, resources);
  }

  /**
   * A copy with other resource budgets.
   *
   * @param budgets the unread bytes and inbound streams of the node, each peer and each connection
   * @return a copy with them
   */
  public HostOptions withResources(ResourceLimits budgets) {
    return new HostOptions(
        identity, listen, agentVersion, limits, yamux, handshakeTimeout, budgets);
  }
}

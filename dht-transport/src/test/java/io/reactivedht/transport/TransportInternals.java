package io.reactivedht.transport;

import io.reactivedht.transport.host.Libp2pHost;

/** The test seam into what {@link Libp2pTransport} keeps out of its API. */
public final class TransportInternals {
  private TransportInternals() {}

  /** The libp2p host under {@code transport}. */
  public static Libp2pHost host(Libp2pTransport transport) {
    return transport.host();
  }
}

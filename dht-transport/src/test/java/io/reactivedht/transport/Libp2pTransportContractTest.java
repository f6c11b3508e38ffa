package io.reactivedht.transport;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.testkit.contract.DhtTransportContract;
import java.security.SecureRandom;
import java.time.Duration;

/** The transport contract of dht-reactor, on the full libp2p stack over loopback TCP. */
class Libp2pTransportContractTest extends DhtTransportContract {
  private final SecureRandom random = Seeds.random(42);

  @Override
  protected DhtTransport createTransport() {
    return Libp2pTransport.start(Libp2pOptions.defaults(Ed25519PrivateKey.generate(random)))
        .block(Duration.ofSeconds(10));
  }
}

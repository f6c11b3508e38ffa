package io.reactivedht.testkit.sim;

import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.testkit.contract.DhtTransportContract;
import java.time.Duration;
import java.util.SplittableRandom;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The transport contract on virtual time, as simulations run: without delays, every exchange runs
 * to its end on the test thread as soon as it is subscribed (dials to absent peers are refused at
 * once).
 */
class SimulatedTransportContractTest extends DhtTransportContract {
  private final InMemoryNetwork network =
      new InMemoryNetwork(
          VirtualTimeScheduler.create(),
          new SplittableRandom(1),
          NetworkConditions.ideal().withDialTimeout(Duration.ZERO));
  private long peers;

  @Override
  protected DhtTransport createTransport() {
    return network.join(SimFixtures.peer(peers++));
  }
}

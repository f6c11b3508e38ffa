package io.reactivedht.testkit.sim;

import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.testkit.contract.DhtTransportContract;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The transport contract on a real scheduler thread, apart from the test thread, with 1 ms one-way
 * delays and messages encoded as bytes: the network works off virtual time too, and every message
 * survives the codec.
 */
class SimulatedTransportRealTimeContractTest extends DhtTransportContract {
  private static final Scheduler SCHEDULER = Schedulers.newSingle("simulated-network");

  private final InMemoryNetwork network =
      new InMemoryNetwork(
          SCHEDULER,
          new SplittableRandom(1),
          NetworkConditions.ideal()
              .withLatency(LatencyModel.constant(Duration.ofMillis(1)))
              .withDialTimeout(Duration.ofMillis(50)),
          true);
  private long peers;

  @AfterAll
  static void stopScheduler() {
    SCHEDULER.dispose();
  }

  @Override
  protected DhtTransport createTransport() {
    return network.join(SimFixtures.peer(peers++));
  }
}

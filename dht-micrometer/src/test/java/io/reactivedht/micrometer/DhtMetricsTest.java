package io.reactivedht.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.validation.NamespacedValidator;
import io.reactivedht.core.validation.Validator;
import io.reactivedht.core.wire.MessageType;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.observe.DhtObserver;
import io.reactivedht.reactor.observe.RequestLimit;
import io.reactivedht.testkit.TestSwarm;
import io.reactivedht.testkit.sim.SimulatedTransport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node with the {@link DhtMetrics} observer on a small in-memory network in virtual time: the
 * meters exist with sensible counts after each kind of operation, and the observations nest.
 */
class DhtMetricsTest {
  private static final int SWARM = 8;

  /** Accepts every value under {@code /test/}; the longer value wins. */
  private static final NamespacedValidator VALIDATOR =
      NamespacedValidator.of(
          Map.of(
              "test",
              new Validator() {
                @Override
                public void validate(Record record, Instant now) {}

                @Override
                public int select(byte[] key, List<byte[]> values) {
                  return values.get(0).length >= values.get(1).length ? 0 : 1;
                }
              }));

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final TestSwarm swarm =
      TestSwarm.builder(SWARM).validator(VALIDATOR).seed(3).virtualTime();
  private final List<Runnable> cleanUp = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    cleanUp.forEach(Runnable::run);
    swarm.close();
  }

  @Test
  void eachOperationIsTimedWithItsHopsAndRequestsAndTheGaugesFollowTheNode() {
    Dht dht = observedNode(DhtMetrics.observer(meters));
    byte[] key = bytes("/test/a");
    Cid cid = Cid.v1(Cid.RAW, Multihash.sha256(bytes("content")));

    assertThat(swarm.await(dht.findClosestPeers(bytes("x")).collectList()).orElseThrow())
        .hasSize(SWARM);
    assertThat(swarm.await(dht.putValue(key, bytes("one"))).orElseThrow().accepted())
        .hasSize(SWARM);
    assertThat(swarm.await(dht.getValue(key)).orElseThrow().value()).isEqualTo(bytes("one"));
    assertThat(swarm.await(dht.provide(cid)).orElseThrow().reached()).hasSize(SWARM);
    assertThat(swarm.await(dht.findProviders(cid).collectList()).orElseThrow())
        .extracting(PeerInfo::id)
        .containsExactly(dht.localPeer());
    assertThat(
            swarm.await(dht.findPeer(PeerId.fromBytes(Multihash.sha256(bytes("nobody")).bytes()))))
        .isEmpty();

    for (String operation :
        List.of("find_closest_peers", "put_value", "get_value", "provide", "find_providers")) {
      assertThat(
              meters
                  .get(DhtMetrics.OPERATIONS)
                  .tags("operation", operation, "outcome", "success")
                  .timer()
                  .count())
          .as(operation)
          .isEqualTo(1);
    }
    assertThat(
            meters
                .get(DhtMetrics.OPERATIONS)
                .tags("operation", "find_peer", "outcome", "not_found")
                .timer()
                .count())
        .isEqualTo(1);
    var lookupHops =
        meters.get(DhtMetrics.OPERATION_HOPS).tag("operation", "find_closest_peers").summary();
    assertThat(lookupHops.count()).isEqualTo(1);
    assertThat(lookupHops.max()).isBetween(1.0, 3.0);
    var putRequests =
        meters.get(DhtMetrics.OPERATION_REQUESTS).tag("operation", "put_value").summary();
    assertThat(putRequests.totalAmount()).isGreaterThanOrEqualTo(2.0 * SWARM); // lookup + puts

    assertThat(counted(meters.get(DhtMetrics.REQUESTS_SENT).tags("type", "put_value")))
        .isEqualTo(SWARM);
    assertThat(counted(meters.get(DhtMetrics.REQUESTS_SENT).tags("type", "add_provider")))
        .isEqualTo(SWARM);
    assertThat(
            counted(
                meters
                    .get(DhtMetrics.REQUESTS_SENT)
                    .tags("type", "find_node", "outcome", "success")))
        .isPositive();
    assertThat(counted(meters.get(DhtMetrics.REQUESTS_SENT).tags("type", "get_providers")))
        .isPositive();
    assertThat(meters.find(DhtMetrics.REQUESTS_SENT).tag("outcome", "error").counters()).isEmpty();

    // the swarm's nodes look up through ours: its server answers them
    swarm.await(swarm.node(1).findClosestPeers(bytes("y")).collectList());
    assertThat(
            counted(
                meters
                    .get(DhtMetrics.REQUESTS_SERVED)
                    .tags("type", "find_node", "outcome", "served")))
        .isPositive();

    assertThat(meters.get(DhtMetrics.ROUTING_TABLE_SIZE).gauge().value()).isEqualTo(SWARM);
    assertThat(meters.get(DhtMetrics.VALUE_STORE_RECORDS).gauge().value()).isEqualTo(1);
    assertThat(meters.get(DhtMetrics.PROVIDER_STORE_KEYS).gauge().value()).isEqualTo(1);
    assertThat(meters.getMeters())
        .allSatisfy(meter -> assertThat(meter.getId().getName()).startsWith("dht."))
        .allSatisfy(
            meter ->
                assertThat(meter.getId().getTags())
                    .allSatisfy(
                        tag ->
                            assertThat(tag.getKey())
                                .isIn("operation", "outcome", "type", "limit")));
  }

  @Test
  void refusalsAreCountedByLimitAndServedAsLimited() {
    DhtObserver observer = DhtMetrics.observer(meters);

    observer.requestRefused(MessageType.FIND_NODE, RequestLimit.RATE_LIMIT);
    observer.requestRefused(MessageType.PUT_VALUE, RequestLimit.STORE_QUEUE);

    assertThat(
            meters
                .get(DhtMetrics.REQUESTS_REFUSED)
                .tags("type", "find_node", "limit", "rate_limit")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            meters
                .get(DhtMetrics.REQUESTS_REFUSED)
                .tags("type", "put_value", "limit", "store_queue")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void eachOperationIsAnObservationWithItsRequestsAsChildren() {
    TestObservationRegistry observations = TestObservationRegistry.create();
    List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
    observations.observationConfig().observationHandler(new Collecting(stopped));
    Dht dht = observedNode(DhtMetrics.observer(meters, observations));
    Cid cid = Cid.v1(Cid.RAW, Multihash.sha256(bytes("content")));

    swarm.await(dht.provide(cid));
    swarm.await(dht.findProviders(cid).take(1).collectList());

    TestObservationRegistryAssert.assertThat(observations)
        .hasNumberOfObservationsWithNameEqualTo(DhtMetrics.OPERATION_OBSERVATION, 2)
        .hasObservationWithNameEqualTo(DhtMetrics.OPERATION_OBSERVATION)
        .that()
        .hasContextualNameEqualTo("dht.provide")
        .hasLowCardinalityKeyValue("outcome", "success");
    List<Observation.Context> operations =
        stopped.stream().filter(c -> DhtMetrics.OPERATION_OBSERVATION.equals(c.getName())).toList();
    List<Observation.Context> rpcs =
        stopped.stream().filter(c -> DhtMetrics.RPC_OBSERVATION.equals(c.getName())).toList();
    assertThat(operations)
        .extracting(Observation.Context::getContextualName)
        .containsExactly("dht.provide", "dht.find_providers");
    assertThat(rpcs)
        .isNotEmpty()
        .allSatisfy(
            rpc -> {
              ObservationView parent = rpc.getParentObservation();
              assertThat(parent).isNotNull();
              assertThat(operations)
                  .anySatisfy(op -> assertThat(op).isSameAs(parent.getContextView()));
              assertThat(rpc.getLowCardinalityKeyValue("type")).isNotNull();
              assertThat(rpc.getLowCardinalityKeyValue("outcome")).isNotNull();
              assertThat(rpc.getHighCardinalityKeyValue("peer")).isNotNull();
            });
    assertThat(rpcs)
        .filteredOn(rpc -> "add_provider".equals(rpc.getLowCardinalityKeyValue("type").getValue()))
        .hasSize(SWARM)
        .allSatisfy(
            rpc ->
                assertThat(rpc.getParentObservation().getContextView())
                    .isSameAs(operations.get(0)));
  }

  @Test
  void withoutAnObservationRegistryNoObservationIsMade() {
    Dht dht = observedNode(DhtMetrics.observer(meters, ObservationRegistry.NOOP));
    assertThat(swarm.await(dht.findClosestPeers(bytes("x")).collectList()).orElseThrow())
        .hasSize(SWARM);
    assertThat(
            meters
                .get(DhtMetrics.OPERATIONS)
                .tags("operation", "find_closest_peers")
                .timer()
                .count())
        .isEqualTo(1);
  }

  /** A server node with {@code observer} that joins the swarm through its first node. */
  private Dht observedNode(DhtObserver observer) {
    byte[] seed = new byte[32];
    new Random(42).nextBytes(seed);
    PeerId id = PeerId.fromPublicKey(Ed25519PrivateKey.fromSeed(seed).publicKey());
    SimulatedTransport transport = swarm.network().join(id);
    PeerId first = swarm.node(0).localPeer();
    Dht dht =
        Dht.builder(transport)
            .validator(VALIDATOR)
            .scheduler(swarm.scheduler())
            .bootstrapPeers(List.of(new PeerInfo(first, transport.addressesOf(first))))
            .random(new SplittableRandom(7))
            .observer(observer)
            .build();
    swarm.await(dht.start().then(dht.bootstrap()));
    cleanUp.add(() -> dht.close().subscribe());
    return dht;
  }

  private static double counted(RequiredSearch search) {
    return search.counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Keeps every observation context once it stopped. */
  private record Collecting(List<Observation.Context> stopped)
      implements ObservationHandler<Observation.Context> {
    @Override
    public void onStop(Observation.Context context) {
      stopped.add(context);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
      return true;
    }
  }
}

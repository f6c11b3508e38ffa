package io.reactivedht.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import io.reactivedht.reactor.observe.DhtGauges;
import io.reactivedht.reactor.observe.DhtObserver;

/**
 * The entry point: a node's metrics and observations in Micrometer.
 *
 * <pre>{@code
 * Dht dht =
 *     Dht.builder(transport)
 *         .observer(DhtMetrics.observer(meterRegistry, observationRegistry))
 *         .build(); // registers the node's gauges too
 * new TransportMetrics(transport.figures()).bindTo(meterRegistry);
 * }</pre>
 *
 * <p>The meters (tags in brackets, all low-cardinality):
 *
 * <ul>
 *   <li>{@value #OPERATIONS} timer [operation, outcome]: each public operation, on the node's clock
 *   <li>{@value #OPERATION_HOPS} summary [operation]: the longest referral chain of each operation
 *   <li>{@value #OPERATION_REQUESTS} summary [operation]: the requests each operation sent
 *   <li>{@value #REQUESTS_SENT} counter [type, outcome]: requests sent by the operations
 *   <li>{@value #REQUESTS_SERVED} counter [type, outcome]: inbound requests the server finished
 *   <li>{@value #REQUESTS_REFUSED} counter [type, limit]: inbound requests a limit refused
 *   <li>{@value #ROUTING_TABLE_SIZE}, {@value #VALUE_STORE_RECORDS}, {@value #PROVIDER_STORE_KEYS}
 *       gauges
 * </ul>
 *
 * <p>Tag values are lower case: operation {@code lookup}, {@code find_closest_peers}, {@code
 * find_peer}, {@code put_value}, {@code get_value}, {@code resolve}, {@code search_value}, {@code
 * records}, {@code provide}, {@code find_providers}; outcome {@code success}, {@code not_found},
 * {@code error}, {@code cancelled} (operations), {@code success}, {@code error}, {@code timeout},
 * {@code cancelled} (requests sent), {@code served}, {@code rejected}, {@code limited} (requests
 * served); type {@code find_node}, {@code get_value}, {@code put_value}, {@code get_providers},
 * {@code add_provider}, {@code ping}; limit {@code rate_limit}, {@code store_queue}.
 *
 * <p>Observations: {@value #OPERATION_OBSERVATION} per operation (contextual name {@code
 * dht.<operation>}, e.g. {@code dht.find_providers}; low-cardinality key values operation and
 * outcome), and {@value #RPC_OBSERVATION} per request as its child (contextual name {@code
 * dht.rpc.<type>}; low-cardinality type and outcome, high-cardinality {@code peer}).
 */
public final class DhtMetrics {
  /** The timer of the public operations. */
  public static final String OPERATIONS = "dht.operations";

  /** The distribution summary of each operation's hops. */
  public static final String OPERATION_HOPS = "dht.operation.hops";

  /** The distribution summary of the requests each operation sent. */
  public static final String OPERATION_REQUESTS = "dht.operation.requests";

  /** The counter of the requests the operations sent. */
  public static final String REQUESTS_SENT = "dht.requests.sent";

  /** The counter of the inbound requests the server finished with. */
  public static final String REQUESTS_SERVED = "dht.requests.served";

  /** The counter of the inbound requests a limit refused. */
  public static final String REQUESTS_REFUSED = "dht.requests.refused";

  /** The gauge of the routing table's peers. */
  public static final String ROUTING_TABLE_SIZE = "dht.routing.table.size";

  /** The gauge of the value store's records. */
  public static final String VALUE_STORE_RECORDS = "dht.value.store.records";

  /** The gauge of the provider store's keys. */
  public static final String PROVIDER_STORE_KEYS = "dht.provider.store.keys";

  /** The observation of each public operation. */
  public static final String OPERATION_OBSERVATION = "dht.operation";

  /** The observation of each request an operation sends, a child of the operation's. */
  public static final String RPC_OBSERVATION = "dht.rpc";

  private DhtMetrics() {}

  /**
   * An observer that records meters only.
   *
   * @param meters where the meters go
   * @return the observer for {@code Dht.Builder.observer}; one per node
   */
  public static DhtObserver observer(MeterRegistry meters) {
    return observer(meters, ObservationRegistry.NOOP, Tags.empty());
  }

  /**
   * An observer that records meters and observations.
   *
   * @param meters where the meters go
   * @param observations where the observations go ({@link ObservationRegistry#NOOP} for none)
   * @return the observer for {@code Dht.Builder.observer}; one per node
   */
  public static DhtObserver observer(MeterRegistry meters, ObservationRegistry observations) {
    return observer(meters, observations, Tags.empty());
  }

  /**
   * An observer that records meters and observations, with extra tags on every meter (e.g. to tell
   * apart several nodes in one registry, whose gauges would otherwise share their names and tags).
   *
   * @param meters where the meters go
   * @param observations where the observations go ({@link ObservationRegistry#NOOP} for none)
   * @param tags added to every meter; low-cardinality
   * @return the observer for {@code Dht.Builder.observer}; one per node. It registers the node's
   *     gauges when the node is built
   */
  public static DhtObserver observer(
      MeterRegistry meters, ObservationRegistry observations, Iterable<Tag> tags) {
    return new MicrometerObserver(meters, observations, Tags.of(tags));
  }

  /**
   * The gauges of a node, for a registry other than its observer's (the observer of {@link
   * #observer} registers them itself).
   *
   * @param gauges the node's {@code Dht.gauges()}
   * @param tags added to every gauge
   * @return binds the routing table and store gauges
   */
  public static MeterBinder gauges(DhtGauges gauges, Iterable<Tag> tags) {
    Tags all = Tags.of(tags);
    return registry -> bindGauges(gauges, all, registry);
  }

  static void bindGauges(DhtGauges gauges, Tags tags, MeterRegistry registry) {
    Gauge.builder(ROUTING_TABLE_SIZE, gauges, DhtGauges::routingTableSize)
        .description("The peers in the routing table")
        .baseUnit("peers")
        .tags(tags)
        .register(registry);
    Gauge.builder(VALUE_STORE_RECORDS, gauges, g -> (double) g.valueRecords())
        .description("The value records in the node's store")
        .baseUnit("records")
        .tags(tags)
        .register(registry);
    Gauge.builder(PROVIDER_STORE_KEYS, gauges, g -> (double) g.providerKeys())
        .description("The keys with providers in the node's store")
        .baseUnit("keys")
        .tags(tags)
        .register(registry);
  }
}

package io.reactivedht.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.wire.MessageType;
import io.reactivedht.reactor.observe.DhtGauges;
import io.reactivedht.reactor.observe.DhtObserver;
import io.reactivedht.reactor.observe.Operation;
import io.reactivedht.reactor.observe.OperationObserver;
import io.reactivedht.reactor.observe.OperationOutcome;
import io.reactivedht.reactor.observe.OperationSummary;
import io.reactivedht.reactor.observe.RequestLimit;
import io.reactivedht.reactor.observe.RequestOutcome;
import io.reactivedht.reactor.observe.RpcObserver;
import io.reactivedht.reactor.observe.RpcOutcome;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@link DhtObserver} of {@link DhtMetrics}. Meters are registered on first use and kept in
 * enum maps, so a hot-path report is two array reads and an increment. Without an observation
 * registry, a request's observer is one shared object per request type: no allocation per request.
 */
final class MicrometerObserver implements DhtObserver {
  private final MeterRegistry meters;
  private final ObservationRegistry observations;
  private final Tags tags;
  private final Map<Operation, Map<OperationOutcome, Lazy<Timer>>> operationTimers;
  private final Map<Operation, Lazy<DistributionSummary>> hops;
  private final Map<Operation, Lazy<DistributionSummary>> requests;
  private final Map<MessageType, Map<RpcOutcome, Lazy<Counter>>> sent;
  private final Map<MessageType, Map<RequestOutcome, Lazy<Counter>>> served;
  private final Map<MessageType, Map<RequestLimit, Lazy<Counter>>> refused;
  private final Map<MessageType, RpcObserver> countingRpcs = new EnumMap<>(MessageType.class);

  MicrometerObserver(MeterRegistry meters, ObservationRegistry observations, Tags tags) {
    this.meters = meters;
    this.observations = observations;
    this.tags = tags;
    this.operationTimers =
        byEnum(
            Operation.class,
            OperationOutcome.class,
            (op, outcome) ->
                Timer.builder(DhtMetrics.OPERATIONS)
                    .description("The public operations of the DHT node")
                    .tags(tags)
                    .tag("operation", tagValue(op))
                    .tag("outcome", tagValue(outcome))
                    .register(meters));
    this.hops =
        byEnum(
            Operation.class,
            op ->
                DistributionSummary.builder(DhtMetrics.OPERATION_HOPS)
                    .description("The longest referral chain of an operation's lookups")
                    .baseUnit("hops")
                    .tags(tags)
                    .tag("operation", tagValue(op))
                    .register(meters));
    this.requests =
        byEnum(
            Operation.class,
            op ->
                DistributionSummary.builder(DhtMetrics.OPERATION_REQUESTS)
                    .description("The requests an operation sent")
                    .baseUnit("requests")
                    .tags(tags)
                    .tag("operation", tagValue(op))
                    .register(meters));
    this.sent =
        byEnum(
            MessageType.class,
            RpcOutcome.class,
            (type, outcome) ->
                Counter.builder(DhtMetrics.REQUESTS_SENT)
                    .description("The requests the node's operations sent")
                    .baseUnit("requests")
                    .tags(tags)
                    .tag("type", tagValue(type))
                    .tag("outcome", tagValue(outcome))
                    .register(meters));
    this.served =
        byEnum(
            MessageType.class,
            RequestOutcome.class,
            (type, outcome) ->
                Counter.builder(DhtMetrics.REQUESTS_SERVED)
                    .description("The inbound requests the node's server finished with")
                    .baseUnit("requests")
                    .tags(tags)
                    .tag("type", tagValue(type))
                    .tag("outcome", tagValue(outcome))
                    .register(meters));
    this.refused =
        byEnum(
            MessageType.class,
            RequestLimit.class,
            (type, limit) ->
                Counter.builder(DhtMetrics.REQUESTS_REFUSED)
                    .description("The inbound requests a limit of the node's server refused")
                    .baseUnit("requests")
                    .tags(tags)
                    .tag("type", tagValue(type))
                    .tag("limit", tagValue(limit))
                    .register(meters));
    for (MessageType type : MessageType.values()) {
      countingRpcs.put(type, new CountingRpc(type));
    }
  }

  @Override
  public void attached(DhtGauges gauges) {
    DhtMetrics.bindGauges(gauges, tags, meters);
  }

  @Override
  public OperationObserver operationStarted(Operation operation) {
    Observation observation =
        observations.isNoop()
            ? Observation.NOOP
            : Observation.createNotStarted(DhtMetrics.OPERATION_OBSERVATION, observations)
                .contextualName("dht." + tagValue(operation))
                .lowCardinalityKeyValue("operation", tagValue(operation))
                .start();
    return new ObservedOperation(observation);
  }

  @Override
  public void requestServed(MessageType type, RequestOutcome outcome) {
    get(served, type, outcome).increment();
  }

  @Override
  public void requestRefused(MessageType type, RequestLimit limit) {
    get(refused, type, limit).increment();
  }

  private void countSent(MessageType type, RpcOutcome outcome) {
    get(sent, type, outcome).increment();
  }

  /** {@code FIND_PROVIDERS} as {@code find_providers}. */
  static String tagValue(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** One run of an operation: its observation (possibly the no-op) and its requests. */
  private final class ObservedOperation implements OperationObserver {
    private final Observation observation;

    ObservedOperation(Observation observation) {
      this.observation = observation;
    }

    @Override
    public RpcObserver rpcStarted(PeerId peer, MessageType type) {
      if (observation.isNoop()) {
        return Objects.requireNonNull(countingRpcs.get(type), "every type has one");
      }
      Observation rpc =
          Observation.createNotStarted(DhtMetrics.RPC_OBSERVATION, observations)
              .contextualName("dht.rpc." + tagValue(type))
              .parentObservation(observation)
              .lowCardinalityKeyValue("type", tagValue(type))
              .highCardinalityKeyValue("peer", peer.toString())
              .start();
      return new ObservedRpc(type, rpc);
    }

    @Override
    public void ended(OperationSummary summary) {
      Operation op = summary.operation();
      get(operationTimers, op, summary.outcome()).record(summary.duration());
      get(hops, op).record(summary.hops());
      get(requests, op).record(summary.requests());
      if (!observation.isNoop()) {
        observation.lowCardinalityKeyValue("outcome", tagValue(summary.outcome()));
        observation.highCardinalityKeyValue("hops", Integer.toString(summary.hops()));
        observation.highCardinalityKeyValue("requests", Integer.toString(summary.requests()));
        Throwable error = summary.error();
        if (error != null && summary.outcome() == OperationOutcome.ERROR) {
          observation.error(error);
        }
        observation.stop();
      }
    }
  }

  /** A request without an observation: counts its end. Shared by all requests of its type. */
  private final class CountingRpc implements RpcObserver {
    private final MessageType type;

    CountingRpc(MessageType type) {
      this.type = type;
    }

    @Override
    public void ended(RpcOutcome outcome) {
      countSent(type, outcome);
    }
  }

  /** A request with its observation, a child of its operation's. */
  private final class ObservedRpc implements RpcObserver {
    private final MessageType type;
    private final Observation observation;

    ObservedRpc(MessageType type, Observation observation) {
      this.type = type;
      this.observation = observation;
    }

    @Override
    public void ended(RpcOutcome outcome) {
      countSent(type, outcome);
      observation.lowCardinalityKeyValue("outcome", tagValue(outcome)).stop();
    }
  }

  /** A meter registered on first use; registering twice returns the same meter. */
  private static final class Lazy<M> {
    private final Supplier<M> register;
    private volatile @Nullable M meter;

    Lazy(Supplier<M> register) {
      this.register = register;
    }

    M get() {
      M m = meter;
      if (m == null) {
        m = register.get();
        meter = m;
      }
      return m;
    }
  }

  private static <K extends Enum<K>, M> Map<K, Lazy<M>> byEnum(
      Class<K> keys, Function<K, M> register) {
    Map<K, Lazy<M>> map = new EnumMap<>(keys);
    for (K key : keys.getEnumConstants()) {
      map.put(key, new Lazy<>(() -> register.apply(key)));
    }
    return map;
  }

  private static <K extends Enum<K>, L extends Enum<L>, M> Map<K, Map<L, Lazy<M>>> byEnum(
      Class<K> keys, Class<L> subKeys, BiFunction<K, L, M> register) {
    Map<K, Map<L, Lazy<M>>> map = new EnumMap<>(keys);
    for (K key : keys.getEnumConstants()) {
      map.put(key, byEnum(subKeys, subKey -> register.apply(key, subKey)));
    }
    return map;
  }

  private static <K, M> M get(Map<K, Lazy<M>> meters, K key) {
    return Objects.requireNonNull(meters.get(key), "every key has one").get();
  }

  private static <K, L, M> M get(Map<K, Map<L, Lazy<M>>> meters, K key, L subKey) {
    return get(Objects.requireNonNull(meters.get(key), "every key has one"), subKey);
  }
}

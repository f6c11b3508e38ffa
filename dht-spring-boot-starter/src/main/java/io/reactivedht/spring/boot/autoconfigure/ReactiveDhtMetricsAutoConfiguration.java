package io.reactivedht.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import io.reactivedht.micrometer.DhtMetrics;
import io.reactivedht.micrometer.TransportMetrics;
import io.reactivedht.transport.Libp2pTransport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The node's meters and observations ({@code dht-micrometer}) in the application's Micrometer
 * registries, when {@code dht-micrometer} is on the class path: the {@code dht.*} meters in its
 * {@link MeterRegistry} (so {@code /actuator/prometheus} shows them with the Prometheus registry),
 * each operation and its requests as observations in its {@link ObservationRegistry} (a tracing
 * bridge makes them spans), and the libp2p transport's connections, streams and bytes. Without a
 * {@link MeterRegistry} bean it does nothing. Off with {@code reactive-dht.metrics.enabled=false}.
 */
@AutoConfiguration(before = ReactiveDhtAutoConfiguration.class)
@ConditionalOnClass({DhtMetrics.class, MeterRegistry.class})
@ConditionalOnBooleanProperty(
    name = ReactiveDhtProperties.PREFIX + ".metrics.enabled",
    matchIfMissing = true)
public class ReactiveDhtMetricsAutoConfiguration {
  /** Creates the auto-configuration; Spring calls it. */
  public ReactiveDhtMetricsAutoConfiguration() {}

  /**
   * Gives the node an observer that records into the application's registries. The registries are
   * looked up when the node is built, so their auto-configurations may run in any order.
   *
   * @param meters the application's meter registry, if it has one
   * @param observations its observation registry, if it has one (none: meters only)
   * @return the customizer that sets {@link io.reactivedht.reactor.Dht.Builder#observer}
   */
  @Bean
  @ConditionalOnMissingBean(name = "dhtMetricsCustomizer")
  public DhtBuilderCustomizer dhtMetricsCustomizer(
      ObjectProvider<MeterRegistry> meters, ObjectProvider<ObservationRegistry> observations) {
    return builder ->
        meters.ifAvailable(
            registry ->
                builder.observer(
                    DhtMetrics.observer(
                        registry, observations.getIfAvailable(() -> ObservationRegistry.NOOP))));
  }

  /**
   * The libp2p transport's figures as meters, bound by Spring Boot to its registries like any
   * {@link MeterBinder} bean; nothing when the application brings its own transport.
   *
   * @param transport the auto-configured transport, if any
   * @return the binder
   */
  @Bean
  @ConditionalOnMissingBean(name = "dhtTransportMetrics")
  public MeterBinder dhtTransportMetrics(ObjectProvider<Libp2pTransport> transport) {
    return registry ->
        transport.ifAvailable(t -> new TransportMetrics(t.figures()).bindTo(registry));
  }
}

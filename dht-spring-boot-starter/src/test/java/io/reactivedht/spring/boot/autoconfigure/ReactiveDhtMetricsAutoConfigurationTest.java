package io.reactivedht.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactivedht.micrometer.DhtMetrics;
import io.reactivedht.micrometer.TransportMetrics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ReactiveDhtMetricsAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ReactiveDhtMetricsAutoConfiguration.class, ReactiveDhtAutoConfiguration.class))
          .withPropertyValues("reactive-dht.listen=/ip4/127.0.0.1/tcp/0");

  @Test
  void theNodeRecordsIntoTheApplicationsRegistry() {
    runner
        .withUserConfiguration(Registry.class)
        .run(
            context -> {
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(registry.find(DhtMetrics.ROUTING_TABLE_SIZE).gauge()).isNotNull();
              context.getBean("dhtTransportMetrics", MeterBinder.class).bindTo(registry);
              assertThat(registry.find(TransportMetrics.CONNECTIONS).gauge()).isNotNull();
            });
  }

  @Test
  void withoutARegistryTheNodeRunsWithoutMeters() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed().hasBean("dhtMetricsCustomizer");
          assertThat(context).doesNotHaveBean(MeterRegistry.class);
        });
  }

  @Test
  void offWhenDisabled() {
    runner
        .withUserConfiguration(Registry.class)
        .withPropertyValues("reactive-dht.metrics.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean("dhtMetricsCustomizer");
              assertThat(
                      context
                          .getBean(MeterRegistry.class)
                          .find(DhtMetrics.ROUTING_TABLE_SIZE)
                          .gauge())
                  .isNull();
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class Registry {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }
}

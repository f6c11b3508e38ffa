package io.reactivedht.spring.boot.autoconfigure;

import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.spi.DhtTransport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The node's health indicator ({@link DhtHealthIndicator}, contributor name {@code reactiveDht})
 * when Spring Boot's health support ({@code spring-boot-health}, e.g. through the actuator) is on
 * the class path; {@code management.health.reactivedht.enabled=false} turns it off.
 */
@AutoConfiguration(after = ReactiveDhtAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean({Dht.class, DhtTransport.class})
@ConditionalOnEnabledHealthIndicator("reactivedht")
public class ReactiveDhtHealthAutoConfiguration {
  /** Creates the auto-configuration (Spring does). */
  public ReactiveDhtHealthAutoConfiguration() {}

  /**
   * The health indicator; "running" is the {@link DhtLifecycle}'s, or always true when the
   * application replaced the lifecycle by none.
   *
   * @param dht the node
   * @param transport its transport
   * @param lifecycle starts and stops the node, if any
   * @return the indicator
   */
  @Bean
  @ConditionalOnMissingBean(name = "reactiveDhtHealthIndicator")
  public DhtHealthIndicator reactiveDhtHealthIndicator(
      Dht dht, DhtTransport transport, ObjectProvider<DhtLifecycle> lifecycle) {
    DhtLifecycle running = lifecycle.getIfAvailable();
    return new DhtHealthIndicator(
        dht, transport, running != null ? running::isRunning : () -> true);
  }
}

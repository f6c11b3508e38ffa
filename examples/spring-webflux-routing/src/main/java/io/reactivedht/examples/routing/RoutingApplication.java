package io.reactivedht.examples.routing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The delegated routing service: {@code java -jar spring-webflux-routing.jar} or {@code mvn
 * spring-boot:run}.
 */
@SpringBootApplication
@EnableConfigurationProperties(DhtProperties.class)
public class RoutingApplication {
  /** Starts the service. */
  public static void main(String[] args) {
    SpringApplication.run(RoutingApplication.class, args);
  }
}

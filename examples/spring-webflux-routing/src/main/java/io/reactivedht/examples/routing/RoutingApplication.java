package io.reactivedht.examples.routing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The delegated routing service: {@code java -jar spring-webflux-routing.jar} or {@code mvn
 * spring-boot:run}. The DHT node and the Delegated Routing V1 HTTP API come from {@code
 * dht-spring-boot-starter}, configured in {@code application.yaml}; {@link
 * InMemorySwarmConfiguration} is this example's own option of a simulated local network.
 */
@SpringBootApplication
public class RoutingApplication {
  /**
   * Starts the service.
   *
   * @param args Spring Boot arguments, e.g. {@code --example.transport=in-memory}
   */
  public static void main(String[] args) {
    SpringApplication.run(RoutingApplication.class, args);
  }
}

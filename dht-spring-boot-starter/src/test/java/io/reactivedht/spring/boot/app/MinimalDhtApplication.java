package io.reactivedht.spring.boot.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The whole application of a user of the starter (the README's "Spring Boot starter" section quotes
 * it): with {@code dht-spring-boot-starter} and {@code spring-boot-starter-webflux} on the class
 * path and three properties, it runs a DHT node and serves the Delegated Routing V1 HTTP API.
 */
@SpringBootApplication
public class MinimalDhtApplication {
  /**
   * Starts the application.
   *
   * @param args e.g. {@code --reactive-dht.routing-api.enabled=true}
   */
  public static void main(String[] args) {
    SpringApplication.run(MinimalDhtApplication.class, args);
  }
}

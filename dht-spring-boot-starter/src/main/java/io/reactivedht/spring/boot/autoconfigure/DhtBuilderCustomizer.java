package io.reactivedht.spring.boot.autoconfigure;

import io.reactivedht.reactor.Dht;

/**
 * Changes the auto-configured node's {@link Dht.Builder} after the properties were applied: other
 * stores, a validator, a scheduler, more bootstrap peers. Every bean of this type is applied, in
 * {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface DhtBuilderCustomizer {
  /**
   * Customizes the builder.
   *
   * @param builder the builder with the options, bootstrap peers and (with {@code
   *     reactive-dht.datastore.directory}) the stores of the properties already set
   */
  void customize(Dht.Builder builder);
}

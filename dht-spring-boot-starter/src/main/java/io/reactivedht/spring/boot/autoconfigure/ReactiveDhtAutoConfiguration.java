package io.reactivedht.spring.boot.autoconfigure;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.routing.http.DelegatedRoutingApi;
import io.reactivedht.store.rocksdb.DatastoreOptions;
import io.reactivedht.store.rocksdb.RocksDatastore;
import io.reactivedht.transport.KeyFile;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A DHT node on the libp2p transport, configured by {@code reactive-dht.*} ({@link
 * ReactiveDhtProperties}), started and bootstrapped with the application and closed when it stops
 * ({@link DhtLifecycle}); with {@code reactive-dht.routing-api.enabled=true} in a reactive web
 * application, the Delegated Routing V1 HTTP API under {@code /routing/v1}.
 *
 * <p>Every bean backs off when the application declares one of its type (the API's route and CORS
 * filter: of its name): a {@link DhtTransport} of its own (another transport, or a test network)
 * replaces the libp2p one, which the starter then neither starts nor closes; a {@link Dht} replaces
 * the node (the application then starts and closes it, unless it also keeps the {@link
 * DhtLifecycle}); {@link DhtBuilderCustomizer} beans change the node's builder without replacing
 * it. {@code reactive-dht.enabled=false} turns all of it off.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(
    name = ReactiveDhtProperties.PREFIX + ".enabled",
    matchIfMissing = true)
@EnableConfigurationProperties(ReactiveDhtProperties.class)
public class ReactiveDhtAutoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(ReactiveDhtAutoConfiguration.class);

  /** How long binding the listen addresses may take. */
  private static final Duration TRANSPORT_START_TIMEOUT = Duration.ofSeconds(30);

  /** Creates the auto-configuration (Spring does). */
  public ReactiveDhtAutoConfiguration() {}

  /**
   * The peers of {@code reactive-dht.bootstrap}.
   *
   * @param properties the node's settings
   * @return the parsed peers
   */
  @Bean
  @ConditionalOnMissingBean
  public BootstrapPeers dhtBootstrapPeers(ReactiveDhtProperties properties) {
    return BootstrapPeers.parse(properties.getBootstrap());
  }

  /**
   * The node, built but not started: {@link DhtLifecycle} starts it with the application.
   *
   * @param transport carries the node's requests
   * @param properties the node's settings
   * @param bootstrap the peers to join through
   * @param customizers applied in order after the settings
   * @return the node
   */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  public Dht dht(
      DhtTransport transport,
      ReactiveDhtProperties properties,
      BootstrapPeers bootstrap,
      ObjectProvider<DhtBuilderCustomizer> customizers) {
    Dht.Builder builder =
        Dht.builder(transport).options(properties.dhtOptions()).bootstrapPeers(bootstrap.peers());
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }

  /**
   * Starts the node with the application and closes it when the application stops.
   *
   * @param dht the node
   * @param properties {@code reactive-dht.lifecycle.*}
   * @return the lifecycle
   */
  @Bean
  @ConditionalOnMissingBean
  public DhtLifecycle dhtLifecycle(Dht dht, ReactiveDhtProperties properties) {
    return new DhtLifecycle(
        dht,
        properties.getLifecycle().getBootstrapTimeout(),
        properties.getLifecycle().getShutdownTimeout());
  }

  /**
   * The libp2p transport, unless the application has a {@link DhtTransport}: listening on {@code
   * reactive-dht.listen} once created, with the identity of {@code reactive-dht.identity-key-file}
   * (a new one each start when unset) and the limits of {@code reactive-dht.limits.*}; closed, and
   * waited for, when the context closes (after the node, which {@link DhtLifecycle} closed first).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(DhtTransport.class)
  static class Libp2pTransportConfiguration {
    @Bean(destroyMethod = "")
    Libp2pTransport dhtTransport(ReactiveDhtProperties properties) {
      Path keyFile = properties.getIdentityKeyFile();
      PrivateKey identity =
          keyFile != null
              ? KeyFile.loadOrCreate(keyFile)
              : Ed25519PrivateKey.generate(new SecureRandom());
      Libp2pOptions options = properties.libp2pOptions(identity);
      Libp2pTransport transport =
          Objects.requireNonNull(
              Libp2pTransport.start(options).block(TRANSPORT_START_TIMEOUT), "transport");
      log.info(
          "libp2p transport of {} listening on {}{}",
          transport.localPeer(),
          transport.listenAddresses(),
          keyFile == null
              ? " (a new identity: set reactive-dht.identity-key-file to keep one)"
              : "");
      return transport;
    }

    /** Closes the transport this configuration started, blocking until it is closed. */
    @Bean
    DisposableBean dhtTransportCloser(Libp2pTransport transport, ReactiveDhtProperties properties) {
      return () -> transport.close().block(properties.getLifecycle().getShutdownTimeout());
    }
  }

  /**
   * {@code reactive-dht.datastore.directory} with {@code dht-store-rocksdb} on the class path: the
   * node's records and state in one RocksDB directory.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(RocksDatastore.class)
  @ConditionalOnProperty(prefix = ReactiveDhtProperties.PREFIX + ".datastore", name = "directory")
  static class RocksDatastoreConfiguration {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RocksDatastore dhtDatastore(ReactiveDhtProperties properties) {
      return RocksDatastore.open(
          Objects.requireNonNull(properties.getDatastore().getDirectory(), "directory"),
          DatastoreOptions.DEFAULTS);
    }

    @Bean
    DhtBuilderCustomizer dhtDatastoreCustomizer(RocksDatastore datastore) {
      return builder ->
          builder
              .valueStore(datastore.values())
              .providerStore(datastore.providers())
              .nodeState(datastore.nodeState());
    }
  }

  /**
   * {@code reactive-dht.routing-api.enabled=true} in a reactive web application: the Delegated
   * Routing V1 HTTP API's routes and CORS filter.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  @ConditionalOnClass(RouterFunction.class)
  @ConditionalOnBooleanProperty(name = ReactiveDhtProperties.PREFIX + ".routing-api.enabled")
  static class RoutingApiConfiguration {
    @Bean
    @ConditionalOnMissingBean
    DelegatedRoutingApi delegatedRoutingApi(
        Dht dht,
        ReactiveDhtProperties properties,
        ObjectProvider<JsonMapper> json,
        ObjectProvider<Clock> clock) {
      return new DelegatedRoutingApi(
          dht,
          properties.getRoutingApi().options(),
          json.getIfAvailable(() -> JsonMapper.builder().build()),
          clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean(name = "delegatedRoutingRoutes")
    RouterFunction<ServerResponse> delegatedRoutingRoutes(DelegatedRoutingApi api) {
      return api.routes();
    }

    @Bean
    @ConditionalOnMissingBean(name = "delegatedRoutingCorsFilter")
    WebFilter delegatedRoutingCorsFilter(DelegatedRoutingApi api) {
      return api.corsFilter();
    }
  }
}

package io.reactivedht.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Protocol;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.wire.MessageFraming;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.Mode;
import io.reactivedht.reactor.config.RequestRateLimit;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.routing.http.DelegatedRoutingApi;
import io.reactivedht.store.rocksdb.DatastoreOptions;
import io.reactivedht.store.rocksdb.RocksDatastore;
import io.reactivedht.testkit.sim.InMemoryNetwork;
import io.reactivedht.transport.Libp2pTransport;
import io.reactivedht.transport.config.ConnectionLimits;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.server.WebFilter;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class ReactiveDhtAutoConfigurationTest {
  private static final AutoConfigurations STARTER =
      AutoConfigurations.of(
          ReactiveDhtAutoConfiguration.class, ReactiveDhtHealthAutoConfiguration.class);
  private static final String LOOPBACK = "reactive-dht.listen=/ip4/127.0.0.1/tcp/0";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withConfiguration(STARTER).withPropertyValues(LOOPBACK);

  @Test
  void aLibp2pNodeRunsWithTheContextAndItsTransportClosesWithIt() {
    AtomicBoolean eventsEnded = new AtomicBoolean();
    DhtLifecycle[] lifecycle = new DhtLifecycle[1];
    runner.run(
        context -> {
          assertThat(context)
              .hasSingleBean(Libp2pTransport.class)
              .hasSingleBean(Dht.class)
              .hasSingleBean(DhtLifecycle.class)
              .hasSingleBean(BootstrapPeers.class)
              .hasSingleBean(ReactiveDhtProperties.class)
              .hasSingleBean(DhtHealthIndicator.class)
              .doesNotHaveBean(DelegatedRoutingApi.class);
          Libp2pTransport transport = context.getBean(Libp2pTransport.class);
          assertThat(context.getBean(Dht.class).localPeer()).isEqualTo(transport.localPeer());
          lifecycle[0] = context.getBean(DhtLifecycle.class);
          assertThat(lifecycle[0].isRunning()).isTrue();
          int port =
              Integer.parseInt(
                  transport.listenAddresses().get(0).valueOf(Protocol.TCP).orElseThrow());
          assertThat(connects(port)).isTrue();
          // a closed transport ends its events
          transport.events().doOnComplete(() -> eventsEnded.set(true)).subscribe();
          assertThat(eventsEnded).isFalse();
        });
    assertThat(lifecycle[0].isRunning()).isFalse();
    assertThat(eventsEnded).as("the transport closed with the context").isTrue();
  }

  @Test
  void propertiesAreBoundIntoTheNodesOptionsAndTheTransport(@TempDir Path dir) {
    Path keyFile = dir.resolve("identity.key");
    PeerId peer = PeerId.fromPublicKey(Ed25519PrivateKey.fromSeed(new byte[32]).publicKey());
    String bootstrap = "/ip4/127.0.0.1/tcp/4001/p2p/" + peer;
    runner
        .withPropertyValues(
            "reactive-dht.identity-key-file=" + keyFile,
            "reactive-dht.bootstrap=" + bootstrap,
            "reactive-dht.mode=server",
            "reactive-dht.k=10",
            "reactive-dht.alpha=5",
            "reactive-dht.beta=2",
            "reactive-dht.ipns-quorum=4",
            "reactive-dht.rpc-timeout=3s",
            "reactive-dht.protocol-id=/test/kad/1.0.0",
            "reactive-dht.limits.max-connections=100",
            "reactive-dht.limits.outbound-reserve=10",
            "reactive-dht.limits.high-water=80",
            "reactive-dht.limits.low-water=60",
            "reactive-dht.inbound-rate-limit.per-second=5",
            "reactive-dht.inbound-rate-limit.burst=7",
            "reactive-dht.max-message-size=8MB",
            "reactive-dht.lifecycle.bootstrap-timeout=0s")
        .run(
            context -> {
              DhtOptions options = context.getBean(Dht.class).options();
              assertThat(options)
                  .isEqualTo(
                      DhtOptions.defaults()
                          .withMode(Mode.SERVER)
                          .withK(10)
                          .withAlpha(5)
                          .withBeta(2)
                          .withIpnsQuorum(4)
                          .withRpcTimeout(Duration.ofSeconds(3))
                          .withProtocolId("/test/kad/1.0.0")
                          .withInboundRateLimit(new RequestRateLimit(5, 7)));
              ReactiveDhtProperties properties = context.getBean(ReactiveDhtProperties.class);
              assertThat(properties.libp2pOptions(SOME_KEY).maxMessageSize())
                  .isEqualTo(8 * 1024 * 1024);
              assertThat(properties.libp2pOptions(SOME_KEY).protocolId())
                  .isEqualTo("/test/kad/1.0.0");
              assertThat(properties.getLimits().connectionLimits())
                  .isEqualTo(
                      ConnectionLimits.DEFAULT
                          .withMaxConnections(100)
                          .withOutboundReserve(10)
                          .withWatermarks(60, 80, ConnectionLimits.DEFAULT.gracePeriod()));
              assertThat(context.getBean(BootstrapPeers.class).peers())
                  .singleElement()
                  .satisfies(p -> assertThat(p.id()).isEqualTo(peer));
              assertThat(keyFile).exists();
              PeerId fromFile =
                  PeerId.fromPublicKey(io.reactivedht.transport.KeyFile.load(keyFile).publicKey());
              assertThat(context.getBean(Dht.class).localPeer()).isEqualTo(fromFile);
            });
  }

  private static final Ed25519PrivateKey SOME_KEY = Ed25519PrivateKey.fromSeed(new byte[32]);

  @Test
  void theMaxMessageSizeIsTheWireDefaultAndRefusesTwoGigabytes() {
    ReactiveDhtProperties properties = new ReactiveDhtProperties();
    assertThat(properties.libp2pOptions(SOME_KEY).maxMessageSize())
        .isEqualTo(MessageFraming.DEFAULT_MAX_MESSAGE_SIZE);

    properties.setMaxMessageSize(DataSize.ofGigabytes(2));

    assertThatThrownBy(() -> properties.libp2pOptions(SOME_KEY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reactive-dht.max-message-size");
  }

  @Test
  void theInboundRateLimitCanBeTurnedOff() {
    ReactiveDhtProperties properties = new ReactiveDhtProperties();
    properties.getInboundRateLimit().setEnabled(false);

    assertThat(properties.dhtOptions().inboundRateLimit()).isEqualTo(RequestRateLimit.UNLIMITED);
  }

  @Test
  void theDefaultsAreTheLibrarysExceptAutoMode() {
    ReactiveDhtProperties defaults = new ReactiveDhtProperties();
    assertThat(defaults.dhtOptions()).isEqualTo(DhtOptions.defaults().withMode(Mode.AUTO));
    assertThat(defaults.getLimits().connectionLimits()).isEqualTo(ConnectionLimits.DEFAULT);
    assertThat(defaults.getRoutingApi().options())
        .isEqualTo(io.reactivedht.routing.http.DelegatedRoutingOptions.defaults());
  }

  @Test
  void aBadBootstrapAddressFailsTheStartWithItsProperty() {
    runner
        .withPropertyValues("reactive-dht.bootstrap=/ip4/127.0.0.1/tcp/4001")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("reactive-dht.bootstrap: /ip4/127.0.0.1/tcp/4001"));
  }

  @Test
  void theApplicationsBeansReplaceTheStartersAndCustomizersApply() {
    runner
        .withUserConfiguration(InMemoryTransport.class)
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(Libp2pTransport.class);
              assertThat(context.getBean(DhtTransport.class))
                  .isSameAs(context.getBean(InMemoryTransport.class).transport);
              assertThat(context.getBean(AtomicInteger.class)).hasValue(1);
              assertThat(context.getBean(BootstrapPeers.class).peers()).isEmpty();
            });
    runner
        .withUserConfiguration(InMemoryTransport.class, OwnNode.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(Dht.class);
              assertThat(context.getBean(Dht.class)).isSameAs(context.getBean(OwnNode.class).dht);
              assertThat(context.getBean(AtomicInteger.class)).hasValue(0);
            });
  }

  @Test
  void aDatastoreDirectoryKeepsTheNodesStateInRocksDb(@TempDir Path dir) {
    Path data = dir.resolve("data");
    runner
        .withPropertyValues(
            "reactive-dht.datastore.directory=" + data,
            "reactive-dht.lifecycle.bootstrap-timeout=0s")
        .run(
            context -> {
              RocksDatastore datastore = context.getBean(RocksDatastore.class);
              assertThat(datastore.directory()).isEqualTo(data.toAbsolutePath());
            });
    // closed with the context: it opens again
    RocksDatastore.open(data, DatastoreOptions.DEFAULTS).close();
    runner.run(context -> assertThat(context).doesNotHaveBean(RocksDatastore.class));
  }

  @Test
  void enabledFalseTurnsEverythingOff() {
    runner
        .withPropertyValues("reactive-dht.enabled=false")
        .run(
            context ->
                assertThat(context).doesNotHaveBean(Dht.class).doesNotHaveBean(DhtTransport.class));
  }

  @Test
  void theRoutingApiIsOffByDefaultAndOnWithItsProperty() {
    ReactiveWebApplicationContextRunner web =
        new ReactiveWebApplicationContextRunner()
            .withConfiguration(STARTER)
            .withPropertyValues(LOOPBACK, "reactive-dht.lifecycle.bootstrap-timeout=0s");
    web.run(
        context ->
            assertThat(context)
                .hasSingleBean(Dht.class)
                .doesNotHaveBean(DelegatedRoutingApi.class)
                .doesNotHaveBean(RouterFunction.class)
                .doesNotHaveBean(WebFilter.class));
    web.withPropertyValues(
            "reactive-dht.routing-api.enabled=true",
            "reactive-dht.routing-api.timeout=5s",
            "reactive-dht.routing-api.allowed-origins=https://a.example,https://b.example")
        .run(
            context -> {
              assertThat(context)
                  .hasSingleBean(DelegatedRoutingApi.class)
                  .hasBean("delegatedRoutingRoutes")
                  .hasBean("delegatedRoutingCorsFilter");
              assertThat(context.getBean(DelegatedRoutingApi.class).options())
                  .isEqualTo(
                      new io.reactivedht.routing.http.DelegatedRoutingOptions(
                          Duration.ofSeconds(5),
                          List.of("https://a.example", "https://b.example")));
            });
    // not a reactive web application: no routes, even when asked
    runner
        .withPropertyValues("reactive-dht.routing-api.enabled=true")
        .run(context -> assertThat(context).doesNotHaveBean(DelegatedRoutingApi.class));
  }

  @Test
  void healthIsOutOfServiceWithAnEmptyTableUpInANetworkAndDownOnceStopped() {
    runner
        .withPropertyValues("reactive-dht.lifecycle.bootstrap-timeout=0s")
        .run(
            context -> {
              Health health = context.getBean(DhtHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
              Map<String, Object> details = health.getDetails();
              assertThat(details)
                  .containsEntry("routingTableSize", 0)
                  .containsEntry("mode", "CLIENT")
                  .containsEntry("configuredMode", "AUTO")
                  .containsEntry("peerId", context.getBean(Dht.class).localPeer().toString())
                  .containsKey("listenAddresses");
              assertThat((List<?>) details.get("listenAddresses"))
                  .singleElement()
                  .asString()
                  .startsWith("/ip4/127.0.0.1/tcp/");
              context.getBean(DhtLifecycle.class).stop();
              assertThat(context.getBean(DhtHealthIndicator.class).health().getStatus())
                  .isEqualTo(Status.DOWN);
            });
    try (LoopbackNetwork network = new LoopbackNetwork(2, 3)) {
      runner
          .withPropertyValues(
              "reactive-dht.bootstrap=" + network.bootstrapAddress(), "reactive-dht.mode=server")
          .run(
              context -> {
                // the start waited for the bootstrap, which filled the table
                assertThat(context.getBean(DhtLifecycle.class).isBootstrapped()).isTrue();
                Health health = context.getBean(DhtHealthIndicator.class).health();
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails())
                    .containsEntry("routingTableSize", 2)
                    .containsEntry("mode", "SERVER");
              });
    }
  }

  @Test
  void theHealthIndicatorCanBeTurnedOff() {
    runner
        .withPropertyValues(
            "management.health.reactivedht.enabled=false",
            "reactive-dht.lifecycle.bootstrap-timeout=0s")
        .run(
            context ->
                assertThat(context)
                    .hasSingleBean(Dht.class)
                    .doesNotHaveBean(DhtHealthIndicator.class));
  }

  @Test
  void thePropertiesAreDescribedForIdes() throws IOException {
    Map<String, Map<String, Object>> properties = new java.util.HashMap<>();
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      Map<String, Object> metadata =
          JsonMapper.builder().build().readValue(in, new TypeReference<Map<String, Object>>() {});
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> list = (List<Map<String, Object>>) metadata.get("properties");
      list.forEach(p -> properties.put((String) p.get("name"), p));
    }
    assertThat(properties)
        .containsKeys(
            "reactive-dht.listen",
            "reactive-dht.bootstrap",
            "reactive-dht.identity-key-file",
            "reactive-dht.routing-api.enabled",
            "reactive-dht.limits.max-connections",
            "reactive-dht.inbound-rate-limit.per-second",
            "reactive-dht.max-message-size",
            "reactive-dht.datastore.directory");
    assertThat(properties.get("reactive-dht.k"))
        .containsEntry("defaultValue", 20)
        .containsEntry("description", "Bucket size, replication factor and peers per answer.");
    assertThat(properties.get("reactive-dht.protocol-id"))
        .containsEntry("defaultValue", "/ipfs/kad/1.0.0");
    assertThat(properties.get("reactive-dht.listen"))
        .containsEntry("defaultValue", List.of("/ip4/0.0.0.0/tcp/4001"));
    assertThat(properties.get("reactive-dht.routing-api.enabled"))
        .containsEntry("defaultValue", false);
  }

  private static boolean connects(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      return true;
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An application's own transport: a node of an in-memory network, and a customizer. */
  @Configuration(proxyBeanMethods = false)
  static class InMemoryTransport {
    final DhtTransport transport =
        new InMemoryNetwork(
                Schedulers.parallel(),
                new java.util.SplittableRandom(1),
                io.reactivedht.testkit.sim.NetworkConditions.ideal())
            .join(PeerId.fromPublicKey(Ed25519PrivateKey.fromSeed(new byte[32]).publicKey()));

    @Bean
    DhtTransport dhtTransport() {
      return transport;
    }

    @Bean
    AtomicInteger customizations() {
      return new AtomicInteger();
    }

    @Bean
    DhtBuilderCustomizer countingCustomizer(AtomicInteger customizations) {
      return builder -> customizations.incrementAndGet();
    }
  }

  /** An application's own node. */
  @Configuration(proxyBeanMethods = false)
  static class OwnNode {
    final Dht dht;

    OwnNode(DhtTransport transport) {
      this.dht = Dht.builder(transport).build();
    }

    @Bean
    Dht myDht() {
      return dht;
    }
  }
}

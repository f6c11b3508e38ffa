package io.reactivedht.reactor.internal.node;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.CaffeineProviderStore;
import io.reactivedht.core.record.CaffeineValueStore;
import io.reactivedht.core.record.ProviderStore;
import io.reactivedht.core.record.ProviderStoreOptions;
import io.reactivedht.core.record.ValueStore;
import io.reactivedht.core.record.ValueStoreOptions;
import io.reactivedht.core.routing.RoutingTable;
import io.reactivedht.core.routing.RoutingTableConfig;
import io.reactivedht.core.validation.NamespacedValidator;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.internal.lookup.LookupDriver;
import io.reactivedht.reactor.internal.observe.Observing;
import io.reactivedht.reactor.internal.provider.ProviderOperations;
import io.reactivedht.reactor.internal.routing.ModeSwitch;
import io.reactivedht.reactor.internal.routing.RoutingMaintenance;
import io.reactivedht.reactor.internal.routing.RoutingUpdates;
import io.reactivedht.reactor.internal.server.DhtRequestHandler;
import io.reactivedht.reactor.internal.table.PeerRouting;
import io.reactivedht.reactor.internal.value.ValueOperations;
import io.reactivedht.reactor.routing.RoutingSnapshot;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.reactor.state.NodeState;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * The parts of one DHT node, built and connected: the routing table and its updates (which are also
 * the lookups' feedback), the one lookup driver, the value and provider operations, the request
 * handler, the maintenance jobs and the mode switch. Nothing runs until the owner starts the
 * maintenance and sets the mode. Every part reports to one {@code events} consumer.
 *
 * @param self the local peer
 * @param routing the routing table
 * @param updates what the transport and the lookups tell the table
 * @param lookups the node's lookup driver
 * @param valueStore the local value records
 * @param providerStore the local provider records
 * @param handler answers inbound requests
 * @param values puts, gets and republishing
 * @param providers provides, provider searches and reproviding
 * @param maintenance membership, bootstrap and refresh
 * @param modes server, client or auto
 */
public record NodeAssembly(
    PeerId self,
    PeerRouting routing,
    RoutingUpdates updates,
    LookupDriver lookups,
    ValueStore valueStore,
    ProviderStore providerStore,
    DhtRequestHandler handler,
    ValueOperations values,
    ProviderOperations providers,
    RoutingMaintenance maintenance,
    ModeSwitch modes) {

  /**
   * Builds a node on {@code transport}.
   *
   * @param valueStore the value store, or null for the default in-memory one (expiring at the
   *     options' max age)
   * @param providerStore the provider store, or null for the default in-memory one (with the
   *     options' TTLs)
   * @param storeIo where the stores and {@code state} are called (they may block on I/O)
   * @param state what the node keeps across restarts (provided cids and published records, loaded
   *     now); null for nothing
   * @param events receives every event of every part, from several threads: serialize if needed;
   *     must not block
   */
  public static NodeAssembly assemble(
      DhtTransport transport,
      DhtOptions options,
      Scheduler scheduler,
      RoutingTableConfig routingTableConfig,
      @Nullable ValueStore valueStore,
      @Nullable ProviderStore providerStore,
      NamespacedValidator validator,
      List<PeerInfo> bootstrapPeers,
      RoutingSnapshot restored,
      RandomGenerator random,
      Scheduler storeIo,
      @Nullable NodeState state,
      Consumer<DhtEvent> events) {
    return assemble(
        transport,
        options,
        scheduler,
        routingTableConfig,
        valueStore,
        providerStore,
        validator,
        bootstrapPeers,
        restored,
        random,
        storeIo,
        state,
        events,
        Observing.disabled());
  }

  /**
   * As the other {@code assemble}, with the lookups, the puts and the request handler reporting to
   * {@code observing}.
   *
   * @param observing the node's observer; the facade wraps the operations itself
   */
  public static NodeAssembly assemble(
      DhtTransport transport,
      DhtOptions options,
      Scheduler scheduler,
      RoutingTableConfig routingTableConfig,
      @Nullable ValueStore valueStore,
      @Nullable ProviderStore providerStore,
      NamespacedValidator validator,
      List<PeerInfo> bootstrapPeers,
      RoutingSnapshot restored,
      RandomGenerator random,
      Scheduler storeIo,
      @Nullable NodeState state,
      Consumer<DhtEvent> events,
      Observing observing) {
    PeerId self = transport.localPeer();
    PeerRouting routing =
        new PeerRouting(new RoutingTable(self.key(), routingTableConfig), transport::peerInfo);
    RoutingUpdates updates = new RoutingUpdates(routing, transport, scheduler, options, events);
    LookupDriver lookups =
        new LookupDriver(
            self,
            transport,
            routing,
            scheduler,
            options,
            updates,
            event -> events.accept(new DhtEvent.Lookup(event)),
            observing.enabled());
    ValueStore values =
        valueStore != null
            ? valueStore
            : new CaffeineValueStore(
                ValueStoreOptions.DEFAULTS.withMaxAge(options.maxRecordAge()),
                () -> scheduler.now(TimeUnit.NANOSECONDS));
    ProviderStore providers =
        providerStore != null
            ? providerStore
            : new CaffeineProviderStore(
                ProviderStoreOptions.DEFAULTS
                    .withProviderTtl(options.providerTtl())
                    .withAddressTtl(options.providerAddressTtl()),
                () -> scheduler.now(TimeUnit.NANOSECONDS));
    DhtRequestHandler handler =
        new DhtRequestHandler(
            self,
            options,
            routing,
            values,
            providers,
            validator,
            scheduler,
            lookups.health()::hasFailedSinceLastAnswer,
            storeIo,
            observing);
    return new NodeAssembly(
        self,
        routing,
        updates,
        lookups,
        values,
        providers,
        handler,
        new ValueOperations(
            self, lookups, transport, values, validator, scheduler, options, events, storeIo,
            state),
        new ProviderOperations(
            self, lookups, transport, providers, scheduler, options, events, storeIo, state),
        new RoutingMaintenance(
            self,
            transport,
            routing,
            updates,
            lookups,
            scheduler,
            options,
            bootstrapPeers,
            random,
            restored),
        new ModeSwitch(transport, handler, events));
  }
}

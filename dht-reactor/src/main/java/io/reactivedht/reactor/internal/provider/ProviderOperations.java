package io.reactivedht.reactor.internal.provider;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.ProviderRecord;
import io.reactivedht.core.record.ProviderStore;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtRequest.AddProvider;
import io.reactivedht.core.wire.DhtRequest.FindNode;
import io.reactivedht.core.wire.DhtRequest.GetProviders;
import io.reactivedht.core.wire.DhtResponse.GetProvidersResponse;
import io.reactivedht.core.wire.MessageType;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.internal.lookup.LookupDriver;
import io.reactivedht.reactor.internal.lookup.RpcTimeout;
import io.reactivedht.reactor.internal.lookup.Termination;
import io.reactivedht.reactor.lookup.LookupEvent;
import io.reactivedht.reactor.provider.NoListenAddressesException;
import io.reactivedht.reactor.provider.ProvideResult;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.reactor.state.NodeState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Provider records, client side, as Reactor pipelines (go-libp2p-kad-dht {@code Provide} and {@code
 * FindProvidersAsync}). Everything is lazy until subscribed and stops when cancelled.
 *
 * <ul>
 *   <li>{@link #provide}: records this node as a provider in the local store, finds the k peers
 *       closest to the provider key with a FIND_NODE lookup, and sends each an ADD_PROVIDER naming
 *       this node and its listen addresses. The cid is remembered for {@link #reprovide}.
 *   <li>{@link #findProviders}: the local providers first, then those a GET_PROVIDERS lookup finds,
 *       each emitted once as soon as it is seen. Cancelling (e.g. {@code take(n)} downstream) stops
 *       the lookup and its requests.
 * </ul>
 *
 * <p>Both lookups run until the k closest answered ({@link Termination#K_CLOSEST}): an ADD_PROVIDER
 * has to reach the true k closest, which early termination may leave unasked. For provider searches
 * this is what go does too: its lookup follows up on every one of the k closest not yet asked.
 *
 * <p>Provider key: the multihash inside the CID, so that the CIDv0 and every CIDv1 of the same
 * content share providers; it must be 1 to {@value DhtRequest#MAX_PROVIDER_KEY_BYTES} bytes, longer
 * ones fail with an {@link IllegalArgumentException}.
 *
 * <p>Thread-safe. The set of provided cids grows only with what this node's own user provides.
 */
public final class ProviderOperations {
  /**
   * The most providers one search emits. Honest answers are small (a server lists the live
   * providers it keeps, 20 per key in this library), so this only bounds the memory a search spends
   * on providers that lying peers invent: the search remembers each provider it emitted, and no
   * other.
   */
  public static final int MAX_PROVIDERS = 4096;

  private final PeerId self;
  private final LookupDriver lookups;
  private final DhtTransport transport;
  private final ProviderStore store;
  private final Scheduler scheduler;
  private final DhtOptions options;
  private final Consumer<DhtEvent> events;

  /** What this node provides, by multihash, in the order first provided. Guarded by itself. */
  private final Map<Multihash, Cid> provided = new LinkedHashMap<>();

  private final Scheduler storeIo;
  private final @Nullable NodeState state;

  /**
   * @param self the local peer, announced as the provider
   * @param lookups runs the FIND_NODE and GET_PROVIDERS lookups
   * @param transport carries the ADD_PROVIDER requests; its {@link DhtTransport#listenAddresses()}
   *     are the addresses announced, its {@link DhtTransport#addressesOf} complete providers that
   *     come without addresses
   * @param store the local provider store, where this node records itself and finds local providers
   * @param scheduler clock (the local record's receive time) and timers (the ADD_PROVIDER timeout)
   * @param options {@link DhtOptions#rpcTimeout()} per ADD_PROVIDER, {@link DhtOptions#alpha()} of
   *     them at a time
   * @param events receives a {@link DhtEvent.ProviderAnnounced} per ADD_PROVIDER; must not block
   */
  public ProviderOperations(
      PeerId self,
      LookupDriver lookups,
      DhtTransport transport,
      ProviderStore store,
      Scheduler scheduler,
      DhtOptions options,
      Consumer<DhtEvent> events) {
    this(self, lookups, transport, store, scheduler, options, events, Schedulers.immediate(), null);
  }

  /**
   * As the other constructor, with the store calls on {@code storeIo} and the provided cids kept in
   * {@code state} too.
   *
   * @param storeIo where the local store and {@code state} are called (they may block on I/O)
   * @param state where the provided cids are kept across restarts, loaded now (blocking); null for
   *     memory only
   */
  public ProviderOperations(
      PeerId self,
      LookupDriver lookups,
      DhtTransport transport,
      ProviderStore store,
      Scheduler scheduler,
      DhtOptions options,
      Consumer<DhtEvent> events,
      Scheduler storeIo,
      @Nullable NodeState state) {
    this.storeIo = storeIo;
    this.state = state;
    if (state != null) {
      for (Cid cid : state.provided()) {
        provided.put(cid.multihash(), cid);
      }
    }
    this.self = self;
    this.lookups = lookups;
    this.transport = transport;
    this.store = store;
    this.scheduler = scheduler;
    this.options = options;
    this.events = events;
  }

  /**
   * Announces that this node provides {@code cid}: stores itself as a provider locally, remembers
   * the cid for {@link #reprovide}, looks up the k peers closest to the provider key, and sends
   * each of them, alpha at a time, an ADD_PROVIDER with this node's listen addresses. Each request
   * has the RPC timeout; a peer counts as reached when the request was delivered (there is no
   * acknowledgement).
   *
   * @return the peers reached and failed, closest first; empty lists when the lookup found nobody.
   *     Fails with {@link NoListenAddressesException}, having done nothing, when this node has no
   *     listen addresses, and with {@link IllegalArgumentException} when the provider key is longer
   *     than 80 bytes
   */
  public Mono<ProvideResult> provide(Cid cid) {
    return Mono.fromCallable(
            () -> {
              byte[] key = providerKey(cid);
              List<Multiaddr> addresses = transport.listenAddresses();
              if (addresses.isEmpty()) {
                throw new NoListenAddressesException(self);
              }
              synchronized (provided) {
                if (!cid.equals(provided.put(cid.multihash(), cid)) && state != null) {
                  state.addProvided(cid);
                }
              }
              store.add(new ProviderRecord(key, self, addresses, now()));
              return new AddProvider(key, List.of(new PeerInfo(self, addresses)));
            })
        .subscribeOn(storeIo)
        .flatMap(request -> closestPeers(request.key()).flatMap(peers -> announce(peers, request)));
  }

  /**
   * As {@link #findProviders(Cid, int)} with at most {@link #MAX_PROVIDERS}: runs until the lookup
   * is over.
   */
  public Flux<PeerInfo> findProviders(Cid cid) {
    return findProviders(cid, MAX_PROVIDERS);
  }

  /**
   * The providers of {@code cid}: first those in the local store (this node itself among them when
   * it provides the cid: as go, this node is not skipped), then those a GET_PROVIDERS lookup finds,
   * each emitted as soon as it is first seen and never again. A provider that comes without
   * addresses gets those the transport knows; when it knows none the provider is emitted without
   * addresses, as go does, and a peer lookup can find them. Completes once {@code max} providers
   * were emitted (without any request when the local store has enough) or the lookup is over;
   * cancelling stops the lookup and every request it has in flight.
   *
   * <p>Providers are not verified: a lying peer can name peers that provide nothing. It cannot hide
   * the honest ones the other peers list, unless {@code max} is reached first.
   *
   * @param max how many providers to emit at most, 1 to {@link #MAX_PROVIDERS}
   * @throws IllegalArgumentException if {@code max} is out of range; a provider key longer than 80
   *     bytes is an error signal
   */
  public Flux<PeerInfo> findProviders(Cid cid, int max) {
    if (max < 1 || max > MAX_PROVIDERS) {
      throw new IllegalArgumentException(
          "max must be between 1 and " + MAX_PROVIDERS + ", got " + max);
    }
    return Flux.defer(
        () -> {
          byte[] key = providerKey(cid);
          Set<PeerId> emitted = new HashSet<>();
          return Flux.concat(localProviders(key), remoteProviders(key))
              .<PeerInfo>handle(
                  (provider, sink) -> {
                    if (emitted.add(provider.id())) {
                      sink.next(withKnownAddresses(provider));
                    }
                  })
              .take(max);
        });
  }

  /**
   * Provides again, one after the other, every cid this node provides (the DHT calls this every
   * {@link DhtOptions#reprovideInterval()}), refreshing the local record and the remote ones before
   * they expire.
   *
   * @return one result per cid, in the order the cids were first provided; fails as {@link
   *     #provide} does (e.g. when the node has lost its listen addresses)
   */
  public Flux<ProvideResult> reprovide() {
    return Flux.defer(() -> Flux.fromIterable(providing())).concatMap(this::provide);
  }

  /**
   * Stops providing {@code cid}, or any CID of the same multihash: it leaves the reprovide set and
   * this node's record leaves the local store. Remote records cannot be withdrawn (the protocol has
   * no message for it); they expire after the provider TTL.
   */
  public Mono<Void> stopProviding(Cid cid) {
    return Mono.fromRunnable(
            () -> {
              synchronized (provided) {
                if (provided.remove(cid.multihash()) != null && state != null) {
                  state.removeProvided(cid);
                }
              }
              store.remove(cid.providerKey(), self);
            })
        .subscribeOn(storeIo)
        .then();
  }

  /**
   * The cids this node provides (one per multihash, the one provided last), in the order first
   * provided.
   */
  public List<Cid> providing() {
    synchronized (provided) {
      return List.copyOf(provided.values());
    }
  }

  private Mono<List<PeerInfo>> closestPeers(byte[] key) {
    return lookups
        .lookup(Key.of(key), new FindNode(key), Termination.K_CLOSEST)
        .ofType(LookupEvent.Finished.class)
        .next()
        .map(LookupEvent.Finished::closest)
        .defaultIfEmpty(List.of());
  }

  private Mono<ProvideResult> announce(List<PeerInfo> peers, AddProvider request) {
    return Flux.fromIterable(peers)
        .flatMapSequential(peer -> deliver(peer, request), options.alpha())
        .collectList()
        .map(ProviderOperations::result);
  }

  private record Delivery(PeerId peer, boolean delivered) {}

  /** Sends one ADD_PROVIDER; the transport's Mono completes empty once the request was written. */
  private Mono<Delivery> deliver(PeerInfo peer, AddProvider request) {
    return lookups
        .traced(
            RpcTimeout.within(transport.send(peer, request), options.rpcTimeout(), scheduler),
            peer.id(),
            MessageType.ADD_PROVIDER)
        .then(Mono.just(true))
        .onErrorReturn(false)
        .map(
            delivered -> {
              events.accept(new DhtEvent.ProviderAnnounced(peer.id(), request.key(), delivered));
              return new Delivery(peer.id(), delivered);
            });
  }

  private static ProvideResult result(List<Delivery> deliveries) {
    List<PeerId> reached = new ArrayList<>();
    List<PeerId> failed = new ArrayList<>();
    for (Delivery d : deliveries) {
      (d.delivered() ? reached : failed).add(d.peer());
    }
    return new ProvideResult(reached, failed);
  }

  private Flux<PeerInfo> localProviders(byte[] key) {
    return Flux.defer(() -> Flux.fromIterable(store.providers(key)))
        .subscribeOn(storeIo)
        .map(record -> new PeerInfo(record.provider(), record.addresses()));
  }

  /**
   * The providers in each GET_PROVIDERS answer, one lookup event at a time so that demand paces the
   * lookup.
   */
  private Flux<PeerInfo> remoteProviders(byte[] key) {
    return lookups
        .lookup(Key.of(key), new GetProviders(key), Termination.K_CLOSEST)
        .concatMapIterable(ProviderOperations::providersIn, 1);
  }

  private static List<PeerInfo> providersIn(LookupEvent event) {
    return event instanceof LookupEvent.Answered answered
            && answered.response() instanceof GetProvidersResponse response
        ? response.providers()
        : List.of();
  }

  private PeerInfo withKnownAddresses(PeerInfo provider) {
    return provider.addresses().isEmpty() ? transport.peerInfo(provider.id()) : provider;
  }

  private static byte[] providerKey(Cid cid) {
    byte[] key = cid.providerKey();
    if (key.length > DhtRequest.MAX_PROVIDER_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the provider key (multihash) of "
              + cid
              + " has "
              + key.length
              + " bytes, more than the "
              + DhtRequest.MAX_PROVIDER_KEY_BYTES
              + " the DHT accepts");
    }
    return key;
  }

  private Instant now() {
    return Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
  }
}

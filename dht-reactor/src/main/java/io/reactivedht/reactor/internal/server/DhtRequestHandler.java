package io.reactivedht.reactor.internal.server;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.ProviderRecord;
import io.reactivedht.core.record.ProviderStore;
import io.reactivedht.core.record.ValueStore;
import io.reactivedht.core.validation.NamespacedValidator;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtRequest.AddProvider;
import io.reactivedht.core.wire.DhtRequest.FindNode;
import io.reactivedht.core.wire.DhtRequest.GetProviders;
import io.reactivedht.core.wire.DhtRequest.GetValue;
import io.reactivedht.core.wire.DhtRequest.PutValue;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.core.wire.DhtResponse.FindNodeResponse;
import io.reactivedht.core.wire.DhtResponse.GetProvidersResponse;
import io.reactivedht.core.wire.DhtResponse.GetValueResponse;
import io.reactivedht.core.wire.DhtResponse.PingResponse;
import io.reactivedht.core.wire.DhtResponse.PutValueResponse;
import io.reactivedht.core.wire.MessageType;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.internal.observe.Observing;
import io.reactivedht.reactor.internal.table.PeerRouting;
import io.reactivedht.reactor.observe.RequestLimit;
import io.reactivedht.reactor.observe.RequestOutcome;
import io.reactivedht.reactor.server.RequestRejectedException;
import io.reactivedht.reactor.server.RequestRejectedException.Reason;
import io.reactivedht.reactor.server.RequestStats;
import io.reactivedht.reactor.spi.RequestHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Answers inbound DHT requests as go-libp2p-kad-dht and js-libp2p servers do (docs/WIRE.md §10.5):
 *
 * <ul>
 *   <li>FIND_NODE: up to k peers from the routing table closest to the key, with their addresses.
 *       If the key is the peer id of another peer whose addresses are known, that peer comes first
 *       (then up to k others), even when it is not a DHT server, so that clients can be found.
 *       Never the requester (go: "never tell a peer about itself") nor this node; never a peer
 *       without addresses.
 *   <li>GET_VALUE: the stored record, when it is younger than {@link DhtOptions#maxRecordAge()} and
 *       still valid, and the closer peers. A key outside the validator's namespaces is refused.
 *   <li>PUT_VALUE: the record is validated, kept only if {@code Select} does not prefer the stored
 *       one (as go), stamped with this node's receive time and stored; the answer echoes it.
 *       Otherwise refused.
 *   <li>GET_PROVIDERS: the live providers with their addresses (the cached ones, or once those
 *       expired the ones the peer store knows; providers without any are left out), and the closer
 *       peers.
 *   <li>ADD_PROVIDER: stores each provider entry that is the authenticated sender and has an
 *       address, received now; ignores the others silently, as well as entries the provider store
 *       refuses (a key full of other providers). Never answered: the Mono completes empty.
 *   <li>PING: echoed.
 * </ul>
 *
 * <p>Each peer may send at most {@link DhtOptions#inboundRateLimit()} requests (a token bucket per
 * peer); a request beyond it is refused with {@link Reason#RATE_LIMITED} before any work.
 *
 * <p>Provider keys are 1 to 80 bytes and other keys 1 to 1024: {@link DhtRequest} enforces this
 * when a request is built or decoded, so a longer key never reaches this handler. A refused request
 * fails with a {@link RequestRejectedException} or an {@link
 * io.reactivedht.core.validation.InvalidRecordException}, and the transport resets the stream.
 *
 * <p>Each answer is computed when the Mono is subscribed, on the subscribing thread, from in-memory
 * state: it does not block, and "now" is read from the scheduler at that moment. Thread-safe.
 */
public final class DhtRequestHandler implements RequestHandler {
  private final PeerId self;
  private final int k;
  private final PeerRouting routing;
  private final ValueRecords values;
  private final ProviderStore providers;
  private final Scheduler storeIo;
  private final Scheduler clock;
  private final Predicate<PeerId> unrecommended;
  private final PeerRateLimiter rateLimiter;
  private final Map<MessageType, LongAdder> served = perType();
  private final Map<MessageType, LongAdder> rejected = perType();
  private final Observing observing;

  /**
   * A handler over the given state, which it shares with the rest of the node.
   *
   * @param self the local peer, never returned as a closer peer
   * @param options {@link DhtOptions#k()} (closer peers per answer) and {@link
   *     DhtOptions#maxRecordAge()}
   * @param routing the routing table and the known addresses of peers
   * @param values where PUT_VALUE stores and GET_VALUE reads value records
   * @param providers where ADD_PROVIDER stores and GET_PROVIDERS reads provider records; its own
   *     TTLs apply
   * @param validator the record validators; on Amino {@link NamespacedValidator#defaults()}
   * @param clock the time source: now is {@code Instant.ofEpochMilli(clock.now(MILLISECONDS))}
   */
  public DhtRequestHandler(
      PeerId self,
      DhtOptions options,
      PeerRouting routing,
      ValueStore values,
      ProviderStore providers,
      NamespacedValidator validator,
      Scheduler clock) {
    this(self, options, routing, values, providers, validator, clock, peer -> false);
  }

  /**
   * As the other constructor, leaving out of every closer-peers answer the peers that {@code
   * unrecommended} names (the node's own lookups found them unresponsive, see {@code
   * PeerHealth#hasFailedSinceLastAnswer}): the next closest take their places, so that askers are
   * not sent to peers this node knows to be dead.
   */
  public DhtRequestHandler(
      PeerId self,
      DhtOptions options,
      PeerRouting routing,
      ValueStore values,
      ProviderStore providers,
      NamespacedValidator validator,
      Scheduler clock,
      Predicate<PeerId> unrecommended) {
    this(
        self,
        options,
        routing,
        values,
        providers,
        validator,
        clock,
        unrecommended,
        Schedulers.immediate());
  }

  /**
   * As the other constructors, answering the requests that read or write a store (GET_VALUE,
   * PUT_VALUE, GET_PROVIDERS, ADD_PROVIDER) on {@code storeIo}: a store that blocks on I/O is never
   * called on the transport's event loop.
   *
   * @param storeIo where the requests that touch a store are answered
   */
  public DhtRequestHandler(
      PeerId self,
      DhtOptions options,
      PeerRouting routing,
      ValueStore values,
      ProviderStore providers,
      NamespacedValidator validator,
      Scheduler clock,
      Predicate<PeerId> unrecommended,
      Scheduler storeIo) {
    this(
        self,
        options,
        routing,
        values,
        providers,
        validator,
        clock,
        unrecommended,
        storeIo,
        Observing.disabled());
  }

  /**
   * As the other constructors, reporting each request it finished with, and each one a limit
   * refused, to {@code observing}.
   *
   * @param observing the node's observer
   */
  public DhtRequestHandler(
      PeerId self,
      DhtOptions options,
      PeerRouting routing,
      ValueStore values,
      ProviderStore providers,
      NamespacedValidator validator,
      Scheduler clock,
      Predicate<PeerId> unrecommended,
      Scheduler storeIo,
      Observing observing) {
    this.observing = observing;
    this.storeIo = storeIo;
    this.unrecommended = unrecommended;
    this.self = self;
    this.k = options.k();
    this.routing = routing;
    this.values = new ValueRecords(values, validator, options.maxRecordAge());
    this.providers = providers;
    this.clock = clock;
    this.rateLimiter =
        new PeerRateLimiter(options.inboundRateLimit(), () -> clock.now(TimeUnit.NANOSECONDS));
  }

  /**
   * Answers one request, lazily: nothing runs before subscription.
   *
   * @return the response; empty for ADD_PROVIDER; an error when the request is refused
   */
  @Override
  public Mono<DhtResponse> handle(PeerId from, DhtRequest request) {
    Mono<DhtResponse> answer = answerLazily(from, request);
    if (request instanceof FindNode || request instanceof DhtRequest.Ping) {
      return answer;
    }
    if (request instanceof GetValue || request instanceof GetProviders) {
      Mono<DhtResponse> read = answer.subscribeOn(storeIo); // a requester that gives up spares it
      return observing.enabled()
          ? read.doOnError(
              RejectedExecutionException.class,
              full -> observing.refused(request.type(), RequestLimit.STORE_QUEUE))
          : read;
    }
    return runToTheEnd(request.type(), answer);
  }

  /**
   * {@code write} on {@code storeIo}, run to the end even when the requester stops waiting: an
   * ADD_PROVIDER has no answer, so its sender closes the stream as soon as it was written, and a
   * store write must not be cancelled by that.
   */
  private Mono<DhtResponse> runToTheEnd(MessageType type, Mono<DhtResponse> write) {
    return Mono.create(
        sink -> {
          try {
            var unused =
                storeIo.schedule(() -> write.subscribe(sink::success, sink::error, sink::success));
          } catch (RejectedExecutionException full) {
            observing.refused(type, RequestLimit.STORE_QUEUE);
            sink.error(
                new RequestRejectedException(
                    Reason.NOT_STORED, "the store is too busy: " + full.getMessage()));
          }
        });
  }

  private Mono<DhtResponse> answerLazily(PeerId from, DhtRequest request) {
    return Mono.fromCallable(
        () -> {
          MessageType type = request.type();
          if (!rateLimiter.tryAcquire(from)) {
            count(rejected, type).increment();
            observing.refused(type, RequestLimit.RATE_LIMIT);
            throw new RequestRejectedException(
                Reason.RATE_LIMITED, type + " from " + from + ": over its request rate limit");
          }
          try {
            DhtResponse response =
                answer(from, request, Instant.ofEpochMilli(clock.now(TimeUnit.MILLISECONDS)));
            count(served, type).increment();
            observing.served(type, RequestOutcome.SERVED);
            return response;
          } catch (RuntimeException e) {
            count(rejected, type).increment();
            observing.served(type, RequestOutcome.REJECTED);
            throw e;
          }
        });
  }

  /** The requests served and rejected so far, per type. */
  public RequestStats stats() {
    Map<MessageType, Long> servedByType = new EnumMap<>(MessageType.class);
    Map<MessageType, Long> rejectedByType = new EnumMap<>(MessageType.class);
    for (MessageType type : MessageType.values()) {
      servedByType.put(type, count(served, type).sum());
      rejectedByType.put(type, count(rejected, type).sum());
    }
    return new RequestStats(servedByType, rejectedByType);
  }

  private static Map<MessageType, LongAdder> perType() {
    Map<MessageType, LongAdder> counts = new EnumMap<>(MessageType.class);
    for (MessageType type : MessageType.values()) {
      counts.put(type, new LongAdder());
    }
    return counts;
  }

  private static LongAdder count(Map<MessageType, LongAdder> counts, MessageType type) {
    return Objects.requireNonNull(counts.get(type), "every type is present");
  }

  private @Nullable DhtResponse answer(PeerId from, DhtRequest request, Instant now) {
    if (request instanceof FindNode r) {
      return new FindNodeResponse(findNode(from, r.key()));
    } else if (request instanceof GetValue r) {
      byte[] key = r.key();
      return new GetValueResponse(
          values.get(key, now).orElse(null), closerPeers(Key.of(key), from));
    } else if (request instanceof PutValue r) {
      return new PutValueResponse(values.put(r.record(), now));
    } else if (request instanceof GetProviders r) {
      byte[] key = r.key();
      return new GetProvidersResponse(providersOf(key), closerPeers(Key.of(key), from));
    } else if (request instanceof AddProvider r) {
      addProviders(from, r, now);
      return null;
    }
    return new PingResponse();
  }

  /**
   * The target peer first when known (and neither the requester nor this node), then the closest
   * servers.
   */
  private List<PeerInfo> findNode(PeerId from, byte[] key) {
    Optional<PeerId> named = peerIdIn(key);
    Optional<PeerInfo> target =
        named
            .filter(id -> !id.equals(from) && !id.equals(self))
            .map(routing::info)
            .filter(info -> !info.addresses().isEmpty());
    // a peer id's key is the SHA-256 of its bytes (the key's own: decoding is strict), computed
    // once: every refresh key is a peer id
    Key targetKey = named.map(PeerId::key).orElseGet(() -> Key.of(key));
    List<PeerInfo> closest = closerPeers(targetKey, from);
    if (target.isEmpty()) {
      return closest;
    }
    List<PeerInfo> out = new ArrayList<>(closest.size() + 1);
    out.add(target.get());
    for (PeerInfo peer : closest) {
      if (!peer.id().equals(target.get().id())) {
        out.add(peer);
      }
    }
    return out;
  }

  /**
   * Up to k servers closest to the key, with addresses, without the requester and the unrecommended
   * peers (taken from the 2k closest). The local node is never among them: the routing table does
   * not hold it.
   */
  private List<PeerInfo> closerPeers(Key key, PeerId from) {
    return routing.closestPeers(key, k, from, unrecommended, 2 * k);
  }

  private List<PeerInfo> providersOf(byte[] key) {
    List<PeerInfo> out = new ArrayList<>();
    for (ProviderRecord record : providers.providers(key)) {
      List<Multiaddr> addresses =
          record.addresses().isEmpty()
              ? routing.info(record.provider()).addresses()
              : record.addresses();
      if (!addresses.isEmpty()) {
        out.add(new PeerInfo(record.provider(), addresses));
      }
    }
    return out;
  }

  private void addProviders(PeerId from, AddProvider request, Instant now) {
    byte[] key = request.key();
    for (PeerInfo provider : request.providers()) {
      if (provider.id().equals(from) && !provider.addresses().isEmpty()) {
        providers.add(new ProviderRecord(key, from, provider.addresses(), now));
      }
    }
  }

  private static Optional<PeerId> peerIdIn(byte[] key) {
    if (!PeerId.hasPeerIdShape(key)) {
      return Optional.empty(); // most keys (random, CIDs' multihashes) are no peer id: no exception
    }
    try {
      return Optional.of(PeerId.fromBytes(key));
    } catch (DecodingException e) {
      return Optional.empty();
    }
  }
}

package io.reactivedht.reactor.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.validation.NamespacedValidator;
import io.reactivedht.core.validation.Validator;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.core.wire.DhtResponse.FindNodeResponse;
import io.reactivedht.core.wire.DhtResponse.GetValueResponse;
import io.reactivedht.core.wire.MessageType;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.RequestRateLimit;
import io.reactivedht.reactor.internal.observe.Observing;
import io.reactivedht.reactor.routing.RoutingSnapshot;
import io.reactivedht.reactor.spi.RequestHandler;
import io.reactivedht.reactor.testing.ScriptedTransport;
import io.reactivedht.reactor.testing.TestPeers;
import io.reactivedht.reactor.value.ValueNotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * What a node reports to its {@link DhtObserver}: operations with their requests as children, the
 * requests it serves and refuses; and that the no-op is the default and a faulty observer harmless.
 * Runs on a {@link ScriptedTransport} in virtual time: the scripted peers answer at once.
 */
class DhtObserverTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Accepts every value under {@code /test/}; the longer value wins. */
  private static final NamespacedValidator VALIDATOR =
      NamespacedValidator.of(
          Map.of(
              "test",
              new Validator() {
                @Override
                public void validate(Record record, Instant now) {}

                @Override
                public int select(byte[] key, List<byte[]> values) {
                  return values.get(0).length >= values.get(1).length ? 0 : 1;
                }
              }));

  private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
  private final PeerInfo self = TestPeers.peer(-1);
  private final List<PeerInfo> peers = TestPeers.peers(4, 7);

  @AfterEach
  void stop() {
    clock.dispose();
  }

  @Test
  void theNoOpObserverIsTheDefaultAndDoesNothing() {
    DhtObserver noop = DhtObserver.noop();
    assertThat(DhtObserver.noop()).isSameAs(noop);
    assertThat(noop.operationStarted(Operation.LOOKUP)).isSameAs(OperationObserver.noop());
    assertThat(OperationObserver.noop().rpcStarted(self.id(), MessageType.FIND_NODE))
        .isSameAs(RpcObserver.noop());
    assertThat(Observing.of(noop, clock).enabled()).isFalse();
    assertThat(Observing.of(new DhtObserver() {}, clock).enabled()).isTrue();

    // A node built without an observer runs its operations unwrapped and still counts requests.
    ScriptedTransport transport = network(peer -> Mono.just(new FindNodeResponse(List.of())));
    Dht dht = node(transport).build();
    dht.start().block(TIMEOUT);
    assertThat(dht.findClosestPeers(key("x")).collectList().block(TIMEOUT)).hasSize(2);
    served(transport, new DhtRequest.FindNode(key("y")));
    assertThat(dht.requestStats().served(MessageType.FIND_NODE)).isEqualTo(1);
    assertThat(dht.gauges().routingTableSize()).isEqualTo(2);
  }

  @Test
  void aLookupIsOneOperationWithItsRequestsAsChildren() {
    Recording recording = new Recording();
    Dht dht = node(referringNetwork()).observer(recording).build();
    dht.start().block(TIMEOUT);

    List<PeerInfo> closest = dht.findClosestPeers(key("x")).collectList().block(TIMEOUT);

    assertThat(closest).hasSize(4);
    assertThat(recording.started).containsExactly(Operation.FIND_CLOSEST_PEERS);
    OperationSummary summary = recording.onlySummary();
    assertThat(summary.outcome()).isEqualTo(OperationOutcome.SUCCESS);
    assertThat(summary.requests()).isEqualTo(4);
    assertThat(summary.hops()).isEqualTo(2); // the seeds named the two others
    assertThat(recording.rpcs).hasSize(4).allMatch(rpc -> rpc.startsWith("FIND_NODE "));
    assertThat(recording.rpcEnds).hasSize(4).containsOnly(RpcOutcome.SUCCESS);
    assertThat(recording.gauges).isNotNull();
    // the seeds; peers met in a lookup enter the table only once the transport identifies them
    assertThat(Objects.requireNonNull(recording.gauges).routingTableSize()).isEqualTo(2);
  }

  @Test
  void aMissingValueIsNotFoundAndAStalledRequestIsAbandonedAtTheEnd() {
    Recording recording = new Recording();
    ScriptedTransport transport =
        network(
            peer ->
                peer.equals(peers.get(0).id())
                    ? Mono.never()
                    : Mono.just(new GetValueResponse(null, List.of())));
    Dht dht = node(transport).observer(recording).build();
    dht.start().block(TIMEOUT);

    List<Throwable> errors = new CopyOnWriteArrayList<>();
    Disposable unused = dht.getValue(key("missing"), 1).subscribe(r -> {}, errors::add);
    clock.advanceTimeBy(dht.options().rpcTimeout());

    assertThat(errors).singleElement().isInstanceOf(ValueNotFoundException.class);
    OperationSummary summary = recording.onlySummary();
    assertThat(summary.operation()).isEqualTo(Operation.GET_VALUE);
    assertThat(summary.outcome()).isEqualTo(OperationOutcome.NOT_FOUND);
    assertThat(summary.requests()).isEqualTo(2);
    // the silent peer's slot timed out first: the lookup ended without it and abandoned it
    assertThat(recording.rpcEnds)
        .containsExactlyInAnyOrder(RpcOutcome.SUCCESS, RpcOutcome.CANCELLED);
  }

  @Test
  void aPutReportsItsLookupAndItsPutsAndThePutsThatTimedOut() {
    Recording recording = new Recording();
    ScriptedTransport transport =
        new ScriptedTransport(self.id())
            .remote(peers.get(0), (from, request) -> answerFindNodeOnly(request))
            .remote(peers.get(1), (from, request) -> answerFindNodeOnly(request));
    Dht dht = node(transport).observer(recording).build();
    dht.start().block(TIMEOUT);

    List<Object> results = new CopyOnWriteArrayList<>();
    Disposable unused =
        dht.putValue(key("a"), "one".getBytes(StandardCharsets.UTF_8)).subscribe(results::add);
    clock.advanceTimeBy(dht.options().rpcTimeout());

    assertThat(results).hasSize(1);
    OperationSummary summary = recording.onlySummary();
    assertThat(summary.operation()).isEqualTo(Operation.PUT_VALUE);
    assertThat(summary.outcome()).isEqualTo(OperationOutcome.SUCCESS);
    assertThat(summary.requests()).isEqualTo(4);
    assertThat(summary.hops()).isEqualTo(1);
    assertThat(recording.rpcs).filteredOn(rpc -> rpc.startsWith("PUT_VALUE ")).hasSize(2);
    assertThat(recording.rpcEnds)
        .containsExactlyInAnyOrder(
            RpcOutcome.SUCCESS, RpcOutcome.SUCCESS, RpcOutcome.TIMEOUT, RpcOutcome.TIMEOUT);
  }

  private static Mono<DhtResponse> answerFindNodeOnly(DhtRequest request) {
    return request instanceof DhtRequest.FindNode
        ? Mono.just(new FindNodeResponse(List.of()))
        : Mono.never();
  }

  @Test
  void aCancelledOperationEndsCancelledWithItsRequests() {
    Recording recording = new Recording();
    Dht dht = node(network(peer -> Mono.never())).observer(recording).build();
    dht.start().block(TIMEOUT);

    Disposable lookup = dht.lookup(key("x")).subscribe();
    assertThat(recording.rpcs).hasSize(2);
    lookup.dispose();

    assertThat(recording.onlySummary().outcome()).isEqualTo(OperationOutcome.CANCELLED);
    assertThat(recording.rpcEnds).containsExactly(RpcOutcome.CANCELLED, RpcOutcome.CANCELLED);
  }

  @Test
  void aThrowingObserverDoesNotBreakTheNode() {
    ScriptedTransport transport = referringNetwork();
    Dht dht = node(transport).observer(new Throwing()).build();
    dht.start().block(TIMEOUT);

    assertThat(dht.findClosestPeers(key("x")).collectList().block(TIMEOUT)).hasSize(4);
    assertThat(dht.lookup(key("x")).collectList().block(TIMEOUT)).isNotEmpty();
    assertThat(served(transport, new DhtRequest.FindNode(key("y")))).isNotNull();
    assertThat(dht.requestStats().served(MessageType.FIND_NODE)).isEqualTo(1);
  }

  @Test
  void theServerReportsWhatItServedAndWhatItsRateLimitRefused() {
    Recording recording = new Recording();
    ScriptedTransport transport = network(peer -> Mono.just(new FindNodeResponse(List.of())));
    Dht dht =
        node(transport)
            .options(DhtOptions.defaults().withInboundRateLimit(new RequestRateLimit(0.001, 1)))
            .observer(recording)
            .build();
    dht.start().block(TIMEOUT);

    served(transport, new DhtRequest.FindNode(key("y")));
    Throwable refused = null;
    try {
      served(transport, new DhtRequest.FindNode(key("y")));
    } catch (RuntimeException e) {
      refused = e;
    }

    assertThat(refused).isNotNull();
    assertThat(recording.served).containsExactly("FIND_NODE SERVED", "FIND_NODE LIMITED");
    assertThat(recording.refused).containsExactly("FIND_NODE RATE_LIMIT");
    assertThat(dht.requestStats().served(MessageType.FIND_NODE)).isEqualTo(1);
    assertThat(dht.requestStats().rejected(MessageType.FIND_NODE)).isEqualTo(1);
  }

  /** Two seeds in the table; each answers FIND_NODE with the two other peers. */
  private ScriptedTransport referringNetwork() {
    ScriptedTransport transport = new ScriptedTransport(self.id());
    List<PeerInfo> others = peers.subList(2, 4);
    for (PeerInfo peer : peers) {
      boolean seed = peers.indexOf(peer) < 2;
      transport.remote(
          peer,
          (from, request) -> Mono.just(new FindNodeResponse(seed ? others : List.<PeerInfo>of())));
    }
    return transport;
  }

  /** The first two peers, each answering as {@code answer} says for it. */
  private ScriptedTransport network(Function<PeerId, Mono<DhtResponse>> answer) {
    ScriptedTransport transport = new ScriptedTransport(self.id());
    for (PeerInfo peer : peers.subList(0, 2)) {
      transport.remote(peer, (from, request) -> answer.apply(peer.id()));
    }
    return transport;
  }

  private Dht.Builder node(ScriptedTransport transport) {
    return Dht.builder(transport)
        .scheduler(clock)
        .validator(VALIDATOR)
        .restore(new RoutingSnapshot(peers.subList(0, 2), Map.of()));
  }

  private DhtResponse served(ScriptedTransport transport, DhtRequest request) {
    RequestHandler handler = Objects.requireNonNull(transport.served(), "a server");
    return handler.handle(peers.get(0).id(), request).block(TIMEOUT);
  }

  private static byte[] key(String name) {
    return ("/test/" + name).getBytes(StandardCharsets.UTF_8);
  }

  /** Records every call. */
  private static final class Recording implements DhtObserver {
    final List<Operation> started = new CopyOnWriteArrayList<>();
    final List<OperationSummary> summaries = new CopyOnWriteArrayList<>();
    final List<String> rpcs = new CopyOnWriteArrayList<>();
    final List<RpcOutcome> rpcEnds = new CopyOnWriteArrayList<>();
    final List<String> served = new CopyOnWriteArrayList<>();
    final List<String> refused = new CopyOnWriteArrayList<>();
    volatile @Nullable DhtGauges gauges;

    @Override
    public void attached(DhtGauges gauges) {
      this.gauges = gauges;
    }

    @Override
    public OperationObserver operationStarted(Operation operation) {
      started.add(operation);
      return new OperationObserver() {
        @Override
        public RpcObserver rpcStarted(PeerId peer, MessageType type) {
          rpcs.add(type + " " + peer);
          return new RpcObserver() {
            @Override
            public void ended(RpcOutcome outcome) {
              rpcEnds.add(outcome);
            }
          };
        }

        @Override
        public void ended(OperationSummary summary) {
          summaries.add(summary);
        }
      };
    }

    @Override
    public void requestServed(MessageType type, RequestOutcome outcome) {
      served.add(type + " " + outcome);
    }

    @Override
    public void requestRefused(MessageType type, RequestLimit limit) {
      refused.add(type + " " + limit);
    }

    OperationSummary onlySummary() {
      assertThat(summaries).hasSize(1);
      return summaries.get(0);
    }
  }

  /** Throws from every method it can. */
  private static final class Throwing implements DhtObserver {
    @Override
    public void attached(DhtGauges gauges) {
      throw new IllegalStateException("attached");
    }

    @Override
    public OperationObserver operationStarted(Operation operation) {
      if (operation == Operation.LOOKUP) {
        throw new IllegalStateException("started");
      }
      return new OperationObserver() {
        @Override
        public RpcObserver rpcStarted(PeerId peer, MessageType type) {
          if (type == MessageType.FIND_NODE && peer.hashCode() % 2 == 0) {
            throw new IllegalStateException("rpc started");
          }
          return new RpcObserver() {
            @Override
            public void ended(RpcOutcome outcome) {
              throw new IllegalStateException("rpc ended");
            }
          };
        }

        @Override
        public void ended(OperationSummary summary) {
          throw new IllegalStateException("ended");
        }
      };
    }

    @Override
    public void requestServed(MessageType type, RequestOutcome outcome) {
      throw new IllegalStateException("served");
    }
  }
}

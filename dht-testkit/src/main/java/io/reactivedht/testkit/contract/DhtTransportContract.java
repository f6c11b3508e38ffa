package io.reactivedht.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.reactor.spi.PeerUnreachableException;
import io.reactivedht.reactor.spi.RequestHandler;
import io.reactivedht.reactor.spi.TransportEvent.Identified;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * The behaviour every {@link DhtTransport} must have, as JUnit 5 tests: extend it once per
 * implementation and supply {@link #createTransport()}; the transports of one test must reach each
 * other, and the tests close them.
 *
 * <p>Transport-neutral: nothing here assumes virtual time or a particular thread. Every wait is a
 * StepVerifier bounded by {@link #TIMEOUT} of real time, which a real network meets by being quick
 * and a virtual-time one by running its zero-delay tasks as soon as they are scheduled (a {@code
 * VirtualTimeScheduler} does). Events are matched by kind and peer, so a transport may emit more of
 * them (e.g. several identifications, or reachability).
 */
public abstract class DhtTransportContract {
  /** The longest real time any expectation may take. */
  protected static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final List<DhtTransport> transports = new ArrayList<>();

  /** For subclasses. */
  protected DhtTransportContract() {}

  /**
   * A new transport for {@link #protocolId()}, not serving yet, that can reach and be reached by
   * every other transport this method made in the same test.
   *
   * @return the transport under test
   */
  protected abstract DhtTransport createTransport();

  /**
   * The DHT protocol the transports speak.
   *
   * @return {@link DhtOptions#IPFS_PROTOCOL} unless overridden
   */
  protected String protocolId() {
    return DhtOptions.IPFS_PROTOCOL;
  }

  @AfterEach
  void closeTransports() {
    for (DhtTransport transport : transports) {
      StepVerifier.create(transport.close()).expectComplete().verify(TIMEOUT);
    }
  }

  @Test
  void aTransportHasAPeerAndAddresses() {
    DhtTransport a = transport();
    DhtTransport b = transport();
    assertThat(a.localPeer()).isNotEqualTo(b.localPeer());
    assertThat(a.listenAddresses())
        .isNotEmpty()
        .allSatisfy(address -> assertThat(address.peerId()).isEmpty());
  }

  @Test
  void sendDeliversTheRequestWithTheSenderAsFromAndReturnsTheResponse() {
    DhtTransport a = transport();
    DhtTransport b = transport();
    Server server = Server.honest();
    b.serve(server);
    DhtRequest request = new DhtRequest.FindNode(bytes("target"));

    StepVerifier.create(a.send(info(b), request))
        .expectNext(Server.answer(request))
        .expectComplete()
        .verify(TIMEOUT);
    StepVerifier.create(server.received().next())
        .expectNext(new Received(a.localPeer(), request))
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void everyKindOfResponseArrivesIntact() {
    DhtTransport a = transport();
    DhtTransport b = transport();
    b.serve(Server.honest());
    List<DhtRequest> requests =
        List.of(
            new DhtRequest.FindNode(bytes("node")),
            new DhtRequest.GetValue(bytes("/v/present")),
            new DhtRequest.PutValue(Record.of(bytes("/v/put"), bytes("value"))),
            new DhtRequest.GetProviders(bytes("multihash")),
            new DhtRequest.Ping());
    for (DhtRequest request : requests) {
      StepVerifier.create(a.send(info(b), request))
          .expectNext(Server.answer(request))
          .expectComplete()
          .verify(TIMEOUT);
    }
  }

  @Test
  void concurrentRequestsGetTheirOwnResponses() {
    DhtTransport a = transport();
    DhtTransport b = transport();
    b.serve(Server.honest());
    List<DhtRequest> requests = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      requests.add(new DhtRequest.GetValue(bytes("/v/" + i)));
    }

    StepVerifier.create(
            Flux.fromIterable(requests)
                .flatMap(
                    request -> a.send(info(b), request).map(response -> List.of(request, response)))
                .collectList())
        .assertNext(
            pairs -> {
              assertThat(pairs).hasSize(requests.size());
              pairs.forEach(
                  pair ->
                      assertThat(pair.get(1)).isEqualTo(Server.answer((DhtRequest) pair.get(0))));
            })
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void aRequestWithoutResponseCompletesEmptyAndReachesTheHandler() {
    DhtTransport a = transport();
    DhtTransport b = transport();
    Server server = Server.honest();
    b.serve(server);
    DhtRequest request = new DhtRequest.AddProvider(bytes("multihash"), List.of(info(a)));

    StepVerifier.create(a.send(info(b), request)).expectComplete().verify(TIMEOUT);
    StepVerifier.create(server.received().next())
        .expectNext(new Received(a.localPeer(), request))
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void sendIsLazy() {
    DhtTransport a = transport();
    DhtTransport b = transport();
    Server server = Server.honest();
    b.serve(server);
    DhtRequest neverSent = new DhtRequest.FindNode(bytes("never sent"));
    DhtRequest sent = new DhtRequest.FindNode(bytes("sent"));

    Mono<DhtResponse> unsubscribed = a.send(info(b), neverSent);
    StepVerifier.create(a.send(info(b), sent)).expectNextCount(1).expectComplete().verify(TIMEOUT);

    assertThat(unsubscribed).isNotNull();
    assertThat(server.count()).isEqualTo(1);
    StepVerifier.create(server.received().next())
        .expectNext(new Received(a.localPeer(), sent))
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void aNodeThatNeverServedRefusesRequestsAsUnreachable() {
    DhtTransport a = transport();
    DhtTransport b = transport();

    StepVerifier.create(a.send(info(b), new DhtRequest.FindNode(bytes("target"))))
        .expectErrorSatisfies(
            error ->
                assertThat(error)
                    .isInstanceOf(PeerUnreachableException.class)
                    .extracting(e -> ((PeerUnreachableException) e).peer())
                    .isEqualTo(b.localPeer()))
        .verify(TIMEOUT);
  }

  @Test
  void serveNullMakesTheNodeRefuseRequests() {
    DhtTransport a = transport();
    DhtTransport b = transport();
    Server server = Server.honest();
    b.serve(server);
    DhtRequest request = new DhtRequest.FindNode(bytes("target"));
    StepVerifier.create(a.send(info(b), request))
        .expectNextCount(1)
        .expectComplete()
        .verify(TIMEOUT);

    b.serve(null);

    StepVerifier.create(a.send(info(b), request))
        .expectError(PeerUnreachableException.class)
        .verify(TIMEOUT);
    assertThat(server.count()).isEqualTo(1);
  }

  @Test
  void theFirstExchangeIdentifiesBothEndsWithTheirProtocols() {
    DhtTransport a = transport();
    DhtTransport b = transport();
    b.serve(Server.honest());

    StepVerifier.create(identifiedOn(a, b).zipWith(identifiedOn(b, a)))
        .then(() -> a.send(info(b), new DhtRequest.FindNode(bytes("target"))).subscribe())
        .assertNext(
            both -> {
              assertThat(both.getT1().speaks(protocolId())).as("a learns that b serves").isTrue();
              assertThat(both.getT1().peer().addresses()).containsAll(b.listenAddresses());
              assertThat(both.getT2().speaks(protocolId()))
                  .as("b learns that a is a client")
                  .isFalse();
            })
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void aModeSwitchIsPushedToConnectedPeers() {
    DhtTransport a = transport();
    DhtTransport b = transport();
    b.serve(Server.honest());
    StepVerifier.create(identifiedOn(a, b))
        .then(() -> a.send(info(b), new DhtRequest.FindNode(bytes("target"))).subscribe())
        .assertNext(identified -> assertThat(identified.speaks(protocolId())).isTrue())
        .expectComplete()
        .verify(TIMEOUT);

    StepVerifier.create(identifiedOn(a, b, false))
        .as("a learns that b became a client")
        .then(() -> b.serve(null))
        .expectNextCount(1)
        .expectComplete()
        .verify(TIMEOUT);
    StepVerifier.create(identifiedOn(b, a, true))
        .as("b learns that a became a server")
        .then(() -> a.serve(Server.honest()))
        .expectNextCount(1)
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void aHandlerErrorFailsTheCallerWithoutBlamingReachability() {
    DhtTransport a = transport();
    DhtTransport b = transport();
    b.serve((from, request) -> Mono.error(new IllegalStateException("invalid record")));

    StepVerifier.create(a.send(info(b), new DhtRequest.GetValue(bytes("/v/key"))))
        .expectErrorSatisfies(
            error -> assertThat(error).isNotInstanceOf(PeerUnreachableException.class))
        .verify(TIMEOUT);
  }

  @Test
  void aHandlerThatGivesNoAnswerWhereOneIsDueFailsTheCaller() {
    DhtTransport a = transport();
    DhtTransport b = transport();
    b.serve((from, request) -> Mono.empty());

    StepVerifier.create(a.send(info(b), new DhtRequest.FindNode(bytes("target"))))
        .expectErrorSatisfies(
            error -> assertThat(error).isNotInstanceOf(PeerUnreachableException.class))
        .verify(TIMEOUT);
  }

  @Test
  void cancellingTheCallerStopsTheExchange() {
    DhtTransport a = transport();
    DhtTransport b = transport();
    Sinks.One<PeerId> started = Sinks.one();
    Sinks.One<Boolean> cancelled = Sinks.one();
    b.serve(
        (from, request) ->
            Mono.<DhtResponse>never()
                .doOnSubscribe(s -> started.tryEmitValue(from))
                .doOnCancel(() -> cancelled.tryEmitValue(true)));

    Disposable exchange = a.send(info(b), new DhtRequest.FindNode(bytes("target"))).subscribe();
    StepVerifier.create(started.asMono())
        .expectNext(a.localPeer())
        .expectComplete()
        .verify(TIMEOUT);
    exchange.dispose();

    StepVerifier.create(cancelled.asMono()).expectNext(true).expectComplete().verify(TIMEOUT);
  }

  @Test
  void addressesOfAContactedPeerAreKnownOnBothEnds() {
    DhtTransport a = transport();
    DhtTransport b = transport();
    b.serve(Server.honest());

    StepVerifier.create(identifiedOn(a, b).zipWith(identifiedOn(b, a)))
        .then(() -> a.send(info(b), new DhtRequest.FindNode(bytes("target"))).subscribe())
        .expectNextCount(1)
        .expectComplete()
        .verify(TIMEOUT);

    assertThat(a.addressesOf(b.localPeer())).containsAnyElementsOf(b.listenAddresses());
    assertThat(b.addressesOf(a.localPeer())).containsAnyElementsOf(a.listenAddresses());
    assertThat(a.peerInfo(b.localPeer()))
        .isEqualTo(new PeerInfo(b.localPeer(), a.addressesOf(b.localPeer())));
  }

  @Test
  void closeEndsTheEvents() {
    DhtTransport a = transport();

    StepVerifier.create(a.events())
        .then(() -> a.close().subscribe())
        .thenConsumeWhile(event -> true)
        .expectComplete()
        .verify(TIMEOUT);
    StepVerifier.create(a.close()).expectComplete().verify(TIMEOUT);
  }

  @Test
  void aPeerThatClosedIsUnreachable() {
    DhtTransport a = transport();
    DhtTransport b = transport();
    b.serve(Server.honest());
    DhtRequest request = new DhtRequest.FindNode(bytes("target"));
    StepVerifier.create(a.send(info(b), request))
        .expectNextCount(1)
        .expectComplete()
        .verify(TIMEOUT);

    StepVerifier.create(b.close()).expectComplete().verify(TIMEOUT);

    StepVerifier.create(a.send(info(b), request))
        .expectError(PeerUnreachableException.class)
        .verify(TIMEOUT);
  }

  // Fixtures.

  private DhtTransport transport() {
    DhtTransport transport = createTransport();
    transports.add(transport);
    return transport;
  }

  private static PeerInfo info(DhtTransport transport) {
    return new PeerInfo(transport.localPeer(), transport.listenAddresses());
  }

  /** The next identification of {@code peer} that {@code observer} reports. */
  private static Mono<Identified> identifiedOn(DhtTransport observer, DhtTransport peer) {
    return observer
        .events()
        .ofType(Identified.class)
        .filter(identified -> identified.peer().id().equals(peer.localPeer()))
        .next();
  }

  /**
   * The next identification of {@code peer} on {@code observer} that says whether it serves: events
   * from before the subscription that a transport may have kept are skipped unless they match.
   */
  private Mono<Identified> identifiedOn(DhtTransport observer, DhtTransport peer, boolean serving) {
    return observer
        .events()
        .ofType(Identified.class)
        .filter(identified -> identified.peer().id().equals(peer.localPeer()))
        .filter(identified -> identified.speaks(protocolId()) == serving)
        .next();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A request as a handler saw it. */
  record Received(PeerId from, DhtRequest request) {}

  /** A handler that records what it receives and answers with {@code answers}. */
  static final class Server implements RequestHandler {
    private static final PeerInfo SOME_PEER =
        PeerInfo.of(
            PeerId.fromBytes(Multihash.sha256(bytes("some peer")).bytes()),
            Multiaddr.parse("/ip4/192.0.2.7/tcp/4001"));

    private final Sinks.Many<Received> received = Sinks.many().replay().all();
    private final AtomicInteger count = new AtomicInteger();
    private final Function<DhtRequest, Mono<DhtResponse>> answers;

    private Server(Function<DhtRequest, Mono<DhtResponse>> answers) {
      this.answers = answers;
    }

    /** Answers every request the way {@link #answer} says. */
    static Server honest() {
      return new Server(
          request -> Mono.justOrEmpty(request.expectsResponse() ? answer(request) : null));
    }

    /**
     * The honest answer to a request, a function of the request alone; not called for ADD_PROVIDER.
     */
    static DhtResponse answer(DhtRequest request) {
      if (request instanceof DhtRequest.FindNode) {
        return new DhtResponse.FindNodeResponse(List.of(SOME_PEER));
      } else if (request instanceof DhtRequest.GetValue get) {
        byte[] value =
            ("value of " + new String(get.key(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        return new DhtResponse.GetValueResponse(Record.of(get.key(), value), List.of(SOME_PEER));
      } else if (request instanceof DhtRequest.PutValue put) {
        return new DhtResponse.PutValueResponse(put.record());
      } else if (request instanceof DhtRequest.GetProviders) {
        return new DhtResponse.GetProvidersResponse(List.of(SOME_PEER), List.of());
      } else if (request instanceof DhtRequest.Ping) {
        return new DhtResponse.PingResponse();
      }
      throw new IllegalArgumentException("no answer to " + request);
    }

    @Override
    public Mono<DhtResponse> handle(PeerId from, DhtRequest request) {
      count.incrementAndGet();
      synchronized (received) {
        received.tryEmitNext(new Received(from, request));
      }
      return answers.apply(request);
    }

    /** Every request received so far, then the next ones. */
    Flux<Received> received() {
      return received.asFlux();
    }

    int count() {
      return count.get();
    }
  }
}

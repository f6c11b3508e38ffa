package io.reactivedht.reactor.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.CaffeineProviderStore;
import io.reactivedht.core.record.ProviderRecord;
import io.reactivedht.core.record.ProviderStore;
import io.reactivedht.core.routing.RoutingTable;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.internal.lookup.LookupDriver;
import io.reactivedht.reactor.internal.lookup.LookupFeedback;
import io.reactivedht.reactor.internal.table.PeerRouting;
import io.reactivedht.reactor.spi.RequestHandler;
import io.reactivedht.reactor.testing.ScriptedTransport;
import io.reactivedht.reactor.testing.TestPeers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** ProviderOperations against scripted peers: exact control of who answers what, and when. */
class ProviderOperationsScriptedTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  /** A real-time bound on each verification, so that a bug fails the test instead of hanging it. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final Cid CID =
      Cid.v1(Cid.RAW, Multihash.sha256("scripted".getBytes(StandardCharsets.UTF_8)));
  private static final byte[] KEY = CID.providerKey();

  private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
  private final PeerInfo self = TestPeers.peer(-1);
  private final ScriptedTransport transport = new ScriptedTransport(self.id());
  private final PeerRouting routing =
      new PeerRouting(new RoutingTable(self.id().key()), transport::peerInfo);
  private final ProviderStore store =
      new CaffeineProviderStore(() -> scheduler.now(TimeUnit.NANOSECONDS));
  private final List<DhtEvent> events = new ArrayList<>();
  private final ProviderOperations ops;

  /** Remote peers asked by lookups. */
  private final List<PeerInfo> peers = TestPeers.peers(3, 5);

  /**
   * Providers named in answers; p and q are reachable peers the transport knows, r is known to
   * nobody.
   */
  private final List<PeerInfo> named = TestPeers.peers(3, 9);

  private final PeerInfo p = named.get(0);
  private final PeerInfo q = named.get(1);
  private final PeerInfo r = named.get(2);

  ProviderOperationsScriptedTest() {
    scheduler.advanceTimeTo(T0);
    DhtOptions options = DhtOptions.defaults().withBeta(0);
    LookupDriver lookups =
        new LookupDriver(
            self.id(), transport, routing, scheduler, options, LookupFeedback.IGNORE, e -> {});
    ops =
        new ProviderOperations(
            self.id(), lookups, transport, store, scheduler, options, events::add);
    transport.remote(p, (from, request) -> Mono.never());
    transport.remote(q, (from, request) -> Mono.never());
  }

  private void seed(List<PeerInfo> known) {
    for (PeerInfo peer : known) {
      routing.insert(peer.id(), true, T0);
    }
  }

  /**
   * A peer that answers GET_PROVIDERS with {@code providers} and no closer peers, after {@code
   * delay}.
   */
  private void answersProviders(PeerInfo peer, Duration delay, List<PeerInfo> providers) {
    transport.remote(
        peer,
        (from, request) ->
            Mono.<DhtResponse>just(new DhtResponse.GetProvidersResponse(providers, List.of()))
                .delayElement(delay, scheduler));
  }

  private static PeerInfo bare(PeerInfo peer) {
    return new PeerInfo(peer.id(), List.of());
  }

  @Test
  void eachProviderComesOnceWithTheAddressesKnownForIt() {
    answersProviders(peers.get(0), Duration.ofMillis(10), List.of(p, bare(q)));
    answersProviders(peers.get(1), Duration.ofMillis(20), List.of(p, q));
    answersProviders(peers.get(2), Duration.ofMillis(30), List.of(bare(p), bare(r), q));
    seed(peers);

    StepVerifier.withVirtualTime(() -> ops.findProviders(CID), () -> scheduler, Long.MAX_VALUE)
        .thenAwait(Duration.ofSeconds(1))
        .expectNext(
            p, q,
            bare(r)) // q's addresses from the transport; nobody knows r's: emitted without, as go
        .expectComplete()
        .verify(TIMEOUT);
    assertThat(transport.sent())
        .hasSize(3)
        .allSatisfy(s -> assertThat(s.request()).isEqualTo(new DhtRequest.GetProviders(KEY)));
  }

  @Test
  void localProvidersComeFirstAndEnoughOfThemSendNothing() {
    PeerInfo local1 = TestPeers.peer(100);
    PeerInfo local2 = TestPeers.peer(101);
    store.add(new ProviderRecord(KEY, local1.id(), local1.addresses(), T0));
    store.add(new ProviderRecord(KEY, local2.id(), local2.addresses(), T0));
    answersProviders(peers.get(0), Duration.ofMillis(10), List.of(local2, p));
    seed(peers.subList(0, 1));

    StepVerifier.create(ops.findProviders(CID, 2))
        .expectNext(local1, local2)
        .expectComplete()
        .verify(TIMEOUT);
    assertThat(transport.sent()).isEmpty();

    StepVerifier.withVirtualTime(() -> ops.findProviders(CID, 3), () -> scheduler, Long.MAX_VALUE)
        .expectNext(local1, local2)
        .thenAwait(Duration.ofSeconds(1))
        .expectNext(p)
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void inventedProvidersAreCappedAtMaxProviders() {
    List<PeerInfo> flood = TestPeers.peers(ProviderOperations.MAX_PROVIDERS + 100, 77);
    answersProviders(peers.get(0), Duration.ofMillis(10), flood);
    seed(peers.subList(0, 1));

    StepVerifier.withVirtualTime(() -> ops.findProviders(CID), () -> scheduler, Long.MAX_VALUE)
        .thenAwait(Duration.ofSeconds(1))
        .expectNextCount(ProviderOperations.MAX_PROVIDERS)
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void provideSplitsReachedAndFailedPeersClosestFirst() {
    PeerInfo delivered = peers.get(0);
    PeerInfo refused = peers.get(1);
    PeerInfo silent = peers.get(2);
    transport.remote(delivered, addProviderAnswer(Mono.empty()));
    transport.remote(
        refused, addProviderAnswer(Mono.error(new UncheckedIOException(new IOException("reset")))));
    transport.remote(silent, addProviderAnswer(Mono.never()));
    seed(peers);
    List<PeerId> closestFirst = routing.closest(CID.key(), 3);

    StepVerifier.withVirtualTime(() -> ops.provide(CID), () -> scheduler, Long.MAX_VALUE)
        .thenAwait(Duration.ofSeconds(11)) // past the 10 s RPC timeout
        .assertNext(
            result -> {
              assertThat(result.reached()).containsExactly(delivered.id());
              assertThat(result.failed())
                  .containsExactlyElementsOf(
                      closestFirst.stream().filter(id -> !id.equals(delivered.id())).toList());
            })
        .expectComplete()
        .verify(TIMEOUT);

    PeerInfo announced = new PeerInfo(self.id(), transport.listenAddresses());
    assertThat(transport.sent())
        .filteredOn(s -> s.request() instanceof DhtRequest.AddProvider)
        .extracting(ScriptedTransport.Sent::request)
        .containsOnly(new DhtRequest.AddProvider(KEY, List.of(announced)))
        .hasSize(3);
    assertThat(events)
        .containsExactlyInAnyOrder(
            new DhtEvent.ProviderAnnounced(delivered.id(), KEY, true),
            new DhtEvent.ProviderAnnounced(refused.id(), KEY, false),
            new DhtEvent.ProviderAnnounced(silent.id(), KEY, false));
  }

  @Test
  void provideWithNobodyToAskStillRecordsTheProviderLocally() {
    StepVerifier.withVirtualTime(() -> ops.provide(CID), () -> scheduler, Long.MAX_VALUE)
        .assertNext(
            result -> {
              assertThat(result.reached()).isEmpty();
              assertThat(result.failed()).isEmpty();
            })
        .expectComplete()
        .verify(TIMEOUT);
    assertThat(store.providers(KEY))
        .containsExactly(new ProviderRecord(KEY, self.id(), transport.listenAddresses(), T0));
    assertThat(ops.providing()).containsExactly(CID);
  }

  @Test
  void providerKeysLongerThan80BytesAreRefused() {
    Cid tooLong = Cid.v1(Cid.RAW, Multihash.identity(new byte[100]));
    seed(peers);

    StepVerifier.create(ops.provide(tooLong))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("102 bytes"))
        .verify(TIMEOUT);
    StepVerifier.create(ops.findProviders(tooLong))
        .expectError(IllegalArgumentException.class)
        .verify();
    assertThat(transport.sent()).isEmpty();
    assertThat(ops.providing()).isEmpty();
  }

  @Test
  void maxMustBeInRange() {
    assertThatThrownBy(() -> ops.findProviders(CID, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ops.findProviders(CID, ProviderOperations.MAX_PROVIDERS + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Answers FIND_NODE with no closer peers, and ADD_PROVIDER with {@code outcome}. */
  private static RequestHandler addProviderAnswer(Mono<DhtResponse> outcome) {
    return (from, request) ->
        request instanceof DhtRequest.FindNode
            ? Mono.just(new DhtResponse.FindNodeResponse(List.of()))
            : outcome;
  }
}

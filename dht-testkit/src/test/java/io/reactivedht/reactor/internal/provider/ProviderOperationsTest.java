package io.reactivedht.reactor.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.ProviderRecord;
import io.reactivedht.core.wire.MessageType;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.internal.provider.ProviderNetwork.Local;
import io.reactivedht.reactor.internal.provider.ProviderNetwork.Server;
import io.reactivedht.reactor.provider.NoListenAddressesException;
import io.reactivedht.reactor.provider.ProvideResult;
import io.reactivedht.testkit.sim.Adversary;
import io.reactivedht.testkit.sim.NetworkStats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Provide and find providers on a simulated network of 50 DHT servers, in virtual time. */
class ProviderOperationsTest {
  private static final int K = 20;

  /** A real-time bound on each verification, so that a bug fails the test instead of hanging it. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Three CIDs of the same content (docs/WIRE.md §8): one provider key. */
  private static final Cid V0 = Cid.parse("QmdmQXB2mzChmMeKY47C43LxUdg1NDJ5MWcKMKxDu7RgQm");

  private static final Cid V1_DAG_PB =
      Cid.parse("bafybeihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc7y");
  private static final Cid V1_RAW =
      Cid.parse("bafkreihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc7y");
  private static final byte[] MULTIHASH =
      HexFormat.of()
          .parseHex("1220e536c7f88d731f374dccb568aff6f56e838a19382e488039b1ca8ad2599e82fe");

  private final ProviderNetwork net = new ProviderNetwork(50, 11);
  private final Local provider = net.local(1, 5);

  private static Cid content(String text) {
    return Cid.v1(Cid.RAW, Multihash.sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  private PeerInfo providerInfo() {
    return new PeerInfo(provider.id(), provider.transport().listenAddresses());
  }

  @Test
  void provideAnnouncesToTheTrueKClosestAndRecordsItselfLocally() {
    Cid cid = content("hello");
    byte[] key = cid.providerKey();
    List<PeerId> truth = net.closestServers(key, K);

    StepVerifier.withVirtualTime(
            () -> provider.ops().provide(cid), () -> net.scheduler, Long.MAX_VALUE)
        .thenAwait(Duration.ofMinutes(1))
        .assertNext(
            result -> {
              assertThat(result.reached()).containsExactlyElementsOf(truth);
              assertThat(result.failed()).isEmpty();
            })
        .expectComplete()
        .verify(TIMEOUT);

    for (Server server : net.servers) {
      List<ProviderRecord> stored = server.providers().providers(key);
      if (truth.contains(server.id())) {
        assertThat(stored)
            .singleElement()
            .satisfies(
                r -> {
                  assertThat(r.provider()).isEqualTo(provider.id());
                  assertThat(r.addresses()).isEqualTo(provider.transport().listenAddresses());
                });
      } else {
        assertThat(stored).isEmpty();
      }
    }
    assertThat(provider.providers().providers(key))
        .singleElement()
        .satisfies(r -> assertThat(r.provider()).isEqualTo(provider.id()));
    assertThat(provider.events())
        .filteredOn(e -> e instanceof DhtEvent.ProviderAnnounced)
        .containsExactlyInAnyOrderElementsOf(
            truth.stream()
                .map(id -> (DhtEvent) new DhtEvent.ProviderAnnounced(id, key, true))
                .toList());
    assertThat(provider.ops().providing()).containsExactly(cid);
  }

  @Test
  void aNodeThatNeverTalkedToTheProviderFindsItOnceWithItsAddresses() {
    Cid cid = content("found elsewhere");
    net.run(provider.ops().provide(cid));
    Local finder = net.local(2, 5);

    StepVerifier.withVirtualTime(
            () -> finder.ops().findProviders(cid), () -> net.scheduler, Long.MAX_VALUE)
        .thenAwait(Duration.ofMinutes(1))
        .expectNext(providerInfo())
        .expectComplete()
        .verify(TIMEOUT);

    // Several of the servers holding the record answered, and the provider came out once.
    long answeredWithTheRecord =
        net.closestServers(cid.providerKey(), K).stream()
            .filter(id -> net.server(id).handler().stats().served(MessageType.GET_PROVIDERS) > 0)
            .count();
    assertThat(answeredWithTheRecord).isGreaterThan(1);
  }

  @Test
  void takeOneStopsTheLookupAndCancelsTheRequestsInFlight() {
    Cid cid = content("popular");
    net.run(provider.ops().provide(cid));
    Local finder = net.local(2, 5);
    NetworkStats start = net.network.stats();
    assertThat(net.run(finder.ops().findProviders(cid))).containsExactly(providerInfo());
    long fullLookup = net.network.stats().minus(start).requestsSent();

    NetworkStats before = net.network.stats();
    AtomicReference<NetworkStats> atCancel = new AtomicReference<>();
    StepVerifier.withVirtualTime(
            () ->
                finder
                    .ops()
                    .findProviders(cid)
                    .take(1)
                    .doOnComplete(() -> atCancel.set(net.network.stats())),
            () -> net.scheduler,
            Long.MAX_VALUE)
        .thenAwait(Duration.ofSeconds(1))
        .expectNext(providerInfo())
        .expectComplete()
        .verify(TIMEOUT);
    net.scheduler.advanceTimeBy(Duration.ofMinutes(1));

    NetworkStats taken = atCancel.get().minus(before);
    assertThat(taken.requestsSent()).isPositive().isLessThan(fullLookup);
    assertThat(taken.requestsSent())
        .as("requests in flight when cancelled")
        .isGreaterThan(taken.exchangesCompleted());
    NetworkStats afterCancel = net.network.stats().minus(atCancel.get());
    assertThat(afterCancel.requestsSent()).isZero();
    assertThat(afterCancel.exchangesCompleted()).isZero();
  }

  @Test
  void everyCidOfTheSameMultihashSharesProviders() {
    assertThat(V0.providerKey()).isEqualTo(MULTIHASH);
    assertThat(V1_RAW.providerKey()).isEqualTo(MULTIHASH);
    net.run(provider.ops().provide(V0));
    Local finder = net.local(2, 5);
    assertThat(net.run(finder.ops().findProviders(V1_DAG_PB))).containsExactly(providerInfo());

    net.run(provider.ops().provide(V1_DAG_PB));
    assertThat(provider.ops().providing()).containsExactly(V1_DAG_PB);
    assertThat(provider.providers().providers(MULTIHASH)).hasSize(1);

    StepVerifier.withVirtualTime(
            () -> finder.ops().findProviders(V1_RAW), () -> net.scheduler, Long.MAX_VALUE)
        .thenAwait(Duration.ofMinutes(1))
        .expectNext(providerInfo())
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void provideWithoutListenAddressesFailsAndDoesNothing() {
    Local addressless = net.local(3, 5, List.of());
    Cid cid = content("nowhere");
    NetworkStats before = net.network.stats();

    StepVerifier.withVirtualTime(
            () -> addressless.ops().provide(cid), () -> net.scheduler, Long.MAX_VALUE)
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(NoListenAddressesException.class)
                    .hasMessageContaining("no listen addresses"))
        .verify(TIMEOUT);

    assertThat(net.network.stats().minus(before).requestsSent()).isZero();
    assertThat(addressless.providers().providers(cid.providerKey())).isEmpty();
    assertThat(addressless.ops().providing()).isEmpty();
  }

  @Test
  void reprovideAnnouncesAgainWhatIsStillProvided() {
    Cid a = content("a");
    Cid b = content("b");
    net.run(provider.ops().provide(a));
    net.run(provider.ops().provide(b));
    net.scheduler.advanceTimeBy(
        Duration.ofHours(49)); // past the 48 h provider TTL: every record expired
    Local finder = net.local(2, 5);
    assertThat(net.run(finder.ops().findProviders(a))).isEmpty();
    assertThat(provider.providers().providers(a.providerKey())).isEmpty();

    long announcedBefore = addProvidersServed();
    List<ProvideResult> results = net.run(provider.ops().reprovide());
    assertThat(results).hasSize(2);
    assertThat(results.get(0).reached())
        .containsExactlyElementsOf(net.closestServers(a.providerKey(), K));
    assertThat(results.get(1).reached())
        .containsExactlyElementsOf(net.closestServers(b.providerKey(), K));
    assertThat(addProvidersServed() - announcedBefore).isEqualTo(2 * K);
    assertThat(provider.providers().providers(a.providerKey())).hasSize(1);
    assertThat(net.run(finder.ops().findProviders(b))).containsExactly(providerInfo());

    StepVerifier.create(provider.ops().stopProviding(a)).expectComplete().verify(TIMEOUT);
    assertThat(provider.ops().providing()).containsExactly(b);
    assertThat(provider.providers().providers(a.providerKey())).isEmpty();
    long announcedBeforeSecond = addProvidersServed();
    StepVerifier.withVirtualTime(
            () -> provider.ops().reprovide(), () -> net.scheduler, Long.MAX_VALUE)
        .thenAwait(Duration.ofMinutes(1))
        .assertNext(
            r ->
                assertThat(r.reached())
                    .containsExactlyElementsOf(net.closestServers(b.providerKey(), K)))
        .expectComplete()
        .verify(TIMEOUT);
    assertThat(addProvidersServed() - announcedBeforeSecond).isEqualTo(K);
  }

  @Test
  void lyingServersCannotHideTheRealProvider() {
    Cid cid = content("contested");
    net.run(provider.ops().provide(cid));
    List<PeerId> truth = net.closestServers(cid.providerKey(), K);
    for (PeerId liar : truth.subList(0, K / 2)) {
      net.network.setAdversary(
          liar, Adversary.corruptRecords()); // invents providers in every GET_PROVIDERS answer
    }
    Local finder = net.local(2, 5);

    StepVerifier.withVirtualTime(
            () -> finder.ops().findProviders(cid).collectList(),
            () -> net.scheduler,
            Long.MAX_VALUE)
        .thenAwait(Duration.ofMinutes(1))
        .assertNext(
            found -> {
              assertThat(found).contains(providerInfo());
              assertThat(found).as("invented providers came too").hasSizeGreaterThan(1);
              assertThat(found.stream().map(PeerInfo::id).distinct().count())
                  .isEqualTo(found.size());
            })
        .expectComplete()
        .verify(TIMEOUT);
  }

  private long addProvidersServed() {
    return net.servers.stream()
        .mapToLong(s -> s.handler().stats().served(MessageType.ADD_PROVIDER))
        .sum();
  }
}

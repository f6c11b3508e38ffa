package io.reactivedht.transport.autonat;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.Seeds;
import io.reactivedht.transport.autonat.DialResponse.Status;
import io.reactivedht.transport.config.AutoNatOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The server's rules, with a recording dial-back instead of the network. */
class AutoNatServerTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final PeerId ASKER = peer(1);
  private static final Multiaddr FROM = Multiaddr.parse("/ip4/203.0.113.7/tcp/51000");
  private static final Multiaddr LISTEN = Multiaddr.parse("/ip4/203.0.113.7/tcp/4001");

  private final List<Multiaddr> dialed = new CopyOnWriteArrayList<>();

  @Test
  void dialsBackAtTheAddressOfTheRequestersIpAndAnswersOkWithIt() {
    AutoNatServer server =
        server(AutoNatOptions.DEFAULT, (peer, address) -> record(address, Mono.empty()));
    Multiaddr elsewhere = Multiaddr.parse("/ip4/198.51.100.1/tcp/4001");

    DialResponse answer =
        server.answer(ASKER, FROM, new DialRequest(ASKER, List.of(elsewhere, LISTEN))).block(WAIT);

    assertThat(answer).isEqualTo(DialResponse.ok(LISTEN));
    assertThat(dialed).containsExactly(LISTEN);
  }

  @Test
  void refusesAddressesAtAnotherIpThanTheConnectionsWithoutDialing() {
    AutoNatServer server =
        server(AutoNatOptions.DEFAULT, (peer, address) -> record(address, Mono.empty()));
    Multiaddr thirdParty = Multiaddr.parse("/ip4/198.51.100.1/tcp/4001");

    DialResponse answer =
        server.answer(ASKER, FROM, new DialRequest(ASKER, List.of(thirdParty))).block(WAIT);

    assertThat(answer.status()).isEqualTo(Status.E_DIAL_REFUSED);
    assertThat(dialed).isEmpty();
  }

  @Test
  void refusesPrivateAndLoopbackIpsUnlessAllowed() {
    Multiaddr loopbackFrom = Multiaddr.parse("/ip4/127.0.0.1/tcp/51000");
    Multiaddr loopback = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001");
    DialRequest request = new DialRequest(ASKER, List.of(loopback));

    AutoNatServer strict =
        server(AutoNatOptions.DEFAULT, (peer, address) -> record(address, Mono.empty()));
    assertThat(strict.answer(ASKER, loopbackFrom, request).block(WAIT).status())
        .isEqualTo(Status.E_DIAL_REFUSED);
    assertThat(dialed).isEmpty();

    AutoNatServer lenient =
        server(
            AutoNatOptions.DEFAULT.withAllowPrivateAddresses(true),
            (peer, address) -> record(address, Mono.empty()));
    assertThat(lenient.answer(ASKER, loopbackFrom, request).block(WAIT))
        .isEqualTo(DialResponse.ok(loopback));
  }

  @Test
  void aRequestAboutAnotherPeerIsABadRequest() {
    AutoNatServer server =
        server(AutoNatOptions.DEFAULT, (peer, address) -> record(address, Mono.empty()));

    DialResponse answer =
        server.answer(ASKER, FROM, new DialRequest(peer(2), List.of(LISTEN))).block(WAIT);

    assertThat(answer.status()).isEqualTo(Status.E_BAD_REQUEST);
    assertThat(dialed).isEmpty();
  }

  @Test
  void aFailedDialBackIsADialErrorAfterTryingEachAddress() {
    Multiaddr other = Multiaddr.parse("/ip4/203.0.113.7/tcp/4002");
    AutoNatServer server =
        server(
            AutoNatOptions.DEFAULT,
            (peer, address) -> record(address, Mono.error(new IllegalStateException("no"))));

    DialResponse answer =
        server.answer(ASKER, FROM, new DialRequest(ASKER, List.of(LISTEN, other))).block(WAIT);

    assertThat(answer.status()).isEqualTo(Status.E_DIAL_ERROR);
    assertThat(dialed).containsExactly(LISTEN, other);
  }

  @Test
  void aDialBackThatNeverEndsTimesOutAsADialError() {
    VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    AutoNatServer server =
        new AutoNatServer(
            (peer, address) -> record(address, Mono.never()), AutoNatOptions.DEFAULT, clock);
    List<DialResponse> answers = new ArrayList<>();

    server.answer(ASKER, FROM, new DialRequest(ASKER, List.of(LISTEN))).subscribe(answers::add);
    clock.advanceTimeBy(AutoNatOptions.DEFAULT.dialTimeout());

    assertThat(answers).extracting(DialResponse::status).containsExactly(Status.E_DIAL_ERROR);
    assertThat(server.dialBacksInProgress()).isZero();
  }

  @Test
  void atMostTheConfiguredNumberOfDialBacksRunAtOnceAndTheRestAreRefused() {
    Sinks.Empty<Void> release = Sinks.empty();
    AutoNatServer server =
        server(AutoNatOptions.DEFAULT, (peer, address) -> record(address, release.asMono()));
    List<DialResponse> answers = new CopyOnWriteArrayList<>();
    int bound = AutoNatOptions.DEFAULT.maxConcurrentDialBacks();

    for (int i = 0; i < bound; i++) {
      PeerId asker = peer(10 + i);
      server.answer(asker, FROM, new DialRequest(asker, List.of(LISTEN))).subscribe(answers::add);
    }
    PeerId oneTooMany = peer(99);
    DialResponse refused =
        server.answer(oneTooMany, FROM, new DialRequest(oneTooMany, List.of(LISTEN))).block(WAIT);

    assertThat(refused.status()).isEqualTo(Status.E_DIAL_REFUSED);
    assertThat(refused.statusText()).contains("in progress");
    assertThat(server.dialBacksInProgress()).isEqualTo(bound);
    assertThat(answers).isEmpty();

    release.tryEmitEmpty();
    assertThat(answers)
        .hasSize(bound)
        .allSatisfy(a -> assertThat(a).isEqualTo(DialResponse.ok(LISTEN)));
    assertThat(server.dialBacksInProgress()).isZero();
    assertThat(
            server
                .answer(oneTooMany, FROM, new DialRequest(oneTooMany, List.of(LISTEN)))
                .block(WAIT))
        .isEqualTo(DialResponse.ok(LISTEN));
  }

  @Test
  void onePeerGetsAFewRequestsPerWindow() {
    VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    AutoNatServer server =
        new AutoNatServer(
            (peer, address) -> record(address, Mono.empty()), AutoNatOptions.DEFAULT, clock);
    DialRequest request = new DialRequest(ASKER, List.of(LISTEN));
    int allowed = AutoNatOptions.DEFAULT.maxRequestsPerPeer();

    for (int i = 0; i < allowed; i++) {
      assertThat(server.answer(ASKER, FROM, request).block(WAIT).status()).isEqualTo(Status.OK);
    }
    DialResponse limited = server.answer(ASKER, FROM, request).block(WAIT);
    assertThat(limited.status()).isEqualTo(Status.E_DIAL_REFUSED);
    assertThat(limited.statusText()).contains("too many requests");
    PeerId other = peer(2);
    assertThat(
            server
                .answer(other, FROM, new DialRequest(other, List.of(LISTEN)))
                .block(WAIT)
                .status())
        .isEqualTo(Status.OK);

    clock.advanceTimeBy(AutoNatOptions.DEFAULT.rateWindow().plusSeconds(1));
    assertThat(server.answer(ASKER, FROM, request).block(WAIT).status()).isEqualTo(Status.OK);
  }

  private AutoNatServer server(AutoNatOptions options, AutoNatServer.DialBack dialBack) {
    return new AutoNatServer(dialBack, options, Schedulers.parallel());
  }

  private Mono<Void> record(Multiaddr address, Mono<Void> outcome) {
    return Mono.defer(
        () -> {
          dialed.add(address);
          return outcome;
        });
  }

  private static PeerId peer(int seed) {
    return PeerId.fromPublicKey(Ed25519PrivateKey.generate(Seeds.random(seed)).publicKey());
  }
}

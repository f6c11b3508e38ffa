package io.reactivedht.reactor.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.CaffeineProviderStore;
import io.reactivedht.core.record.CaffeineValueStore;
import io.reactivedht.core.record.ProviderStore;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.record.ValueStore;
import io.reactivedht.core.record.ValueStoreOptions;
import io.reactivedht.core.routing.RoutingTable;
import io.reactivedht.core.validation.InvalidRecordException;
import io.reactivedht.core.validation.NamespacedValidator;
import io.reactivedht.core.wire.DhtCodec;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtRequest.AddProvider;
import io.reactivedht.core.wire.DhtRequest.FindNode;
import io.reactivedht.core.wire.DhtRequest.GetProviders;
import io.reactivedht.core.wire.DhtRequest.GetValue;
import io.reactivedht.core.wire.DhtRequest.Ping;
import io.reactivedht.core.wire.DhtRequest.PutValue;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.core.wire.DhtResponse.FindNodeResponse;
import io.reactivedht.core.wire.DhtResponse.GetProvidersResponse;
import io.reactivedht.core.wire.DhtResponse.GetValueResponse;
import io.reactivedht.core.wire.DhtResponse.PingResponse;
import io.reactivedht.core.wire.DhtResponse.PutValueResponse;
import io.reactivedht.core.wire.MalformedMessageException;
import io.reactivedht.core.wire.MessageType;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.config.RequestRateLimit;
import io.reactivedht.reactor.internal.table.PeerRouting;
import io.reactivedht.reactor.server.RequestRejectedException;
import io.reactivedht.reactor.server.RequestRejectedException.Reason;
import io.reactivedht.reactor.server.RequestStats;
import io.reactivedht.reactor.testing.DelegatingValueStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class DhtRequestHandlerTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final byte[] PATH = "/ipfs/bafkqaaa".getBytes(StandardCharsets.UTF_8);

  /**
   * The multihash of bafybeihfg3d7rdltd43u3tfvncx7n5loqofbsobojcadtmokrljfthuc7y (WIRE.md §10.5).
   */
  private static final byte[] MULTIHASH =
      HexFormat.of()
          .parseHex("1220e536c7f88d731f374dccb568aff6f56e838a19382e488039b1ca8ad2599e82fe");

  private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
  private final Map<PeerId, List<Multiaddr>> addressBook = new ConcurrentHashMap<>();
  private final PeerId self = peer(0);
  private final PeerRouting routing =
      new PeerRouting(
          new RoutingTable(self.key()),
          id -> new PeerInfo(id, addressBook.getOrDefault(id, List.of())));
  private final ValueStore values = new CaffeineValueStore(() -> time.now(TimeUnit.NANOSECONDS));
  private final ProviderStore providers =
      new CaffeineProviderStore(() -> time.now(TimeUnit.NANOSECONDS));
  private final PeerId requester = peer(1);
  private DhtRequestHandler handler;

  DhtRequestHandlerTest() {
    time.advanceTimeTo(T0);
    handler = handler(DhtOptions.defaults(), values);
  }

  @AfterEach
  void disposeScheduler() {
    time.dispose();
  }

  // FIND_NODE

  @Test
  void findNodeAnswersTheKClosestServersWithTheirAddressesClosestFirst() {
    addServers(2, 40);
    byte[] key = "hello".getBytes(StandardCharsets.UTF_8);

    FindNodeResponse response = (FindNodeResponse) answer(requester, new FindNode(key));

    assertThat(routing.size()).isGreaterThan(20);
    assertThat(response.closerPeers()).hasSize(20);
    assertThat(response.closerPeers()).containsExactlyElementsOf(expectedClosest(key, 20));
  }

  @Test
  void theRequesterIsNeverAmongTheCloserPeersNorThisNode() {
    addServers(1, 30);
    assertThat(routing.contains(requester)).isTrue();

    for (byte[] key :
        List.of(requester.bytes(), self.bytes(), "hello".getBytes(StandardCharsets.UTF_8))) {
      for (DhtRequest request : List.of(new FindNode(key), new GetProviders(key))) {
        List<PeerId> ids = closerPeersOf(answer(requester, request));
        assertThat(ids).as("%s", request).hasSize(20).doesNotContain(requester, self);
      }
      List<PeerId> getValue = closerPeersOf(answer(requester, new GetValue(concat("/pk/", key))));
      assertThat(getValue).hasSize(20).doesNotContain(requester, self);
    }
  }

  @Test
  void findNodeForAKnownNonServerPeerPutsItFirst() {
    addServers(2, 30);
    PeerId client = peer(100);
    addressBook.put(client, List.of(address(100)));

    FindNodeResponse response = (FindNodeResponse) answer(requester, new FindNode(client.bytes()));

    assertThat(routing.contains(client)).isFalse();
    assertThat(response.closerPeers().get(0))
        .isEqualTo(new PeerInfo(client, List.of(address(100))));
    assertThat(response.closerPeers().subList(1, response.closerPeers().size()))
        .containsExactlyElementsOf(expectedClosest(client.bytes(), 20));
  }

  @Test
  void findNodeForAServerInTheTableListsItOnceFirst() {
    addServers(2, 30);
    PeerId target = peer(7);

    List<PeerId> ids = closerPeersOf(answer(requester, new FindNode(target.bytes())));

    assertThat(ids).hasSize(20).startsWith(target).doesNotHaveDuplicates();
  }

  @Test
  void peersWithoutAddressesAreLeftOut() {
    addServers(2, 10);
    PeerId silentServer = peer(50);
    routing.insert(silentServer, true, T0);
    PeerId unknownTarget = peer(51);

    List<PeerId> ids = closerPeersOf(answer(requester, new FindNode(unknownTarget.bytes())));
    List<PeerId> toSilent = closerPeersOf(answer(requester, new FindNode(silentServer.bytes())));

    assertThat(ids).hasSize(8).doesNotContain(silentServer, unknownTarget);
    assertThat(toSilent).hasSize(8).doesNotContain(silentServer);
  }

  @Test
  void findNodeForTheRequesterOrThisNodeDoesNotListThem() {
    addServers(2, 10);
    addressBook.put(requester, List.of(address(1)));
    addressBook.put(self, List.of(address(0)));

    assertThat(closerPeersOf(answer(requester, new FindNode(requester.bytes()))))
        .hasSize(8)
        .doesNotContain(requester, self);
    assertThat(closerPeersOf(answer(requester, new FindNode(self.bytes()))))
        .hasSize(8)
        .doesNotContain(requester, self);
  }

  @Test
  void peersThisNodeFoundUnresponsiveAreNotRecommendedAndTheNextClosestTakeTheirPlaces() {
    addServers(2, 40);
    byte[] key = "hello".getBytes(StandardCharsets.UTF_8);
    List<PeerInfo> closest = expectedClosest(key, 23);
    java.util.Set<PeerId> dead =
        java.util.Set.of(closest.get(0).id(), closest.get(5).id(), closest.get(19).id());
    handler =
        new DhtRequestHandler(
            self,
            DhtOptions.defaults(),
            routing,
            values,
            providers,
            NamespacedValidator.defaults(),
            time,
            dead::contains);

    List<PeerId> answered = closerPeersOf(answer(requester, new FindNode(key)));

    assertThat(answered)
        .hasSize(20)
        .doesNotContainAnyElementsOf(dead)
        .containsExactlyElementsOf(ids(closest).stream().filter(id -> !dead.contains(id)).toList());
  }

  @Test
  void closerPeersAreBoundedByK() {
    handler = handler(DhtOptions.defaults().withK(3), values);
    addServers(2, 30);
    PeerId client = peer(100);
    addressBook.put(client, List.of(address(100)));

    assertThat(closerPeersOf(answer(requester, new FindNode(MULTIHASH))))
        .containsExactlyElementsOf(ids(expectedClosest(MULTIHASH, 3)));
    assertThat(closerPeersOf(answer(requester, new FindNode(client.bytes()))))
        .hasSize(4)
        .startsWith(client);
  }

  // GET_VALUE

  @Test
  void getValueServesTheStoredRecordStampedWithItsReceiveTimeAndCloserPeers() {
    addServers(2, 30);
    Record record = pkRecord(key(5));
    answer(peer(5), new PutValue(record));
    time.advanceTimeBy(Duration.ofHours(1));

    GetValueResponse response = (GetValueResponse) answer(requester, new GetValue(record.key()));

    assertThat(response.record()).isEqualTo(record.receivedAt(T0));
    assertThat(response.closerPeers()).containsExactlyElementsOf(expectedClosest(record.key(), 20));
  }

  @Test
  void getValueWithoutARecordAnswersCloserPeersOnly() {
    addServers(2, 30);
    byte[] key = pkRecord(key(5)).key();

    GetValueResponse response = (GetValueResponse) answer(requester, new GetValue(key));

    assertThat(response.record()).isNull();
    assertThat(response.closerPeers()).containsExactlyElementsOf(expectedClosest(key, 20));
  }

  @Test
  void aRecordIsNotServedOnceItIs48HoursOld() {
    Record record = ipnsRecord(key(5), 1, T0.plus(Duration.ofDays(30)));
    answer(peer(5), new PutValue(record));

    time.advanceTimeBy(Duration.ofHours(48).minusMillis(1));
    assertThat(recordServedFor(record.key())).isEqualTo(record.receivedAt(T0));
    time.advanceTimeBy(Duration.ofMillis(1));
    assertThat(recordServedFor(record.key())).isNull();
  }

  @Test
  void maxRecordAgeFromTheOptionsAppliesEvenWhenTheStoreKeepsRecordsLonger() {
    handler = handler(DhtOptions.defaults().withMaxRecordAge(Duration.ofHours(1)), values);
    Record record = pkRecord(key(5));
    answer(peer(5), new PutValue(record));

    time.advanceTimeBy(Duration.ofMinutes(59));
    assertThat(recordServedFor(record.key())).isNotNull();
    time.advanceTimeBy(Duration.ofMinutes(1));
    assertThat(recordServedFor(record.key())).isNull();
  }

  @Test
  void aStoredIpnsRecordPastItsValidityIsNotServed() {
    Record record = ipnsRecord(key(5), 1, T0.plus(Duration.ofHours(2)));
    answer(peer(5), new PutValue(record));

    time.advanceTimeBy(Duration.ofHours(2));
    assertThat(recordServedFor(record.key())).isNotNull();
    time.advanceTimeBy(Duration.ofMillis(1));
    assertThat(recordServedFor(record.key())).isNull();
  }

  @Test
  void getValueOutsideTheKnownNamespacesIsRejected() {
    for (String key : List.of("/foo/bar", "no-namespace", "/pk", "//x")) {
      StepVerifier.create(
              handler.handle(requester, new GetValue(key.getBytes(StandardCharsets.UTF_8))))
          .expectErrorSatisfies(rejectedFor(Reason.UNKNOWN_NAMESPACE))
          .verify();
    }
  }

  // PUT_VALUE

  @Test
  void putValueStoresAValidRecordStampedNowAndEchoesIt() {
    Record sent =
        new Record(pkRecord(key(5)).key(), pkRecord(key(5)).value(), T0.minus(Duration.ofDays(9)));
    time.advanceTimeBy(Duration.ofMillis(1234));
    Instant now = T0.plusMillis(1234);

    PutValueResponse response = (PutValueResponse) answer(peer(5), new PutValue(sent));

    assertThat(response.record()).isEqualTo(Record.of(sent.key(), sent.value()).receivedAt(now));
    assertThat(values.get(sent.key()))
        .contains(Record.of(sent.key(), sent.value()).receivedAt(now));
  }

  @Test
  void anIpnsRecordWithAnInvalidSignatureIsRejected() {
    Ed25519PrivateKey name = key(5);
    byte[] signedByAnother =
        IpnsRecord.create(key(6), PATH, 1, T0.plus(Duration.ofDays(1)), Duration.ZERO, false)
            .encode();
    Record forged = Record.of(routingKey(name), signedByAnother);

    StepVerifier.create(handler.handle(peer(6), new PutValue(forged)))
        .expectErrorSatisfies(invalidFor(InvalidRecordException.Reason.BAD_SIGNATURE))
        .verify();
    assertThat(values.get(forged.key())).isEmpty();
  }

  @Test
  void aPkRecordWithAnotherPeersKeyIsRejected() {
    Record mismatch = Record.of(pkRecord(key(5)).key(), key(6).publicKey().encoded());

    StepVerifier.create(handler.handle(peer(6), new PutValue(mismatch)))
        .expectErrorSatisfies(invalidFor(InvalidRecordException.Reason.PUBLIC_KEY_MISMATCH))
        .verify();
    assertThat(values.get(mismatch.key())).isEmpty();
  }

  @Test
  void putValueOutsideTheKnownNamespacesIsRejected() {
    Record record = Record.of("/foo/bar".getBytes(StandardCharsets.UTF_8), PATH);

    StepVerifier.create(handler.handle(requester, new PutValue(record)))
        .expectErrorSatisfies(invalidFor(InvalidRecordException.Reason.UNKNOWN_NAMESPACE))
        .verify();
    assertThat(values.get(record.key())).isEmpty();
  }

  @Test
  void anExpiredIpnsRecordIsRejected() {
    Record expired = ipnsRecord(key(5), 1, T0.minusMillis(1));

    StepVerifier.create(handler.handle(peer(5), new PutValue(expired)))
        .expectErrorSatisfies(invalidFor(InvalidRecordException.Reason.EXPIRED))
        .verify();
  }

  @Test
  void anIpnsRecordWithAnOlderSequenceIsRejectedAndTheStoredOneKept() {
    Ed25519PrivateKey name = key(5);
    Record newer = ipnsRecord(name, 5, T0.plus(Duration.ofDays(1)));
    Record older = ipnsRecord(name, 4, T0.plus(Duration.ofDays(7)));
    answer(peer(5), new PutValue(newer));
    time.advanceTimeBy(Duration.ofMinutes(1));

    StepVerifier.create(handler.handle(peer(6), new PutValue(older)))
        .expectErrorSatisfies(rejectedFor(Reason.OUTDATED_RECORD))
        .verify();
    assertThat(recordServedFor(newer.key())).isEqualTo(newer.receivedAt(T0));
  }

  @Test
  void anIpnsRecordWithANewerSequenceReplacesTheStoredOne() {
    Ed25519PrivateKey name = key(5);
    Record older = ipnsRecord(name, 4, T0.plus(Duration.ofDays(7)));
    Record newer = ipnsRecord(name, 5, T0.plus(Duration.ofDays(1)));
    answer(peer(5), new PutValue(older));
    time.advanceTimeBy(Duration.ofMinutes(1));

    PutValueResponse response = (PutValueResponse) answer(peer(6), new PutValue(newer));

    Record stored = newer.receivedAt(T0.plus(Duration.ofMinutes(1)));
    assertThat(response.record()).isEqualTo(stored);
    assertThat(recordServedFor(newer.key())).isEqualTo(stored);
  }

  @Test
  void theSameRecordPutAgainIsAcceptedAndItsReceiveTimeRefreshed() {
    Record record = ipnsRecord(key(5), 3, T0.plus(Duration.ofDays(7)));
    answer(peer(5), new PutValue(record));
    time.advanceTimeBy(Duration.ofHours(22));

    answer(peer(5), new PutValue(record));
    time.advanceTimeBy(Duration.ofHours(47));

    assertThat(recordServedFor(record.key()))
        .isEqualTo(record.receivedAt(T0.plus(Duration.ofHours(22))));
  }

  @Test
  void aStoredRecordThatIsNoLongerValidIsOverwrittenEvenByALowerSequence() {
    Ed25519PrivateKey name = key(5);
    Record shortLived = ipnsRecord(name, 9, T0.plus(Duration.ofHours(1)));
    Record lowerButValid = ipnsRecord(name, 2, T0.plus(Duration.ofDays(7)));
    answer(peer(5), new PutValue(shortLived));
    time.advanceTimeBy(Duration.ofHours(2));

    answer(peer(5), new PutValue(lowerButValid));

    assertThat(recordServedFor(routingKey(name)))
        .isEqualTo(lowerButValid.receivedAt(T0.plus(Duration.ofHours(2))));
  }

  @Test
  void aRecordTheStoreRefusesIsRejected() {
    ValueStore tiny =
        new CaffeineValueStore(
            ValueStoreOptions.DEFAULTS.withMaxRecordBytes(50),
            () -> time.now(TimeUnit.NANOSECONDS));
    handler = handler(DhtOptions.defaults(), tiny);
    Record record = pkRecord(key(5));
    assertThat(record.key().length + record.value().length).isGreaterThan(50);

    StepVerifier.create(handler.handle(peer(5), new PutValue(record)))
        .expectErrorSatisfies(rejectedFor(Reason.NOT_STORED))
        .verify();
  }

  @Test
  void aConcurrentPutWaitsForTheOneInProgressSoTheOlderRecordCannotWinTheRace() throws Exception {
    Ed25519PrivateKey name = key(5);
    Record older = ipnsRecord(name, 1, T0.plus(Duration.ofDays(1)));
    Record newer = ipnsRecord(name, 2, T0.plus(Duration.ofDays(1)));
    CountDownLatch olderBeingStored = new CountDownLatch(1);
    CountDownLatch newerStored = new CountDownLatch(1);
    // Holds the older put between its Select and its write until the newer one is stored, or 300
    // ms: without
    // mutual exclusion the newer put would read the empty store meanwhile, and the older write
    // would land last.
    ValueStore racing =
        new DelegatingValueStore(values) {
          @Override
          public boolean put(Record record) {
            if (Arrays.equals(record.value(), older.value())) {
              olderBeingStored.countDown();
              awaitQuietly(newerStored, Duration.ofMillis(300));
              return super.put(record);
            }
            boolean stored = super.put(record);
            newerStored.countDown();
            return stored;
          }
        };
    handler = handler(DhtOptions.defaults(), racing);

    CompletableFuture<DhtResponse> first =
        handler
            .handle(peer(5), new PutValue(older))
            .subscribeOn(Schedulers.boundedElastic())
            .toFuture();
    assertThat(olderBeingStored.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<DhtResponse> second =
        handler
            .handle(peer(5), new PutValue(newer))
            .subscribeOn(Schedulers.boundedElastic())
            .toFuture();

    assertThat(first.get(5, TimeUnit.SECONDS))
        .isEqualTo(new PutValueResponse(older.receivedAt(T0)));
    assertThat(second.get(5, TimeUnit.SECONDS))
        .isEqualTo(new PutValueResponse(newer.receivedAt(T0)));
    assertThat(recordServedFor(newer.key())).isEqualTo(newer.receivedAt(T0));
  }

  // GET_PROVIDERS and ADD_PROVIDER

  @Test
  void addProviderStoresTheSendersEntryAndSendsNoResponse() {
    PeerId provider = peer(5);
    AddProvider request =
        new AddProvider(MULTIHASH, List.of(new PeerInfo(provider, List.of(address(5)))));

    StepVerifier.create(handler.handle(provider, request)).verifyComplete();

    assertThat(providers.providers(MULTIHASH))
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.provider()).isEqualTo(provider);
              assertThat(record.addresses()).containsExactly(address(5));
              assertThat(record.received()).isEqualTo(T0);
            });
  }

  @Test
  void addProviderForAnotherPeerIsIgnored() {
    PeerId sender = peer(5);
    AddProvider onlyAnother =
        new AddProvider(MULTIHASH, List.of(new PeerInfo(peer(6), List.of(address(6)))));
    AddProvider senderAndAnother =
        new AddProvider(
            MULTIHASH,
            List.of(
                new PeerInfo(sender, List.of(address(5))),
                new PeerInfo(peer(6), List.of(address(6)))));

    StepVerifier.create(handler.handle(sender, onlyAnother)).verifyComplete();
    assertThat(providers.providers(MULTIHASH)).isEmpty();
    StepVerifier.create(handler.handle(sender, senderAndAnother)).verifyComplete();

    assertThat(((GetProvidersResponse) answer(requester, new GetProviders(MULTIHASH))).providers())
        .containsExactly(new PeerInfo(sender, List.of(address(5))));
  }

  @Test
  void addProviderWithoutAddressesIsIgnored() {
    PeerId sender = peer(5);
    addressBook.put(sender, List.of(address(5)));

    StepVerifier.create(
            handler.handle(
                sender, new AddProvider(MULTIHASH, List.of(new PeerInfo(sender, List.of())))))
        .verifyComplete();

    assertThat(providers.providers(MULTIHASH)).isEmpty();
    assertThat(handler.stats().served(MessageType.ADD_PROVIDER)).isEqualTo(1);
  }

  @Test
  void getProvidersAnswersTheLiveProvidersWithAddressesAndCloserPeers() {
    addServers(2, 30);
    provide(peer(5), address(5));
    time.advanceTimeBy(Duration.ofHours(1));
    provide(peer(6), address(6));

    GetProvidersResponse response =
        (GetProvidersResponse) answer(requester, new GetProviders(MULTIHASH));

    assertThat(response.providers())
        .containsExactly(
            new PeerInfo(peer(5), List.of(address(5))), new PeerInfo(peer(6), List.of(address(6))));
    assertThat(response.closerPeers()).containsExactlyElementsOf(expectedClosest(MULTIHASH, 20));
  }

  @Test
  void providersWhoseCachedAddressesExpiredAreServedWithThePeerStoreAddressesOrLeftOut() {
    provide(peer(5), address(5));
    provide(peer(6), address(6));
    addressBook.put(peer(6), List.of(address(66)));

    time.advanceTimeBy(Duration.ofHours(24));
    GetProvidersResponse afterAddressTtl =
        (GetProvidersResponse) answer(requester, new GetProviders(MULTIHASH));
    time.advanceTimeBy(Duration.ofHours(24));
    GetProvidersResponse afterProviderTtl =
        (GetProvidersResponse) answer(requester, new GetProviders(MULTIHASH));

    assertThat(afterAddressTtl.providers())
        .containsExactly(new PeerInfo(peer(6), List.of(address(66))));
    assertThat(afterProviderTtl.providers()).isEmpty();
  }

  @Test
  void providerKeysAreOneTo80BytesAnd81AreRejectedBeforeReachingTheHandler() {
    byte[] key80 = new byte[80];
    byte[] key81 = new byte[81];
    key80[0] = 1;

    StepVerifier.create(
            handler.handle(
                peer(5), new AddProvider(key80, List.of(PeerInfo.of(peer(5), address(5))))))
        .verifyComplete();
    assertThat(providers.providers(key80)).hasSize(1);
    assertThat(((GetProvidersResponse) answer(requester, new GetProviders(key80))).providers())
        .hasSize(1);

    assertThatThrownBy(() -> DhtCodec.decodeRequest(withKey(MessageType.GET_PROVIDERS, key81)))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("81 bytes exceeds 80");
    assertThatThrownBy(() -> DhtCodec.decodeRequest(withKey(MessageType.ADD_PROVIDER, key81)))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("81 bytes exceeds 80");
    assertThatThrownBy(
            () -> DhtCodec.decodeRequest(withKey(MessageType.GET_PROVIDERS, new byte[0])))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("empty key");
    assertThatThrownBy(() -> new GetProviders(key81)).isInstanceOf(IllegalArgumentException.class);
  }

  // PING, laziness, stats

  @Test
  void pingIsEchoed() {
    StepVerifier.create(handler.handle(requester, new Ping()))
        .expectNext(new PingResponse())
        .verifyComplete();
  }

  @Test
  void nothingRunsBeforeSubscriptionAndNowIsReadAtSubscription() {
    Record record = pkRecord(key(5));
    Mono<DhtResponse> put = handler.handle(peer(5), new PutValue(record));
    time.advanceTimeBy(Duration.ofMinutes(3));

    assertThat(values.get(record.key())).isEmpty();
    assertThat(handler.stats().served(MessageType.PUT_VALUE)).isZero();

    StepVerifier.create(put).expectNextCount(1).verifyComplete();
    assertThat(values.get(record.key()))
        .contains(record.receivedAt(T0.plus(Duration.ofMinutes(3))));
  }

  @Test
  void statsCountServedAndRejectedRequestsPerType() {
    answer(requester, new Ping());
    answer(requester, new Ping());
    answer(requester, new FindNode(MULTIHASH));
    StepVerifier.create(handler.handle(requester, new GetValue(MULTIHASH))).expectError().verify();

    RequestStats stats = handler.stats();

    assertThat(stats.served())
        .containsEntry(MessageType.PING, 2L)
        .containsEntry(MessageType.FIND_NODE, 1L)
        .containsEntry(MessageType.GET_VALUE, 0L)
        .hasSize(6);
    assertThat(stats.rejected())
        .containsEntry(MessageType.GET_VALUE, 1L)
        .containsEntry(MessageType.PING, 0L)
        .hasSize(6);
  }

  @Test
  void aPeerOverItsRateLimitIsRefusedWhileOthersAreServed() {
    DhtRequestHandler limited =
        handler(DhtOptions.defaults().withInboundRateLimit(new RequestRateLimit(10, 5)), values);
    PeerId flooder = peer(7);

    for (int i = 0; i < 5; i++) {
      StepVerifier.create(limited.handle(flooder, new Ping())).expectNextCount(1).verifyComplete();
    }
    StepVerifier.create(limited.handle(flooder, new Ping()))
        .expectErrorSatisfies(rejectedFor(Reason.RATE_LIMITED))
        .verify();
    StepVerifier.create(limited.handle(requester, new Ping())).expectNextCount(1).verifyComplete();

    time.advanceTimeBy(Duration.ofMillis(100)); // one token back at 10 a second
    StepVerifier.create(limited.handle(flooder, new Ping())).expectNextCount(1).verifyComplete();
    StepVerifier.create(limited.handle(flooder, new Ping()))
        .expectErrorSatisfies(rejectedFor(Reason.RATE_LIMITED))
        .verify();
    assertThat(limited.stats().rejected(MessageType.PING)).isEqualTo(2);
  }

  // fixtures

  private DhtRequestHandler handler(DhtOptions options, ValueStore store) {
    return new DhtRequestHandler(
        self, options, routing, store, providers, NamespacedValidator.defaults(), time);
  }

  /** The one response, failing the test on an error or an empty answer. */
  private DhtResponse answer(PeerId from, DhtRequest request) {
    List<DhtResponse> out = new ArrayList<>();
    StepVerifier.create(handler.handle(from, request))
        .recordWith(() -> out)
        .expectNextCount(1)
        .verifyComplete();
    return out.get(0);
  }

  private Record recordServedFor(byte[] key) {
    return ((GetValueResponse) answer(requester, new GetValue(key))).record();
  }

  private void provide(PeerId provider, Multiaddr address) {
    StepVerifier.create(
            handler.handle(
                provider, new AddProvider(MULTIHASH, List.of(PeerInfo.of(provider, address)))))
        .verifyComplete();
  }

  /**
   * Servers {@code peer(from)} to {@code peer(to - 1)} in the routing table, each with one address.
   */
  private void addServers(int from, int to) {
    for (int i = from; i < to; i++) {
      routing.insert(peer(i), true, T0);
      addressBook.put(peer(i), List.of(address(i)));
    }
  }

  /**
   * Computed apart from the handler: the table's peers with addresses, sorted by distance, without
   * the requester.
   */
  private List<PeerInfo> expectedClosest(byte[] key, int n) {
    Key target = Key.of(key);
    return routing.peers().stream()
        .filter(id -> !id.equals(requester) && addressBook.containsKey(id))
        .sorted((a, b) -> target.compareDistance(a.key(), b.key()))
        .limit(n)
        .map(id -> new PeerInfo(id, addressBook.get(id)))
        .toList();
  }

  private static List<PeerId> closerPeersOf(DhtResponse response) {
    if (response instanceof FindNodeResponse r) {
      return ids(r.closerPeers());
    } else if (response instanceof GetValueResponse r) {
      return ids(r.closerPeers());
    }
    return ids(((GetProvidersResponse) response).closerPeers());
  }

  private static List<PeerId> ids(List<PeerInfo> peers) {
    return peers.stream().map(PeerInfo::id).toList();
  }

  private static Consumer<Throwable> rejectedFor(Reason reason) {
    return e ->
        assertThat(e)
            .isInstanceOfSatisfying(
                RequestRejectedException.class, r -> assertThat(r.reason()).isEqualTo(reason));
  }

  private static Consumer<Throwable> invalidFor(InvalidRecordException.Reason reason) {
    return e ->
        assertThat(e)
            .isInstanceOfSatisfying(
                InvalidRecordException.class, r -> assertThat(r.reason()).isEqualTo(reason));
  }

  private static Ed25519PrivateKey key(int i) {
    byte[] seed = new byte[32];
    seed[0] = (byte) i;
    seed[31] = (byte) 0x5a;
    return Ed25519PrivateKey.fromSeed(seed);
  }

  private static PeerId peer(int i) {
    return PeerId.fromPublicKey(key(i).publicKey());
  }

  private static Multiaddr address(int i) {
    return Multiaddr.parse("/ip4/10.0." + (i / 250) + "." + (i % 250 + 1) + "/tcp/4001");
  }

  private static byte[] routingKey(Ed25519PrivateKey name) {
    return new IpnsName(PeerId.fromPublicKey(name.publicKey())).routingKey();
  }

  private static Record ipnsRecord(Ed25519PrivateKey name, long sequence, Instant validity) {
    return Record.of(
        routingKey(name),
        IpnsRecord.create(name, PATH, sequence, validity, Duration.ofMinutes(5), false).encode());
  }

  private static Record pkRecord(Ed25519PrivateKey key) {
    return Record.of(
        concat("/pk/", PeerId.fromPublicKey(key.publicKey()).bytes()), key.publicKey().encoded());
  }

  private static byte[] concat(String prefix, byte[] rest) {
    byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(head, head.length + rest.length);
    System.arraycopy(rest, 0, out, head.length, rest.length);
    return out;
  }

  private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
    try {
      latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A protobuf {@code Message} with only {@code type} and {@code key}, written by hand (fields 1
   * and 2).
   */
  private static byte[] withKey(MessageType type, byte[] key) {
    byte[] out = new byte[4 + key.length];
    out[0] = 0x08;
    out[1] = (byte) type.code();
    out[2] = 0x12;
    out[3] = (byte) key.length;
    System.arraycopy(key, 0, out, 4, key.length);
    return out;
  }
}

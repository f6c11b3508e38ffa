package io.reactivedht.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.CaffeineValueStore;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.record.ValueStore;
import io.reactivedht.core.record.ValueStoreOptions;
import io.reactivedht.core.validation.NamespacedValidator;
import io.reactivedht.core.validation.Validator;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.core.wire.DhtResponse.FindNodeResponse;
import io.reactivedht.reactor.routing.RoutingSnapshot;
import io.reactivedht.reactor.spi.RequestHandler;
import io.reactivedht.reactor.state.NodeState;
import io.reactivedht.reactor.testing.DelegatingValueStore;
import io.reactivedht.reactor.testing.ScriptedTransport;
import io.reactivedht.reactor.testing.TestPeers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/** What a node keeps in its {@link NodeState}, and how it calls stores that block on I/O. */
class DhtNodeStateTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
  private final PeerInfo self = TestPeers.peer(-1);
  private final NodeState state = NodeState.inMemory();

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

  @AfterEach
  void stop() {
    clock.dispose();
  }

  @Test
  void providedCidsAndPublishedRecordsAreWrittenToTheStateAsTheyChange() {
    Dht dht = node(new ScriptedTransport(self.id())).build();
    dht.start().block(TIMEOUT);

    dht.provide(cid(1)).block(TIMEOUT);
    dht.provide(cid(2)).block(TIMEOUT);
    dht.stopProviding(cid(1)).block(TIMEOUT);
    dht.putValue(key("a"), bytes("one")).block(TIMEOUT);

    assertThat(state.provided()).containsExactly(cid(2));
    assertThat(state.published()).containsExactly(Record.of(key("a"), bytes("one")));
  }

  @Test
  void aNodeBuiltOnAStateReprovidesAndRepublishesWhatTheLastOneDid() {
    state.addProvided(cid(3));
    state.putPublished(key("b"), bytes("two"));
    ScriptedTransport transport = new ScriptedTransport(self.id());
    ValueStore values = caffeine();
    Dht dht = node(transport).valueStore(values).build();
    dht.start().block(TIMEOUT);

    clock.advanceTimeBy(dht.options().republishInterval().plusSeconds(1));
    clock.advanceTimeBy(dht.options().reprovideInterval().plusSeconds(1));

    assertThat(values.get(key("b")).map(Record::value)).contains(bytes("two"));
    assertThat(dht.findProviders(cid(3)).map(PeerInfo::id).collectList().block(TIMEOUT))
        .contains(self.id());
  }

  @Test
  void theRoutingTableIsSavedEveryMinuteAndAtCloseAndRestoredFromTheState() {
    List<PeerInfo> peers = TestPeers.peers(5, 9);
    ScriptedTransport transport = new ScriptedTransport(self.id());
    for (PeerInfo peer : peers) { // they answer the refresh lookups, and so stay in the table
      transport.remote(peer, (from, request) -> Mono.just(new FindNodeResponse(List.of())));
    }
    Dht dht = node(transport).restore(snapshot(peers)).build();
    dht.start().block(TIMEOUT);
    assertThat(state.routingSnapshot().peers()).isEmpty();

    clock.advanceTimeBy(Dht.ROUTING_SNAPSHOT_INTERVAL);
    assertThat(ids(state.routingSnapshot().peers()))
        .containsExactlyInAnyOrderElementsOf(ids(peers));

    state.saveRoutingSnapshot(RoutingSnapshot.EMPTY);
    dht.close().block(TIMEOUT);
    assertThat(ids(state.routingSnapshot().peers()))
        .containsExactlyInAnyOrderElementsOf(ids(peers));

    Dht next = node(new ScriptedTransport(self.id())).build();
    next.start().block(TIMEOUT);
    assertThat(next.routingTablePeers()).containsExactlyInAnyOrderElementsOf(ids(peers));
  }

  @Test
  void aStoreThatBlocksOnIoIsNeverCalledOnTheCallersThread() {
    List<String> threads = new CopyOnWriteArrayList<>();
    ScriptedTransport transport = new ScriptedTransport(self.id());
    Dht dht = node(transport).valueStore(new BlockingStore(caffeine(), threads::add)).build();
    dht.start().block(TIMEOUT);
    RequestHandler served = Objects.requireNonNull(transport.served());

    DhtResponse answer =
        served.handle(TestPeers.peer(5).id(), new DhtRequest.GetValue(key("c"))).block(TIMEOUT);
    dht.putValue(key("d"), bytes("four")).block(TIMEOUT);

    assertThat(answer).isInstanceOf(DhtResponse.GetValueResponse.class);
    assertThat(threads).isNotEmpty().allMatch(name -> name.startsWith("dht-store-io"));
    dht.close().block(TIMEOUT);
  }

  @Test
  void aWriteIsStoredEvenWhenTheRequesterStopsWaitingBeforeTheStoreGotToIt() throws Exception {
    ScriptedTransport transport = new ScriptedTransport(self.id());
    ValueStore values = caffeine();
    Scheduler storeIo = Schedulers.newSingle("test-store-io");
    try {
      Dht dht =
          node(transport)
              .valueStore(new BlockingStore(values, name -> {}))
              .storeScheduler(storeIo)
              .build();
      dht.start().block(TIMEOUT);
      CountDownLatch busy = new CountDownLatch(1);
      storeIo.schedule(() -> awaitQuietly(busy)); // the store thread is busy: the put waits
      Record record = Record.of(key("e"), bytes("five"));

      Objects.requireNonNull(transport.served())
          .handle(TestPeers.peer(5).id(), new DhtRequest.PutValue(record))
          .subscribe()
          .dispose(); // as a peer that closes its stream at once (ADD_PROVIDER has no answer)
      busy.countDown();

      CountDownLatch done = new CountDownLatch(1);
      storeIo.schedule(done::countDown);
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(values.get(key("e")).map(Record::value)).contains(bytes("five"));
    } finally {
      storeIo.dispose();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Dht.Builder node(ScriptedTransport transport) {
    return Dht.builder(transport).scheduler(clock).validator(VALIDATOR).nodeState(state);
  }

  private ValueStore caffeine() {
    return new CaffeineValueStore(
        ValueStoreOptions.DEFAULTS, () -> clock.now(TimeUnit.NANOSECONDS));
  }

  private static RoutingSnapshot snapshot(List<PeerInfo> peers) {
    return new RoutingSnapshot(peers, Map.of());
  }

  private static List<PeerId> ids(List<PeerInfo> peers) {
    return peers.stream().map(PeerInfo::id).toList();
  }

  private static Cid cid(int i) {
    return Cid.v1(Cid.RAW, Multihash.sha256(bytes("content " + i)));
  }

  private static byte[] key(String name) {
    return bytes("/test/" + name);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A store that says it blocks on I/O and reports the thread of every call that touches it. */
  private static final class BlockingStore extends DelegatingValueStore {
    private final Consumer<String> thread;

    BlockingStore(ValueStore inner, Consumer<String> thread) {
      super(inner);
      this.thread = thread;
    }

    private void called() {
      thread.accept(Thread.currentThread().getName());
    }

    @Override
    public boolean put(Record record) {
      called();
      return super.put(record);
    }

    @Override
    public Optional<Record> get(byte[] key) {
      called();
      return super.get(key);
    }

    @Override
    public void remove(byte[] key) {
      called();
      super.remove(key);
    }

    @Override
    public void cleanUp() {
      called();
      super.cleanUp();
    }

    @Override
    public boolean blocksOnIo() {
      return true;
    }
  }
}

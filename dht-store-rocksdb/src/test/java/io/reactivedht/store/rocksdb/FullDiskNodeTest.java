package io.reactivedht.store.rocksdb;

import static io.reactivedht.store.rocksdb.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.record.ValueStoreOptions;
import io.reactivedht.core.validation.NamespacedValidator;
import io.reactivedht.core.validation.Validator;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.reactor.spi.RequestHandler;
import io.reactivedht.reactor.spi.TransportEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A node whose datastore's disk is full: a PUT_VALUE fails with the typed {@link
 * DatastoreFullException} (costing its sender only that request), and the node goes on answering
 * GET_VALUE from what it stored and FIND_NODE.
 */
class FullDiskNodeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final PeerId ASKER = Fixtures.peer(1);

  /** Accepts any value under {@code /pk/}: this test is about the disk, not the records. */
  private static final NamespacedValidator ANY_PK =
      NamespacedValidator.of(
          Map.of(
              "pk",
              new Validator() {
                @Override
                public void validate(Record record, Instant now) {}

                @Override
                public int select(byte[] key, List<byte[]> values) {
                  return 0;
                }
              }));

  @TempDir Path dir;

  @Test
  void writesFailTypedWhileTheNodeGoesOnServingWhatItHas() {
    DatastoreOptions options =
        DatastoreOptions.DEFAULTS
            .withValues(ValueStoreOptions.DEFAULTS.withMaxRecords(1_000_000).withMaxBytes(1L << 30))
            .withMaxDiskBytes(256 << 10);
    try (RocksDatastore store = RocksDatastore.open(dir.resolve("data"), options)) {
      Record first = record(0, 1_000, Instant.now());
      assertThat(store.values().put(first)).isTrue();
      fill(store);
      CapturingTransport transport = new CapturingTransport();
      Dht dht =
          Dht.builder(transport)
              .validator(ANY_PK)
              .valueStore(store.values())
              .providerStore(store.providers())
              .nodeState(store.nodeState())
              .build();
      dht.start().block(TIMEOUT);
      RequestHandler served = Objects.requireNonNull(transport.served);

      Record fresh = Record.of(Fixtures.recordKey(-1), new byte[100]);
      assertThatThrownBy(() -> served.handle(ASKER, new DhtRequest.PutValue(fresh)).block(TIMEOUT))
          .isInstanceOf(DatastoreFullException.class);

      DhtResponse get = served.handle(ASKER, new DhtRequest.GetValue(first.key())).block(TIMEOUT);
      assertThat(get)
          .isInstanceOfSatisfying(
              DhtResponse.GetValueResponse.class,
              r -> assertThat(Objects.requireNonNull(r.record()).value()).isEqualTo(first.value()));
      assertThat(served.handle(ASKER, new DhtRequest.FindNode(new byte[32])).block(TIMEOUT))
          .isInstanceOf(DhtResponse.FindNodeResponse.class);
      dht.close()
          .block(
              TIMEOUT); // saving the table fails on the full disk, quietly: the next save retries
    }
  }

  /** Writes records until the disk bound refuses one. */
  private static void fill(RocksDatastore store) {
    for (int i = 1; i < 20_000; i++) {
      try {
        store.values().put(record(i, 1_000, Instant.now()));
      } catch (DatastoreFullException full) {
        return;
      }
    }
    throw new AssertionError("the disk bound never refused a write");
  }

  /** A transport that only keeps the handler the node serves with. */
  private static final class CapturingTransport implements DhtTransport {
    private final PeerId self = Fixtures.peer(0);
    private @Nullable RequestHandler served;

    @Override
    public PeerId localPeer() {
      return self;
    }

    @Override
    public List<Multiaddr> listenAddresses() {
      return List.of(Fixtures.address(0));
    }

    @Override
    public Mono<DhtResponse> send(PeerInfo peer, DhtRequest request) {
      return Mono.error(new IllegalStateException("this test sends nothing"));
    }

    @Override
    public void serve(@Nullable RequestHandler handler) {
      this.served = handler;
    }

    @Override
    public Flux<TransportEvent> events() {
      return Flux.never();
    }

    @Override
    public List<Multiaddr> addressesOf(PeerId peer) {
      return List.of();
    }

    @Override
    public Mono<Void> close() {
      return Mono.empty();
    }
  }
}

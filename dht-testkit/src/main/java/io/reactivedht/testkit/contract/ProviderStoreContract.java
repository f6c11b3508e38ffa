package io.reactivedht.testkit.contract;

import static io.reactivedht.testkit.contract.StoreFixtures.address;
import static io.reactivedht.testkit.contract.StoreFixtures.peer;
import static io.reactivedht.testkit.contract.StoreFixtures.providerKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.record.ProviderRecord;
import io.reactivedht.core.record.ProviderStore;
import io.reactivedht.core.record.ProviderStoreOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ProviderStore} must have, as JUnit 5 tests: extend it once per
 * implementation and supply {@link #newStore}. The store must read time from the given ticker.
 */
public abstract class ProviderStoreContract {
  /** The spec's provider record validity. */
  @SuppressWarnings("CanonicalDuration") // the spec says 48 hours
  static final Duration SPEC_PROVIDER_TTL = Duration.ofHours(48);

  /** The spec's provider address TTL. */
  static final Duration SPEC_ADDRESS_TTL = Duration.ofHours(24);

  static final Duration NANO = Duration.ofNanos(1);

  final FakeTicker ticker = new FakeTicker();

  /** For subclasses. */
  protected ProviderStoreContract() {}

  /**
   * A new empty store with {@code options}, reading time from {@code ticker}.
   *
   * @param options the bounds the store must keep
   * @param ticker the time, in nanoseconds since the Unix epoch (as {@link
   *     io.reactivedht.core.record.CaffeineProviderStore} reads it); the tests move it
   * @return the store under test
   */
  protected abstract ProviderStore newStore(ProviderStoreOptions options, Ticker ticker);

  ProviderStore store() {
    return newStore(ProviderStoreOptions.DEFAULTS, ticker);
  }

  ProviderRecord receivedNow(int key, int peer, Multiaddr... addresses) {
    return receivedAt(ticker.now(), key, peer, addresses);
  }

  static ProviderRecord receivedAt(Instant when, int key, int peer, Multiaddr... addresses) {
    return new ProviderRecord(providerKey(key), peer(peer), List.of(addresses), when);
  }

  static List<PeerId> providerIds(List<ProviderRecord> records) {
    return records.stream().map(ProviderRecord::provider).toList();
  }

  @Test
  void providersReturnsWhatWasAdded() {
    ProviderStore store = store();
    ProviderRecord record = receivedNow(1, 1, address(1), address(2));
    assertThat(store.add(record)).isTrue();
    assertThat(store.providers(providerKey(1))).containsExactly(record);
  }

  @Test
  void anUnknownKeyHasNoProviders() {
    assertThat(store().providers(providerKey(1))).isEmpty();
  }

  @Test
  void addingAgainReplacesThatProvidersEntry() {
    ProviderStore store = store();
    store.add(receivedNow(1, 1, address(1)));
    ticker.advance(Duration.ofHours(1));
    ProviderRecord again = receivedNow(1, 1, address(2));
    assertThat(store.add(again)).isTrue();
    assertThat(store.providers(providerKey(1))).containsExactly(again);
  }

  @Test
  void providersComeInTheOrderTheyFirstArrived() {
    ProviderStore store = store();
    store.add(receivedNow(1, 1, address(1)));
    store.add(receivedNow(1, 2, address(2)));
    store.add(receivedNow(1, 3, address(3)));
    store.add(receivedNow(1, 1, address(4)));
    assertThat(providerIds(store.providers(providerKey(1))))
        .containsExactly(peer(1), peer(2), peer(3));
  }

  @Test
  void keysAreIndependentAndCountedOnce() {
    ProviderStore store = store();
    store.add(receivedNow(1, 1, address(1)));
    store.add(receivedNow(1, 2, address(2)));
    store.add(receivedNow(2, 1, address(1)));
    assertThat(providerIds(store.providers(providerKey(1)))).containsExactly(peer(1), peer(2));
    assertThat(providerIds(store.providers(providerKey(2)))).containsExactly(peer(1));
    assertThat(store.keyCount()).isEqualTo(2);
  }

  @Test
  void removeDropsOnlyThatProviderOfThatKey() {
    ProviderStore store = store();
    store.add(receivedNow(1, 1, address(1)));
    store.add(receivedNow(1, 2, address(2)));
    store.add(receivedNow(2, 1, address(1)));
    store.remove(providerKey(1), peer(1));
    store.remove(providerKey(1), peer(9)); // unknown provider: no effect
    store.remove(providerKey(9), peer(1)); // unknown key: no effect
    assertThat(providerIds(store.providers(providerKey(1)))).containsExactly(peer(2));
    assertThat(providerIds(store.providers(providerKey(2)))).containsExactly(peer(1));
    store.remove(providerKey(1), peer(2));
    assertThat(store.providers(providerKey(1))).isEmpty();
    assertThat(store.keyCount()).isEqualTo(1);
  }

  @Test
  void addressesLastTheAddressTtlAndTheProviderTheProviderTtl() {
    ProviderStore store = store();
    ProviderRecord record = receivedNow(1, 1, address(1), address(2));
    store.add(record);
    ticker.advance(SPEC_ADDRESS_TTL.minus(NANO));
    assertThat(store.providers(providerKey(1))).containsExactly(record);
    ticker.advance(NANO);
    assertThat(store.providers(providerKey(1)))
        .containsExactly(new ProviderRecord(providerKey(1), peer(1), List.of(), FakeTicker.START));
    ticker.advance(SPEC_PROVIDER_TTL.minus(SPEC_ADDRESS_TTL).minus(NANO));
    assertThat(providerIds(store.providers(providerKey(1)))).containsExactly(peer(1));
    ticker.advance(NANO);
    assertThat(store.providers(providerKey(1))).isEmpty();
  }

  @Test
  void providingAgainRestartsBothClocks() {
    ProviderStore store = store();
    store.add(receivedNow(1, 1, address(1)));
    ticker.advance(Duration.ofHours(22)); // the spec's republish interval
    ProviderRecord again = receivedNow(1, 1, address(1));
    store.add(again);
    ticker.advance(SPEC_ADDRESS_TTL.minus(NANO));
    assertThat(store.providers(providerKey(1))).containsExactly(again);
    ticker.advance(SPEC_PROVIDER_TTL.minus(SPEC_ADDRESS_TTL));
    assertThat(store.providers(providerKey(1)))
        .containsExactly(new ProviderRecord(providerKey(1), peer(1), List.of(), again.received()));
    ticker.advance(NANO);
    assertThat(store.providers(providerKey(1))).isEmpty();
  }

  @Test
  void ageCountsFromReceivedNotFromTheAdd() {
    ProviderStore store = store();
    Instant received = ticker.now().minus(Duration.ofHours(47));
    assertThat(store.add(receivedAt(received, 1, 1, address(1)))).isTrue();
    assertThat(store.providers(providerKey(1)))
        .containsExactly(new ProviderRecord(providerKey(1), peer(1), List.of(), received));
    ticker.advance(Duration.ofHours(1));
    assertThat(store.providers(providerKey(1))).isEmpty();
  }

  @Test
  void aRecordAlreadyAtTheProviderTtlIsRefusedAndChangesNothing() {
    ProviderStore store = store();
    ProviderRecord live = receivedNow(1, 1, address(1));
    store.add(live);
    assertThat(store.add(receivedAt(ticker.now().minus(SPEC_PROVIDER_TTL), 1, 1, address(2))))
        .isFalse();
    assertThat(store.providers(providerKey(1))).containsExactly(live);
  }

  @Test
  void aFullKeyLetsItsProvidersRefreshInPlace() {
    ProviderStore store = newStore(ProviderStoreOptions.DEFAULTS.withMaxProvidersPerKey(3), ticker);
    for (int p = 1; p <= 3; p++) {
      assertThat(store.add(receivedNow(1, p, address(p)))).isTrue();
    }
    ticker.advance(Duration.ofMinutes(1));
    ProviderRecord refreshed = receivedNow(1, 2, address(9));
    assertThat(store.add(refreshed)).isTrue();
    assertThat(store.providers(providerKey(1)))
        .hasSize(3)
        .contains(refreshed)
        .extracting(ProviderRecord::provider)
        .containsExactly(peer(1), peer(2), peer(3));
  }

  @Test
  void aFullKeyKeepsTheFreshestSoEarlyArrivalsCannotSquatIt() {
    ProviderStore store = newStore(ProviderStoreOptions.DEFAULTS.withMaxProvidersPerKey(3), ticker);
    for (int p = 1; p <= 3; p++) {
      store.add(receivedNow(1, p, address(p)));
      ticker.advance(Duration.ofMinutes(1));
    }
    store.add(receivedNow(1, 1, address(1))); // peer 1 refreshed: peer 2 is now the stalest

    assertThat(store.add(receivedNow(1, 4, address(4)))).isTrue();

    assertThat(providerIds(store.providers(providerKey(1))))
        .containsExactly(peer(1), peer(3), peer(4));
  }

  @Test
  void aFullKeyRefusesANewcomerNoFresherThanItsStalestEntry() {
    ProviderStore store = newStore(ProviderStoreOptions.DEFAULTS.withMaxProvidersPerKey(2), ticker);
    Instant start = ticker.now();
    store.add(receivedNow(1, 1, address(1)));
    ticker.advance(Duration.ofMinutes(1));
    store.add(receivedNow(1, 2, address(2)));

    assertThat(store.add(receivedAt(start, 1, 3, address(3)))).isFalse();
    assertThat(providerIds(store.providers(providerKey(1)))).containsExactly(peer(1), peer(2));
  }

  @Test
  void oneProviderFillsAtMostItsShareOfKeys() {
    ProviderStore store = newStore(ProviderStoreOptions.DEFAULTS.withMaxKeysPerProvider(3), ticker);
    for (int key = 1; key <= 3; key++) {
      assertThat(store.add(receivedNow(key, 1, address(1)))).isTrue();
    }

    assertThat(store.add(receivedNow(4, 1, address(1)))).as("a fourth key").isFalse();
    assertThat(store.add(receivedNow(2, 1, address(2)))).as("a refresh").isTrue();
    assertThat(store.add(receivedNow(4, 2, address(2)))).as("another provider").isTrue();
    assertThat(store.providers(providerKey(4)))
        .extracting(ProviderRecord::provider)
        .containsExactly(peer(2));
  }

  @Test
  void aProviderRegainsItsShareAsItsEntriesGo() {
    ProviderStore store =
        newStore(
            ProviderStoreOptions.DEFAULTS.withMaxKeysPerProvider(2).withMaxProvidersPerKey(1),
            ticker);
    store.add(receivedNow(1, 1, address(1)));
    store.add(receivedNow(2, 1, address(1)));
    ticker.advance(Duration.ofMinutes(1));

    store.remove(providerKey(1), peer(1));
    assertThat(store.add(receivedNow(3, 1, address(1)))).as("after a removal").isTrue();
    ticker.advance(Duration.ofMinutes(1));
    assertThat(store.add(receivedNow(3, 2, address(2))))
        .as("fresher: takes peer 1's place")
        .isTrue();
    assertThat(store.add(receivedNow(4, 1, address(1)))).as("after a replacement").isTrue();
    ticker.advance(SPEC_PROVIDER_TTL);
    store.cleanUp();
    for (int key = 5; key <= 6; key++) {
      assertThat(store.add(receivedNow(key, 1, address(1))))
          .as("after expiry, key " + key)
          .isTrue();
    }
    assertThat(store.add(receivedNow(7, 1, address(1)))).as("at the bound again").isFalse();
  }

  @Test
  void aFullKeyTakesANewcomerOnceAnEntryExpires() {
    ProviderStore store = newStore(ProviderStoreOptions.DEFAULTS.withMaxProvidersPerKey(3), ticker);
    store.add(receivedNow(1, 1, address(1)));
    ticker.advance(Duration.ofHours(1));
    store.add(receivedNow(1, 2, address(2)));
    store.add(receivedNow(1, 3, address(3)));
    ticker.advance(SPEC_PROVIDER_TTL.minus(Duration.ofHours(1)));
    assertThat(store.add(receivedNow(1, 4, address(4)))).isTrue();
    assertThat(providerIds(store.providers(providerKey(1))))
        .containsExactly(peer(2), peer(3), peer(4));
  }

  @Test
  void aFullKeyTakesANewcomerOnceAnEntryIsRemoved() {
    ProviderStore store = newStore(ProviderStoreOptions.DEFAULTS.withMaxProvidersPerKey(2), ticker);
    store.add(receivedNow(1, 1, address(1)));
    store.add(receivedNow(1, 2, address(2)));
    store.remove(providerKey(1), peer(1));
    assertThat(store.add(receivedNow(1, 3, address(3)))).isTrue();
    assertThat(providerIds(store.providers(providerKey(1)))).containsExactly(peer(2), peer(3));
  }

  @Test
  void anEntryKeepsTheFirstDistinctAddressesUpToTheBound() {
    ProviderStore store =
        newStore(ProviderStoreOptions.DEFAULTS.withMaxAddressesPerProvider(2), ticker);
    store.add(receivedNow(1, 1, address(1), address(1), address(2), address(3)));
    assertThat(store.providers(providerKey(1)).get(0).addresses())
        .containsExactly(address(1), address(2));
  }

  @Test
  void cleanUpForgetsExpiredKeys() {
    ProviderStore store = store();
    store.add(receivedNow(1, 1, address(1)));
    store.add(receivedNow(2, 1, address(1)));
    ticker.advance(SPEC_PROVIDER_TTL.plusMinutes(1));
    store.cleanUp();
    assertThat(store.keyCount()).isZero();
  }

  @Test
  void theKeyBoundEvictsRatherThanGrows() {
    ProviderStore store =
        newStore(ProviderStoreOptions.DEFAULTS.withMaxKeys(10).withMaxBytes(10 * 1024), ticker);
    for (int k = 0; k < 100; k++) {
      assertThat(store.add(receivedNow(k, 1, address(1)))).isTrue();
    }
    store.cleanUp();
    assertThat(store.keyCount()).isBetween(1L, 10L);
  }

  @Test
  void theByteBoundEvictsRatherThanGrows() {
    ProviderStore store =
        newStore(ProviderStoreOptions.DEFAULTS.withMaxKeys(1000).withMaxBytes(2_000), ticker);
    Multiaddr[] addresses = new Multiaddr[32];
    for (int i = 0; i < addresses.length; i++) {
      addresses[i] = address(i);
    }
    for (int k = 0; k < 50; k++) {
      assertThat(store.add(receivedNow(k, 1, addresses)))
          .isTrue(); // 34 + 34 + 32 * 8 = 324 bytes a key
    }
    store.cleanUp();
    long held = 0;
    int keys = 0;
    for (int k = 0; k < 50; k++) {
      for (ProviderRecord r : store.providers(providerKey(k))) {
        keys++;
        held += r.key().length + r.provider().bytes().length;
        for (Multiaddr a : r.addresses()) {
          held += a.bytes().length;
        }
      }
    }
    assertThat(held).isBetween(1L, 2_000L);
    assertThat(keys).isBetween(1, 6);
  }

  @Test
  void theStoreKeepsItsOwnCopies() {
    ProviderStore store = store();
    byte[] key = providerKey(1);
    List<Multiaddr> addresses = new ArrayList<>(List.of(address(1)));
    store.add(new ProviderRecord(key, peer(1), addresses, ticker.now()));
    key[0] = 0;
    addresses.add(address(2));
    List<ProviderRecord> served = store.providers(providerKey(1));
    assertThat(served.get(0).addresses()).containsExactly(address(1));
    assertThat(served.get(0).key()).isEqualTo(providerKey(1));
    served.get(0).key()[0] = 0;
    assertThat(store.providers(providerKey(1)).get(0).key()).isEqualTo(providerKey(1));
    assertThat(store.providers(key)).isEmpty();
    assertThatThrownBy(() -> served.add(receivedNow(1, 2)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void concurrentAddsToOneKeyRespectTheBound() throws Exception {
    ProviderStore store = store();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    store.add(receivedNow(1, thread * 100 + i, address(1)));
                    store.add(
                        receivedNow(
                            1, thread * 100 + i, address(2))); // a refresh, or refused again
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    List<PeerId> providers = providerIds(store.providers(providerKey(1)));
    assertThat(providers).hasSize(20).doesNotHaveDuplicates();
    assertThat(store.providers(providerKey(1)))
        .allSatisfy(r -> assertThat(r.addresses()).containsExactly(address(2)));
  }
}

package io.reactivedht.core.record;

import static io.reactivedht.core.record.StoreFixtures.address;
import static io.reactivedht.core.record.StoreFixtures.peer;
import static io.reactivedht.core.record.StoreFixtures.providerKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.multiaddr.Multiaddr;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * What the Caffeine provider store does beyond the {@link ProviderStoreContract}: the default
 * per-key bound, weights, memory. Sizes used below: a provider key and a sha2-256 peer id are 34
 * bytes each, {@code /ip4/../tcp/..} is 8.
 */
class CaffeineProviderStoreTest {
  /**
   * Caffeine frees expired entries at the resolution of its timer wheel, 2^30 ns; reads are exact.
   */
  static final Duration TIMER_WHEEL_RESOLUTION = Duration.ofSeconds(2);

  final FakeTicker ticker = new FakeTicker();

  /** Options whose weight floor is 1, so the weight is the bytes held. */
  static final ProviderStoreOptions EXACT_WEIGHTS =
      ProviderStoreOptions.DEFAULTS.withMaxKeys(1_000).withMaxBytes(1_000);

  ProviderRecord receivedNow(int key, int peer, int addressCount) {
    List<Multiaddr> addresses =
        IntStream.range(0, addressCount).mapToObj(StoreFixtures::address).toList();
    return new ProviderRecord(providerKey(key), peer(peer), addresses, ticker.now());
  }

  @Test
  void byDefaultAKeyKeepsTwentyProviders() {
    CaffeineProviderStore store = new CaffeineProviderStore(ticker);
    // all received at one instant: no newcomer is fresher than an entry, so the first twenty stay
    for (int p = 0; p < 25; p++) {
      assertThat(store.add(receivedNow(1, p, 1))).isEqualTo(p < 20);
    }
    assertThat(store.providers(providerKey(1)))
        .extracting(ProviderRecord::provider)
        .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(StoreFixtures::peer).toList());
  }

  @Test
  void evictedAndExpiredKeysGiveTheirProvidersTheirShareBack() {
    CaffeineProviderStore store =
        new CaffeineProviderStore(
            ProviderStoreOptions.DEFAULTS.withMaxKeys(10).withMaxBytes(10 * 1024), ticker);
    for (int key = 0; key < 100; key++) {
      store.add(receivedNow(key, 1, 1));
    }
    store.cleanUp();
    long held =
        IntStream.range(0, 100).filter(key -> !store.providers(providerKey(key)).isEmpty()).count();

    assertThat(held).isLessThanOrEqualTo(10);
    assertThat(store.keysOf(peer(1))).isEqualTo(held);

    ticker.advance(ProviderStoreOptions.DEFAULTS.providerTtl().plus(TIMER_WHEEL_RESOLUTION));
    store.cleanUp();
    assertThat(store.keysOf(peer(1))).isZero();
  }

  @Test
  void aKeyWeighsItsKeyAndItsEntries() {
    CaffeineProviderStore store = new CaffeineProviderStore(EXACT_WEIGHTS, ticker);
    store.add(receivedNow(1, 1, 10));
    assertThat(store.weightedSize()).isEqualTo(34 + (34 + 34 + 10 * 8));
  }

  @Test
  void cleanUpFreesAddressesPastTheirTtl() {
    CaffeineProviderStore store = new CaffeineProviderStore(EXACT_WEIGHTS, ticker);
    store.add(receivedNow(1, 1, 10));
    ticker.advance(Duration.ofHours(24));
    store.cleanUp();
    assertThat(store.weightedSize()).isEqualTo(34 + (34 + 34));
    assertThat(store.providers(providerKey(1)).get(0).addresses()).isEmpty();
  }

  @Test
  void cleanUpFreesExpiredProvidersOfAKeyThatStaysLive() {
    CaffeineProviderStore store = new CaffeineProviderStore(EXACT_WEIGHTS, ticker);
    store.add(receivedNow(1, 1, 1));
    ticker.advance(Duration.ofHours(25));
    store.add(receivedNow(1, 2, 1));
    assertThat(store.weightedSize()).isEqualTo(34 + 2 * (34 + 34 + 8));
    ticker.advance(Duration.ofHours(23));
    store.cleanUp();
    assertThat(store.weightedSize()).isEqualTo(34 + (34 + 34 + 8));
    assertThat(store.providers(providerKey(1)))
        .extracting(ProviderRecord::provider)
        .containsExactly(peer(2));
  }

  @Test
  void cleanUpFreesAKeyOnceItsNewestProviderExpires() {
    CaffeineProviderStore store = new CaffeineProviderStore(EXACT_WEIGHTS, ticker);
    store.add(receivedNow(1, 1, 1));
    ticker.advance(Duration.ofHours(1));
    store.add(receivedNow(1, 2, 1));
    ticker.advance(Duration.ofHours(48).minusNanos(1));
    store.cleanUp();
    assertThat(store.keyCount()).isEqualTo(1);
    assertThat(store.weightedSize())
        .isEqualTo(34 + (34 + 34)); // provider 1 gone, provider 2 without addresses
    ticker.advance(Duration.ofNanos(1));
    assertThat(store.providers(providerKey(1))).isEmpty();
    ticker.advance(TIMER_WHEEL_RESOLUTION);
    store.cleanUp();
    assertThat(store.keyCount()).isZero();
    assertThat(store.weightedSize()).isZero();
  }

  @Property(seed = "42", tries = 50)
  void allBoundsHoldAfterEveryAdd(
      @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 9_999) Integer> adds) {
    ProviderStoreOptions options =
        ProviderStoreOptions.DEFAULTS
            .withMaxKeys(8)
            .withMaxBytes(3_000)
            .withMaxProvidersPerKey(4)
            .withMaxAddressesPerProvider(5);
    CaffeineProviderStore store = new CaffeineProviderStore(options, ticker);
    for (int add : adds) { // digits: key, provider, address count, hours to wait
      ticker.advance(Duration.ofHours(add % 10));
      store.add(receivedNow(add / 1000, add / 100 % 10, add / 10 % 10));
      assertThat(store.keyCount()).isLessThanOrEqualTo(8);
      assertThat(store.weightedSize()).isLessThanOrEqualTo(3_000);
      for (int k = 0; k < 10; k++) {
        List<ProviderRecord> providers = store.providers(providerKey(k));
        assertThat(providers).hasSizeLessThanOrEqualTo(4);
        assertThat(providers)
            .allSatisfy(r -> assertThat(r.addresses()).hasSizeLessThanOrEqualTo(5));
      }
    }
  }

  @Test
  void theTickerOnlyConstructorUsesTheSpecTtls() {
    CaffeineProviderStore store = new CaffeineProviderStore(ticker);
    store.add(receivedNow(1, 1, 1));
    ticker.advance(Duration.ofHours(24).minusNanos(1));
    assertThat(store.providers(providerKey(1)).get(0).addresses()).containsExactly(address(0));
    ticker.advance(Duration.ofHours(24));
    assertThat(store.providers(providerKey(1)).get(0).addresses()).isEmpty();
    ticker.advance(Duration.ofNanos(1));
    assertThat(store.providers(providerKey(1))).isEmpty();
  }
}

package io.reactivedht.core.record;

import com.github.benmanes.caffeine.cache.Ticker;
import io.reactivedht.testkit.contract.ProviderStoreContract;

/** The {@link ProviderStore} contract, run against {@link CaffeineProviderStore}. */
class CaffeineProviderStoreContractTest extends ProviderStoreContract {
  @Override
  protected ProviderStore newStore(ProviderStoreOptions options, Ticker ticker) {
    return new CaffeineProviderStore(options, ticker);
  }
}

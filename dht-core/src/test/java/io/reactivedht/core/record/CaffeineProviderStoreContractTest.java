package io.reactivedht.core.record;

/** The {@link ProviderStore} contract, run against {@link CaffeineProviderStore}. */
class CaffeineProviderStoreContractTest extends ProviderStoreContract {
  @Override
  ProviderStore newStore(ProviderStoreOptions options, FakeTicker ticker) {
    return new CaffeineProviderStore(options, ticker);
  }
}

package io.reactivedht.core.record;

/** The {@link ValueStore} contract, run against {@link CaffeineValueStore}. */
class CaffeineValueStoreContractTest extends ValueStoreContract {
  @Override
  ValueStore newStore(ValueStoreOptions options, FakeTicker ticker) {
    return new CaffeineValueStore(options, ticker);
  }
}

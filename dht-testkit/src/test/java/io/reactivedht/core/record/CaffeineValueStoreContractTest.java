package io.reactivedht.core.record;

import com.github.benmanes.caffeine.cache.Ticker;
import io.reactivedht.testkit.contract.ValueStoreContract;

/** The {@link ValueStore} contract, run against {@link CaffeineValueStore}. */
class CaffeineValueStoreContractTest extends ValueStoreContract {
  @Override
  protected ValueStore newStore(ValueStoreOptions options, Ticker ticker) {
    return new CaffeineValueStore(options, ticker);
  }
}

package consumer;

import com.github.benmanes.caffeine.cache.Ticker;
import io.reactivedht.core.record.CaffeineValueStore;
import io.reactivedht.core.record.ValueStore;
import io.reactivedht.core.record.ValueStoreOptions;
import io.reactivedht.testkit.contract.ValueStoreContract;

/** A user's store checked by the test kit's contract (the library's own store stands in for it). */
class StoreContractTest extends ValueStoreContract {
  @Override
  protected ValueStore newStore(ValueStoreOptions options, Ticker ticker) {
    return new CaffeineValueStore(options, ticker);
  }
}

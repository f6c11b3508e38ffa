package io.reactivedht.store.rocksdb;

import com.github.benmanes.caffeine.cache.Ticker;
import io.reactivedht.core.record.ProviderStore;
import io.reactivedht.core.record.ProviderStoreOptions;
import io.reactivedht.testkit.contract.ProviderStoreContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The provider store contract, against {@link RocksDatastore#providers()} in a fresh directory. */
class RocksProviderStoreContractTest extends ProviderStoreContract {
  @TempDir Path dir;

  private final List<RocksDatastore> opened = new ArrayList<>();

  @Override
  protected ProviderStore newStore(ProviderStoreOptions options, Ticker ticker) {
    RocksDatastore store =
        RocksDatastore.open(
            dir.resolve("store-" + opened.size()),
            DatastoreOptions.DEFAULTS.withProviders(options).withTicker(ticker));
    opened.add(store);
    return store.providers();
  }

  @AfterEach
  void close() {
    opened.forEach(RocksDatastore::close);
  }
}

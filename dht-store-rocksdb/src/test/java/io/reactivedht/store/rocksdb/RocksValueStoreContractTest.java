package io.reactivedht.store.rocksdb;

import com.github.benmanes.caffeine.cache.Ticker;
import io.reactivedht.core.record.ValueStore;
import io.reactivedht.core.record.ValueStoreOptions;
import io.reactivedht.testkit.contract.ValueStoreContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The value store contract, against {@link RocksDatastore#values()} in a fresh directory. */
class RocksValueStoreContractTest extends ValueStoreContract {
  @TempDir Path dir;

  private final List<RocksDatastore> opened = new ArrayList<>();

  @Override
  protected ValueStore newStore(ValueStoreOptions options, Ticker ticker) {
    RocksDatastore store =
        RocksDatastore.open(
            dir.resolve("store-" + opened.size()),
            DatastoreOptions.DEFAULTS.withValues(options).withTicker(ticker));
    opened.add(store);
    return store.values();
  }

  @AfterEach
  void close() {
    opened.forEach(RocksDatastore::close);
  }
}

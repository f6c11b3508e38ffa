package io.reactivedht.store.rocksdb;

import static io.reactivedht.store.rocksdb.Fixtures.provider;
import static io.reactivedht.store.rocksdb.Fixtures.record;

import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import java.nio.file.Path;

/**
 * The process {@link ProcessCrashTest} kills: opens the datastore in {@code args[0]}, writes {@code
 * args[1]} records, providers and provided cids, says {@code written} and waits to be killed.
 */
public final class CrashWriter {
  private CrashWriter() {}

  /**
   * Writes, then waits.
   *
   * @param args the directory and the number of writes of each kind
   * @throws InterruptedException never: it sleeps until killed
   */
  public static void main(String[] args) throws InterruptedException {
    int n = Integer.parseInt(args[1]);
    Fixtures.ManualTicker ticker = new Fixtures.ManualTicker();
    RocksDatastore store =
        RocksDatastore.open(Path.of(args[0]), DatastoreOptions.DEFAULTS.withTicker(ticker));
    for (int i = 0; i < n; i++) {
      store.values().put(record(i, 300, ticker.now()));
      store.providers().add(provider(i, i, ticker.now()));
      store.nodeState().addProvided(cid(i));
    }
    System.out.println("written");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  static Cid cid(int i) {
    return Cid.v1(Cid.RAW, Multihash.sha256(new byte[] {(byte) i, (byte) (i >> 8)}));
  }
}

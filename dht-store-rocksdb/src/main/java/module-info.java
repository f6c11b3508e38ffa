/**
 * Persistent stores on RocksDB: {@link io.reactivedht.store.rocksdb.RocksDatastore} opens one data
 * directory and serves a node's value records, provider records and node state from it, with the
 * same contract as the in-memory stores of {@code dht-core} and {@code dht-reactor}. The stores
 * block on disk and say so ({@code blocksOnIo()}).
 */
module io.reactivedht.store.rocksdb {
  requires transitive io.reactivedht.reactor;
  requires rocksdbjni;

  exports io.reactivedht.store.rocksdb;
}

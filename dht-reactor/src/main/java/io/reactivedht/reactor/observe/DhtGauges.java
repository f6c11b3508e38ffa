package io.reactivedht.reactor.observe;

import io.reactivedht.reactor.server.RequestStats;

/**
 * Figures of a node that a metrics bridge reads when it is scraped: from {@link
 * DhtObserver#attached} or {@link io.reactivedht.reactor.Dht#gauges()}. Each read is a live value,
 * thread-safe; the store sizes may touch the store (a persistent store estimates them), so read
 * them from a metrics thread, never from an event loop.
 */
public interface DhtGauges {
  /**
   * The peers in the routing table.
   *
   * @return how many, 0 to 256 k
   */
  int routingTableSize();

  /**
   * The value records the node's store holds.
   *
   * @return the store's {@link io.reactivedht.core.record.ValueStore#count()}, expired records not
   *     yet cleaned up possibly included
   */
  long valueRecords();

  /**
   * The keys with providers in the node's provider store.
   *
   * @return the store's {@link io.reactivedht.core.record.ProviderStore#keyCount()}, expired keys
   *     not yet cleaned up possibly included
   */
  long providerKeys();

  /**
   * The inbound requests the server answered and refused, per type, since the node was built.
   *
   * @return a snapshot
   */
  RequestStats requestStats();
}

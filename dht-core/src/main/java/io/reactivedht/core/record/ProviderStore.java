package io.reactivedht.core.record;

import io.reactivedht.core.peer.PeerId;
import java.util.List;

/**
 * Where a DHT server keeps the provider records it is sent (ADD_PROVIDER) and serves them from
 * (GET_PROVIDERS). The in-memory default is {@link CaffeineProviderStore}; a persistent store
 * implements the same interface and passes the same contract tests.
 *
 * <p>Expiry, from each record's {@link ProviderRecord#received()} (bounds at exactly the TTL are
 * exclusive): the provider is served until {@link ProviderStoreOptions#providerTtl()} (48 h), its
 * addresses only until {@link ProviderStoreOptions#addressTtl()} (24 h); in between it is served
 * with no addresses (the requester then finds them through peer routing). A provider that provides
 * again replaces its entry and restarts both clocks. "Now" comes from the store's injected time
 * source; {@link #cleanUp()} frees what has expired.
 *
 * <p>Bounds: at most {@link ProviderStoreOptions#maxProvidersPerKey()} providers per key. A full
 * key keeps its current providers, which may refresh their entries, and refuses newcomers until an
 * entry expires or is removed: a flood of fresh identities cannot push out providers that keep
 * re-providing. Each entry keeps at most {@link ProviderStoreOptions#maxAddressesPerProvider()}
 * distinct addresses. The number of keys and the bytes held are bounded too; past them the store
 * evicts keys of its choice rather than growing.
 *
 * <p>Policy stays with the caller: the ADD_PROVIDER checks (the provider is the authenticated
 * sender, it has an address, the key length) belong to the request handler; the store keeps what it
 * is given.
 *
 * <p>Thread safety: implementations are safe for concurrent use by many threads; each method is
 * atomic for its key.
 */
public interface ProviderStore {
  /**
   * Adds {@code record}'s provider for its key, replacing that provider's previous entry for the
   * key.
   *
   * @param record the provider record, stamped with the time it was received; addresses past {@link
   *     ProviderStoreOptions#maxAddressesPerProvider()} are dropped
   * @return whether it was stored; false, with nothing changed, when the record is already older
   *     than the provider TTL, when the key is full of other live providers all received later than
   *     it (a fresher newcomer takes the place of the least recently received entry), or when its
   *     provider is new to the key and already holds entries for {@link
   *     ProviderStoreOptions#maxKeysPerProvider()} keys
   */
  boolean add(ProviderRecord record);

  /**
   * The live providers of {@code key}, in the order they first arrived; those whose addresses are
   * older than the address TTL come with no addresses. Empty if there are none.
   *
   * @param key the provider key (multihash bytes); not modified
   * @return at most {@link ProviderStoreOptions#maxProvidersPerKey()} records, in arrival order
   */
  List<ProviderRecord> providers(byte[] key);

  /**
   * Removes {@code provider}'s entry for {@code key}, if any.
   *
   * @param key the provider key (multihash bytes); not modified
   * @param provider the provider whose entry goes; other providers of the key stay
   */
  void remove(byte[] key, PeerId provider);

  /**
   * The number of keys with providers; may count keys that expired since the last {@link
   * #cleanUp()}.
   *
   * @return the number of keys held, expired ones possibly included
   */
  long keyCount();

  /**
   * Frees the memory (or disk) of expired providers and of addresses past their TTL; an
   * implementation may leave what expired within the last second or so for the next call. Called
   * periodically by the engine's garbage collection job.
   */
  void cleanUp();

  /**
   * Whether the methods block on I/O (a disk store); the node then calls them on a scheduler made
   * for blocking work, never on an event loop.
   *
   * @return false for an in-memory store
   */
  default boolean blocksOnIo() {
    return false;
  }
}

package io.reactivedht.core.record;

import java.time.Duration;

/**
 * The limits of a {@link ProviderStore}. Immutable; start from {@link #DEFAULTS} and change what
 * you need with the {@code with...} methods.
 *
 * @param providerTtl how long a provider is served after its record was received: 48 h in the spec
 * @param addressTtl how long its addresses are served: 24 h in the spec (go {@code
 *     ProviderAddrTTL})
 * @param maxKeys the most keys with providers: 65 536 by default. go has no bound (its datastore
 *     grows); a bound must exist since keys come from the network. A busy Amino server that should
 *     keep more wants larger bounds or a persistent store
 * @param maxBytes the most bytes held (keys, provider ids, binary addresses): 128 MiB by default, 2
 *     KiB a key on average
 * @param maxProvidersPerKey the most providers kept for one key: 20 by default, k, as rust ({@code
 *     max_providers_per_key}); go keeps them all, but a GET_PROVIDERS answer needs only a few live
 *     ones. A full key takes a newcomer in place of its least recently received entry (the freshest
 *     stay, as go keeps the most recent), so early arrivals cannot squat a key
 * @param maxKeysPerProvider the most keys one provider may hold entries for: 16 384 by default, a
 *     quarter of {@code maxKeys}, so one peer cannot fill the store; a node of a 10 000-node
 *     network holds about 20 in 10 000 of the keys a provider announces, so an honest provider of
 *     80 million keys stays under it
 * @param maxAddressesPerProvider the most distinct addresses kept per provider entry, the first
 *     ones: 32 by default, more than a node's usual tcp/quic/webtransport/relay set, and bounding a
 *     GET_PROVIDERS answer to {@code maxProvidersPerKey * 32 * 1 KiB} at worst
 */
public record ProviderStoreOptions(
    Duration providerTtl,
    Duration addressTtl,
    int maxKeys,
    long maxBytes,
    int maxProvidersPerKey,
    int maxKeysPerProvider,
    int maxAddressesPerProvider) {
  /** The spec's TTLs (48 h, 24 h) and the bounds above. */
  public static final ProviderStoreOptions DEFAULTS =
      new ProviderStoreOptions(
          Duration.ofHours(48), Duration.ofHours(24), 65_536, 128L << 20, 20, 16_384, 32);

  /**
   * Checks that every limit is positive (and {@code maxBytes / maxKeys} fits an int).
   *
   * @param providerTtl positive, at most about 146 years (Caffeine's limit)
   * @param addressTtl positive, at most about 146 years
   * @param maxKeys positive
   * @param maxBytes positive
   * @param maxProvidersPerKey positive
   * @param maxKeysPerProvider positive
   * @param maxAddressesPerProvider positive
   */
  public ProviderStoreOptions {
    Lifetime.checkTtl("providerTtl", providerTtl);
    Lifetime.checkTtl("addressTtl", addressTtl);
    if (maxProvidersPerKey <= 0 || maxKeysPerProvider <= 0 || maxAddressesPerProvider <= 0) {
      throw new IllegalArgumentException(
          "maxProvidersPerKey, maxKeysPerProvider and maxAddressesPerProvider must be positive: "
              + maxProvidersPerKey
              + ", "
              + maxKeysPerProvider
              + ", "
              + maxAddressesPerProvider);
    }
    WeightBound.of(maxKeys, maxBytes);
  }

  /**
   * These options with another provider TTL.
   *
   * @param providerTtl how long a provider is served after its record was received; positive
   * @return new options; these are unchanged
   */
  public ProviderStoreOptions withProviderTtl(Duration providerTtl) {
    return new ProviderStoreOptions(
        providerTtl,
        addressTtl,
        maxKeys,
        maxBytes,
        maxProvidersPerKey,
        maxKeysPerProvider,
        maxAddressesPerProvider);
  }

  /**
   * These options with another address TTL.
   *
   * @param addressTtl how long a provider's addresses are served; positive
   * @return new options; these are unchanged
   */
  public ProviderStoreOptions withAddressTtl(Duration addressTtl) {
    return new ProviderStoreOptions(
        providerTtl,
        addressTtl,
        maxKeys,
        maxBytes,
        maxProvidersPerKey,
        maxKeysPerProvider,
        maxAddressesPerProvider);
  }

  /**
   * These options with another key count bound.
   *
   * @param maxKeys the most keys with providers; positive
   * @return new options; these are unchanged
   */
  public ProviderStoreOptions withMaxKeys(int maxKeys) {
    return new ProviderStoreOptions(
        providerTtl,
        addressTtl,
        maxKeys,
        maxBytes,
        maxProvidersPerKey,
        maxKeysPerProvider,
        maxAddressesPerProvider);
  }

  /**
   * These options with another byte bound.
   *
   * @param maxBytes the most bytes held (keys, provider ids, binary addresses); positive
   * @return new options; these are unchanged
   */
  public ProviderStoreOptions withMaxBytes(long maxBytes) {
    return new ProviderStoreOptions(
        providerTtl,
        addressTtl,
        maxKeys,
        maxBytes,
        maxProvidersPerKey,
        maxKeysPerProvider,
        maxAddressesPerProvider);
  }

  /**
   * These options with another bound on providers per key.
   *
   * @param maxProvidersPerKey the most providers kept for one key; positive
   * @return new options; these are unchanged
   */
  public ProviderStoreOptions withMaxProvidersPerKey(int maxProvidersPerKey) {
    return new ProviderStoreOptions(
        providerTtl,
        addressTtl,
        maxKeys,
        maxBytes,
        maxProvidersPerKey,
        maxKeysPerProvider,
        maxAddressesPerProvider);
  }

  /**
   * These options with another bound on the keys one provider may hold entries for.
   *
   * @param maxKeysPerProvider the most keys with an entry of one provider; positive
   * @return new options; these are unchanged
   */
  public ProviderStoreOptions withMaxKeysPerProvider(int maxKeysPerProvider) {
    return new ProviderStoreOptions(
        providerTtl,
        addressTtl,
        maxKeys,
        maxBytes,
        maxProvidersPerKey,
        maxKeysPerProvider,
        maxAddressesPerProvider);
  }

  /**
   * These options with another bound on addresses per provider entry.
   *
   * @param maxAddressesPerProvider the most distinct addresses kept per entry; positive
   * @return new options; these are unchanged
   */
  public ProviderStoreOptions withMaxAddressesPerProvider(int maxAddressesPerProvider) {
    return new ProviderStoreOptions(
        providerTtl,
        addressTtl,
        maxKeys,
        maxBytes,
        maxProvidersPerKey,
        maxKeysPerProvider,
        maxAddressesPerProvider);
  }
}

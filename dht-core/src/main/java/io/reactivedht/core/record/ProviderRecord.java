package io.reactivedht.core.record;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A provider record: {@code provider} says it can serve the content named by {@code key}, and can
 * be reached at {@code addresses}. Stamped with the time the storing node {@code received} it, from
 * which the record and its addresses expire (see {@link ProviderStore}). Immutable; the key is
 * copied in and out.
 *
 * @param key the provider key: the multihash bytes inside a CID, not the CID
 * @param provider the peer that provides
 * @param addresses where to reach it; possibly empty
 * @param received when the storing node received the record
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out, compared by contents
public record ProviderRecord(
    byte[] key, PeerId provider, List<Multiaddr> addresses, Instant received) {
  /**
   * Copies the key and the address list.
   *
   * @param key the multihash bytes inside a CID; copied
   * @param provider the peer that provides
   * @param addresses where to reach it, possibly empty; copied into an immutable list (no nulls)
   * @param received when the storing node received the record
   */
  public ProviderRecord {
    key = key.clone();
    addresses = List.copyOf(addresses);
  }

  /**
   * The provider key: the multihash bytes inside a CID.
   *
   * @return a copy
   */
  @Override
  public byte[] key() {
    return key.clone();
  }

  /** The same record with no addresses, as served once the addresses are older than their TTL. */
  ProviderRecord withoutAddresses() {
    return addresses.isEmpty() ? this : new ProviderRecord(key, provider, List.of(), received);
  }

  /** The same record with at most {@code max} distinct addresses, the first ones. */
  ProviderRecord withAtMostAddresses(int max) {
    List<Multiaddr> bounded = addresses.stream().distinct().limit(max).toList();
    return bounded.size() == addresses.size()
        ? this
        : new ProviderRecord(key, provider, bounded, received);
  }

  /** The bytes this record holds: key, provider id and binary addresses. */
  long byteSize() {
    long size = (long) key.length + provider.multihash().length();
    for (Multiaddr address : addresses) {
      size += address.bytes().length;
    }
    return size;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ProviderRecord r
        && Arrays.equals(key, r.key)
        && provider.equals(r.provider)
        && addresses.equals(r.addresses)
        && received.equals(r.received);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * Arrays.hashCode(key) + provider.hashCode()) + addresses.hashCode())
        + received.hashCode();
  }

  @Override
  public String toString() {
    return "ProviderRecord[key="
        + key.length
        + " bytes, provider="
        + provider
        + ", addresses="
        + addresses
        + ", received="
        + received
        + "]";
  }
}

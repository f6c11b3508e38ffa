/**
 * Persistent stores on RocksDB: {@link io.reactivedht.store.rocksdb.RocksDatastore} opens one data
 * directory and serves the {@code ValueStore}, {@code ProviderStore} and {@code NodeState} of a
 * node from it, configured by {@link io.reactivedht.store.rocksdb.DatastoreOptions}; failures are
 * {@link io.reactivedht.store.rocksdb.DatastoreException}s.
 *
 * <h2>On-disk format, version 1</h2>
 *
 * <p>One RocksDB database with five column families. Integers are big-endian. An <em>instant</em>
 * is 12 bytes: the epoch second as an 8-byte integer with its sign bit flipped, then the nanosecond
 * as a 4-byte integer, so that byte order is time order. A <em>peer</em> is a peer id's binary form
 * (its multihash), a <em>multiaddr</em> its binary form. The first byte of every key in {@code
 * values}, {@code providers} and {@code node_state} says what the key is.
 *
 * <dl>
 *   <dt>{@code meta}
 *   <dd>{@code "format"} (ASCII) &rarr; 4-byte integer, the format version: {@code 1}. Written when
 *       the datastore is created; a directory whose marker is missing or names another version is
 *       refused with a {@link io.reactivedht.store.rocksdb.DatastoreFormatException}.
 *   <dd>{@code "values.records"}, {@code "values.bytes"}, {@code "providers.keys"}, {@code
 *       "providers.bytes"}, {@code "providers.next-seq"} &rarr; 8-byte integers: the running
 *       counters of the stores (records, keys, bytes held, the next arrival sequence), written in
 *       the same batch as every change that moves them.
 *   <dt>{@code values}
 *   <dd>{@code 0x01 | record key} &rarr; {@code received (instant) | value}: a value record.
 *   <dd>{@code 0x02 | received (instant) | record key} &rarr; empty: the time index, oldest first,
 *       that expiry and eviction walk.
 *   <dt>{@code providers}
 *   <dd>{@code 0x01 | key} &rarr; {@code u16 entry count | (u16 id length | peer | u64 arrival
 *       sequence | received (instant) | u16 address count | (u16 length | multiaddr)*)*}: the
 *       entries of a key's providers, in arrival order (a refresh keeps its sequence), so that
 *       GET_PROVIDERS is one point read. A key without providers has no value.
 *   <dd>{@code 0x02 | peer} &rarr; 4-byte integer: how many keys the provider has entries for.
 *   <dd>{@code 0x03 | received (instant) | u16 key length | key | peer} &rarr; empty: every entry
 *       by receive time, for expiry and eviction.
 *   <dd>{@code 0x04 | received (instant) | u16 key length | key | peer} &rarr; empty: the entries
 *       that still have addresses, by receive time, for dropping them after the address TTL.
 *   <dt>{@code node_state}
 *   <dd>{@code 0x01 | multihash} &rarr; binary CID: a provided cid, one per multihash.
 *   <dd>{@code 0x02 | record key} &rarr; value: a published record.
 *   <dd>{@code 0x03} &rarr; {@code u32 peer count | (u16 id length | peer | u16 address count |
 *       (u16 length | multiaddr)*)* | u32 bucket count | (i32 bucket | instant)*}: the routing
 *       snapshot.
 *   <dt>{@code default}
 *   <dd>Unused (RocksDB requires it).
 * </dl>
 *
 * <p>A change that touches several keys (a record and its index entry, a key's provider entries
 * with their index entries and their providers' counts, the counters) is one write batch, so after
 * a crash it is there whole or not at all. A later version that changes any of this writes another
 * format number.
 */
@NullMarked
package io.reactivedht.store.rocksdb;

import org.jspecify.annotations.NullMarked;

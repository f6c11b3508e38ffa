package io.reactivedht.store.rocksdb;

import com.github.benmanes.caffeine.cache.Ticker;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.record.ProviderRecord;
import io.reactivedht.core.record.ProviderStore;
import io.reactivedht.core.record.ProviderStoreOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * {@link RocksDatastore#providers()}: in the {@code providers} column family, one value per key
 * holding its providers' entries (each with the arrival sequence that orders them), so that
 * GET_PROVIDERS is one point read; a count per provider of the keys it has entries for; and two
 * time indexes (every entry by receive time, and the entries that still have addresses by receive
 * time) that {@link #cleanUp()} and eviction walk from the oldest. Writes are serialized by a lock
 * and each is one atomic batch (the key's entries, index entries, per-provider counts and the key
 * and byte counters); reads take no lock.
 *
 * <p>When an add goes past {@link ProviderStoreOptions#maxKeys()} or {@link
 * ProviderStoreOptions#maxBytes()}, whole keys are evicted in the same batch, the key of the entry
 * received longest ago first; never the key being added to.
 */
final class RocksProviderStore implements ProviderStore {
  private static final int CHUNK = 1_000;
  private static final byte[] EMPTY = {};
  private static final byte[] BY_TIME_PREFIX = {Layout.PROVIDER_BY_TIME};

  private final Rocks rocks;
  private final ProviderStoreOptions options;
  private final Ticker ticker;
  private final Object lock = new Object();

  // written under the lock, after the batch that changed them is written
  private volatile long keys;
  private volatile long bytes;
  private long nextSeq;
  private byte @Nullable [] evictFrom;

  RocksProviderStore(Rocks rocks, ProviderStoreOptions options, Ticker ticker) {
    this.rocks = rocks;
    this.options = options;
    this.ticker = ticker;
    this.keys = rocks.call("read the provider counters", () -> rocks.counter(Layout.PROVIDER_KEYS));
    this.bytes =
        rocks.call("read the provider counters", () -> rocks.counter(Layout.PROVIDER_BYTES));
    this.nextSeq =
        rocks.call("read the provider counters", () -> rocks.counter(Layout.PROVIDER_NEXT_SEQ));
  }

  @Override
  public boolean add(ProviderRecord record) {
    long now = ticker.read();
    Instant received = record.received();
    byte[] key = record.key();
    if (!Ages.isLive(received, options.providerTtl(), now)
        || key.length > Layout.MAX_PROVIDER_KEY_BYTES) {
      return false;
    }
    List<Multiaddr> addresses =
        record.addresses().stream().distinct().limit(options.maxAddressesPerProvider()).toList();
    byte[] peer = record.provider().bytes();
    long addressBytes = 0;
    for (Multiaddr a : addresses) {
      addressBytes += a.bytes().length;
    }
    if (key.length + peer.length + addressBytes > options.maxBytes()) {
      return false;
    }
    Entry added =
        new Entry(
            key,
            record.provider(),
            new Layout.ProviderEntry(peer, -1, received, addresses, addressBytes));
    synchronized (lock) {
      return rocks.call("store a provider record", () -> add(added, now));
    }
  }

  /** Adds {@code added} (whose sequence is still to be given) at {@code now}. */
  private boolean add(Entry added, long now) throws RocksDBException {
    try (Change change = new Change()) {
      for (Entry e : change.entries(added.key)) {
        if (!Ages.isLive(e.received(), options.providerTtl(), now)) {
          change.remove(e);
        }
      }
      List<Entry> live = change.entries(added.key);
      Entry mine = find(live, added.stored.peer);
      boolean stored;
      if (mine != null) {
        change.remove(mine);
        change.put(added.withSeq(mine.stored.seq));
        stored = true;
      } else if (change.keysOf(added.stored.peer) >= options.maxKeysPerProvider()) {
        stored = false;
      } else {
        stored = true;
        while (stored && change.entries(added.key).size() >= options.maxProvidersPerKey()) {
          Entry stalest = stalest(change.entries(added.key));
          if (added.received().isAfter(stalest.received())) {
            change.remove(stalest);
          } else {
            stored = false;
          }
        }
        if (stored) {
          change.put(added.withSeq(change.seq++));
        }
      }
      if (stored) {
        evict(change, added.key);
      }
      if (change.changed()) {
        change.commit();
      }
      return stored;
    }
  }

  /** Evicts whole keys other than {@code key}, oldest entry first, until the bounds hold. */
  private void evict(Change change, byte[] key) throws RocksDBException {
    if (!change.overBounds()) {
      return;
    }
    try (RocksIterator it = rocks.iterator(rocks.providers)) {
      IndexWalk walk = new IndexWalk(it, BY_TIME_PREFIX, evictFrom);
      while (change.overBounds() && walk.next()) {
        byte[] timeKey = walk.key();
        Layout.TimeKey named = Layout.readProviderTimeKey(timeKey);
        if (Arrays.equals(named.key, key)) {
          continue;
        }
        change.evictFrom = timeKey;
        List<Entry> victims = change.entries(named.key);
        if (victims.isEmpty()) {
          change.batch.delete(rocks.providers, timeKey); // evicted already, or left behind
          continue;
        }
        for (Entry victim : victims) {
          change.remove(victim);
        }
      }
    }
  }

  @Override
  public List<ProviderRecord> providers(byte[] key) {
    if (key.length > Layout.MAX_PROVIDER_KEY_BYTES) {
      return List.of();
    }
    long now = ticker.read();
    return rocks.call(
        "read provider records",
        () -> {
          List<ProviderRecord> out = new ArrayList<>();
          for (Entry e : stored(key)) {
            Instant received = e.received();
            if (Ages.isLive(received, options.providerTtl(), now)) {
              List<Multiaddr> addresses =
                  Ages.isLive(received, options.addressTtl(), now) ? e.stored.addresses : List.of();
              out.add(new ProviderRecord(key, e.provider, addresses, received));
            }
          }
          return List.copyOf(out);
        });
  }

  @Override
  public void remove(byte[] key, PeerId provider) {
    if (key.length > Layout.MAX_PROVIDER_KEY_BYTES) {
      return;
    }
    byte[] peer = provider.bytes();
    synchronized (lock) {
      rocks.run(
          "remove a provider record",
          () -> {
            try (Change change = new Change()) {
              Entry entry = find(change.entries(key), peer);
              if (entry != null) {
                change.remove(entry);
                change.commit();
              }
            }
          });
    }
  }

  @Override
  public long keyCount() {
    return keys;
  }

  /**
   * Deletes the entries past the provider TTL and then the addresses past the address TTL, with
   * their index entries, a thousand index entries per batch; compacts the column family when that
   * freed a quarter or more of the bytes, so the deletions leave the disk.
   */
  @Override
  public void cleanUp() {
    long now = ticker.read();
    long before = bytes;
    Instant expiredUpTo = Ages.expiredUpTo(options.providerTtl(), now);
    int done;
    do {
      synchronized (lock) {
        done = rocks.call("delete expired provider records", () -> expire(expiredUpTo, now));
      }
    } while (done == CHUNK);
    Instant staleUpTo = Ages.expiredUpTo(options.addressTtl(), now);
    do {
      synchronized (lock) {
        done = rocks.call("delete stale provider addresses", () -> dropAddresses(staleUpTo));
      }
    } while (done == CHUNK);
    long freed = before - bytes;
    if (freed > 0 && freed * 4 >= before) {
      rocks.run("compact the provider records", () -> rocks.compact(rocks.providers));
    }
  }

  private int expire(Instant upTo, long now) throws RocksDBException {
    List<byte[]> expired =
        rocks.timeKeysUpTo(
            rocks.providers, Layout.PROVIDER_BY_TIME, upTo, CHUNK, "provider time index key");
    int done = expired.size();
    try (Change change = new Change()) {
      Set<Bytes> touched = new LinkedHashSet<>();
      for (byte[] timeKey : expired) {
        change.batch.delete(rocks.providers, timeKey);
        touched.add(new Bytes(Layout.readProviderTimeKey(timeKey).key));
      }
      for (Bytes touchedKey : touched) {
        for (Entry e : change.entries(touchedKey.bytes)) {
          if (!Ages.isLive(e.received(), options.providerTtl(), now)) {
            change.remove(e);
          }
        }
      }
      if (done > 0) {
        change.commit();
      }
    }
    return done;
  }

  private int dropAddresses(Instant upTo) throws RocksDBException {
    List<byte[]> dropped =
        rocks.timeKeysUpTo(
            rocks.providers, Layout.ADDRESSES_BY_TIME, upTo, CHUNK, "provider time index key");
    int done = dropped.size();
    try (Change change = new Change()) {
      for (byte[] timeKey : dropped) {
        Layout.TimeKey named = Layout.readProviderTimeKey(timeKey);
        change.batch.delete(rocks.providers, timeKey);
        Entry entry = find(change.entries(named.key), named.peer);
        if (entry != null
            && entry.received().equals(named.received)
            && !entry.stored.addresses.isEmpty()) {
          change.remove(entry);
          change.put(new Entry(entry.key, entry.provider, entry.stored.withoutAddresses()));
        }
      }
      if (done > 0) {
        change.commit();
      }
    }
    return done;
  }

  @Override
  public boolean blocksOnIo() {
    return true;
  }

  /** The bytes held (keys, provider ids, binary addresses), for tests. */
  long bytesHeld() {
    return bytes;
  }

  /** The entries stored for {@code key}, expired ones included, in arrival order. */
  private List<Entry> stored(byte[] key) throws RocksDBException {
    byte[] set = rocks.get(rocks.providers, Layout.providerSetKey(key));
    if (set == null) {
      return List.of();
    }
    List<Layout.ProviderEntry> entries = Layout.readProviderSet(set);
    List<Entry> out = new ArrayList<>(entries.size());
    for (Layout.ProviderEntry e : entries) {
      PeerId provider = Layout.decode("provider id", () -> PeerId.fromBytes(e.peer));
      out.add(new Entry(key, provider, e));
    }
    return out;
  }

  private static @Nullable Entry find(List<Entry> entries, byte[] peer) {
    for (Entry e : entries) {
      if (Arrays.equals(e.stored.peer, peer)) {
        return e;
      }
    }
    return null;
  }

  /** The least recently received entry, the first of equals in arrival order. */
  private static Entry stalest(List<Entry> entries) {
    Entry stalest = entries.get(0);
    for (Entry e : entries) {
      if (e.received().isBefore(stalest.received())) {
        stalest = e;
      }
    }
    return stalest;
  }

  /** A stored entry and the key it belongs to. */
  private static final class Entry {
    final byte[] key;
    final PeerId provider;
    final Layout.ProviderEntry stored;

    Entry(byte[] key, PeerId provider, Layout.ProviderEntry stored) {
      this.key = key;
      this.provider = provider;
      this.stored = stored;
    }

    Instant received() {
      return stored.received;
    }

    Entry withSeq(long seq) {
      return new Entry(
          key,
          provider,
          new Layout.ProviderEntry(
              stored.peer, seq, stored.received, stored.addresses, stored.addressBytes));
    }

    /** The bytes it counts: key, provider id and binary addresses. */
    long size() {
      return (long) key.length + stored.peer.length + stored.addressBytes;
    }
  }

  /** A key's entries as stored and as this change leaves them. */
  private static final class KeyEntries {
    final boolean heldBefore;
    final List<Entry> entries;
    boolean changed;

    KeyEntries(List<Entry> stored) {
      this.heldBefore = !stored.isEmpty();
      this.entries = new ArrayList<>(stored);
    }
  }

  /**
   * One atomic change: the keys' entries it changes, their index entries, and how it moves the
   * counters. {@link #commit} writes the changed keys and the counters in the same batch, and only
   * then updates the store's fields. Used under the lock.
   */
  private final class Change implements AutoCloseable {
    final WriteBatch batch = new WriteBatch();
    final Map<Bytes, KeyEntries> byKey = new LinkedHashMap<>();
    final Map<Bytes, Integer> keysOfProvider = new HashMap<>();
    long bytesDelta;
    long seq = nextSeq;
    byte @Nullable [] evictFrom = RocksProviderStore.this.evictFrom;

    /** The entries of {@code key} with this change so far, in arrival order: a copy. */
    List<Entry> entries(byte[] key) throws RocksDBException {
      return List.copyOf(load(key).entries);
    }

    private KeyEntries load(byte[] key) throws RocksDBException {
      Bytes k = new Bytes(key);
      KeyEntries entries = byKey.get(k);
      if (entries == null) {
        entries = new KeyEntries(stored(key));
        byKey.put(k, entries);
      }
      return entries;
    }

    boolean changed() {
      return batch.count() > 0 || byKey.values().stream().anyMatch(e -> e.changed);
    }

    void remove(Entry e) throws RocksDBException {
      KeyEntries entries = load(e.key);
      entries.entries.removeIf(x -> Arrays.equals(x.stored.peer, e.stored.peer));
      entries.changed = true;
      byte[] peer = e.stored.peer;
      batch.delete(
          rocks.providers,
          Layout.providerTimeKey(Layout.PROVIDER_BY_TIME, e.received(), e.key, peer));
      if (!e.stored.addresses.isEmpty()) {
        batch.delete(
            rocks.providers,
            Layout.providerTimeKey(Layout.ADDRESSES_BY_TIME, e.received(), e.key, peer));
      }
      bytesDelta -= e.size();
      keysOfProvider.merge(new Bytes(peer), -1, Integer::sum);
    }

    /** Adds {@code e}, whose provider has no entry for the key now. */
    void put(Entry e) throws RocksDBException {
      KeyEntries entries = load(e.key);
      entries.entries.add(e);
      entries.changed = true;
      byte[] peer = e.stored.peer;
      batch.put(
          rocks.providers,
          Layout.providerTimeKey(Layout.PROVIDER_BY_TIME, e.received(), e.key, peer),
          EMPTY);
      if (!e.stored.addresses.isEmpty()) {
        batch.put(
            rocks.providers,
            Layout.providerTimeKey(Layout.ADDRESSES_BY_TIME, e.received(), e.key, peer),
            EMPTY);
      }
      bytesDelta += e.size();
      keysOfProvider.merge(new Bytes(peer), 1, Integer::sum);
    }

    /** The keys {@code peer} has entries for, with this change. */
    int keysOf(byte[] peer) throws RocksDBException {
      return storedKeysOf(peer) + keysOfProvider.getOrDefault(new Bytes(peer), 0);
    }

    long keysDelta() {
      long delta = 0;
      for (KeyEntries e : byKey.values()) {
        delta += (e.entries.isEmpty() ? 0 : 1) - (e.heldBefore ? 1 : 0);
      }
      return delta;
    }

    boolean overBounds() {
      return keys + keysDelta() > options.maxKeys() || bytes + bytesDelta > options.maxBytes();
    }

    void commit() throws RocksDBException {
      for (Map.Entry<Bytes, KeyEntries> e : byKey.entrySet()) {
        KeyEntries entries = e.getValue();
        if (!entries.changed) {
          continue;
        }
        byte[] setKey = Layout.providerSetKey(e.getKey().bytes);
        if (entries.entries.isEmpty()) {
          batch.delete(rocks.providers, setKey);
        } else {
          List<Layout.ProviderEntry> stored = new ArrayList<>(entries.entries.size());
          entries.entries.stream()
              .sorted(Comparator.comparingLong(x -> x.stored.seq))
              .forEach(x -> stored.add(x.stored));
          batch.put(rocks.providers, setKey, Layout.providerSet(stored));
        }
      }
      for (Map.Entry<Bytes, Integer> e : keysOfProvider.entrySet()) {
        if (e.getValue() != 0) {
          byte[] peer = e.getKey().bytes;
          int n = storedKeysOf(peer) + e.getValue();
          byte[] countKey = Layout.keysOfProviderKey(peer);
          if (n > 0) {
            batch.put(rocks.providers, countKey, Layout.intBytes(n));
          } else {
            batch.delete(rocks.providers, countKey);
          }
        }
      }
      long keysAfter = keys + keysDelta();
      long bytesAfter = bytes + bytesDelta;
      batch.put(rocks.meta, Layout.PROVIDER_KEYS, Layout.longBytes(keysAfter));
      batch.put(rocks.meta, Layout.PROVIDER_BYTES, Layout.longBytes(bytesAfter));
      batch.put(rocks.meta, Layout.PROVIDER_NEXT_SEQ, Layout.longBytes(seq));
      rocks.write(batch);
      keys = keysAfter;
      bytes = bytesAfter;
      nextSeq = seq;
      RocksProviderStore.this.evictFrom = evictFrom;
    }

    private int storedKeysOf(byte[] peer) throws RocksDBException {
      byte[] count = rocks.get(rocks.providers, Layout.keysOfProviderKey(peer));
      return count == null ? 0 : Layout.readInt(count, "keys of a provider");
    }

    @Override
    public void close() {
      batch.close();
    }
  }
}

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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * {@link RocksDatastore#providers()}: one entry per (key, provider) in the {@code providers} column
 * family, with the arrival sequence that orders a key's providers; a count per provider of the keys
 * it has entries for; and two time indexes (every entry by receive time, and the entries that still
 * have addresses by receive time) that {@link #cleanUp()} walks from the oldest. Writes are
 * serialized by a lock and each is one atomic batch (entries, index entries, per-provider counts
 * and the key and byte counters); reads take no lock.
 *
 * <p>When an add goes past {@link ProviderStoreOptions#maxKeys()} or {@link
 * ProviderStoreOptions#maxBytes()}, whole keys are evicted in the same batch, the key of the entry
 * received longest ago first; never the key being added to.
 */
final class RocksProviderStore implements ProviderStore {
  private static final int CHUNK = 1_000;
  private static final byte[] EMPTY = {};
  private static final byte[] BY_TIME_PREFIX = {Layout.PROVIDER_BY_TIME};
  private static final byte[] ADDRESSES_PREFIX = {Layout.ADDRESSES_BY_TIME};

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
    long addressSize = addressBytes;
    synchronized (lock) {
      return rocks.call(
          "store a provider record", () -> add(key, peer, received, addresses, addressSize, now));
    }
  }

  private boolean add(
      byte[] key,
      byte[] peer,
      Instant received,
      List<Multiaddr> addresses,
      long addressBytes,
      long now)
      throws RocksDBException {
    try (Change change = new Change()) {
      List<Entry> entries = entriesOf(key);
      List<Entry> live = new ArrayList<>(entries.size());
      for (Entry e : entries) {
        if (Ages.isLive(e.received(), options.providerTtl(), now)) {
          live.add(e);
        } else {
          change.remove(e);
        }
      }
      Entry mine = find(live, peer);
      boolean stored;
      if (mine != null) {
        change.remove(mine);
        change.put(key, peer, mine.stored.seq(), received, addresses, addressBytes);
        stored = true;
      } else if (change.keysOf(peer) >= options.maxKeysPerProvider()) {
        stored = false;
      } else {
        stored = true;
        while (stored && live.size() >= options.maxProvidersPerKey()) {
          Entry stalest = stalest(live);
          if (received.isAfter(stalest.received())) {
            change.remove(stalest);
            live.remove(stalest);
          } else {
            stored = false;
          }
        }
        if (stored) {
          change.put(key, peer, change.seq++, received, addresses, addressBytes);
        }
      }
      boolean held = stored || !live.isEmpty();
      change.keysDelta += (held ? 1 : 0) - (entries.isEmpty() ? 0 : 1);
      if (stored) {
        evict(change, key);
      }
      if (change.batch.count() > 0) {
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
    Set<Bytes> evicted = new HashSet<>();
    try (RocksIterator it = rocks.iterator(rocks.providers)) {
      IndexWalk walk = new IndexWalk(it, BY_TIME_PREFIX, evictFrom);
      while (change.overBounds() && walk.next()) {
        byte[] timeKey = walk.key();
        Layout.TimeKey named = Layout.readProviderTimeKey(timeKey);
        if (Arrays.equals(named.key, key) || !evicted.add(new Bytes(named.key))) {
          continue;
        }
        change.evictFrom = timeKey;
        List<Entry> victims = entriesOf(named.key);
        if (victims.isEmpty()) {
          change.batch.delete(rocks.providers, timeKey); // an index entry left behind
          continue;
        }
        for (Entry victim : victims) {
          change.remove(victim);
        }
        change.keysDelta--;
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
          for (Entry e : entriesOf(key)) {
            Instant received = e.received();
            if (Ages.isLive(received, options.providerTtl(), now)) {
              List<Multiaddr> addresses =
                  Ages.isLive(received, options.addressTtl(), now)
                      ? e.stored.addresses()
                      : List.of();
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
            List<Entry> entries = entriesOf(key);
            Entry entry = find(entries, peer);
            if (entry == null) {
              return;
            }
            try (Change change = new Change()) {
              change.remove(entry);
              if (entries.size() == 1) {
                change.keysDelta--;
              }
              change.commit();
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
    int done = 0;
    try (Change change = new Change()) {
      Set<Bytes> touched = new LinkedHashSet<>();
      try (RocksIterator it = rocks.iterator(rocks.providers)) {
        for (it.seek(BY_TIME_PREFIX); it.isValid() && done < CHUNK; it.next()) {
          byte[] timeKey = it.key();
          if (timeKey[0] != Layout.PROVIDER_BY_TIME) {
            break;
          }
          Layout.TimeKey named = Layout.readProviderTimeKey(timeKey);
          if (named.received.isAfter(upTo)) {
            break;
          }
          done++;
          change.batch.delete(rocks.providers, timeKey);
          touched.add(new Bytes(named.key));
        }
        it.status();
      }
      for (Bytes touchedKey : touched) {
        List<Entry> entries = entriesOf(touchedKey.bytes);
        int removed = 0;
        for (Entry e : entries) {
          if (!Ages.isLive(e.received(), options.providerTtl(), now)) {
            change.remove(e);
            removed++;
          }
        }
        if (removed > 0 && removed == entries.size()) {
          change.keysDelta--;
        }
      }
      if (done > 0) {
        change.commit();
      }
    }
    return done;
  }

  private int dropAddresses(Instant upTo) throws RocksDBException {
    int done = 0;
    try (Change change = new Change();
        RocksIterator it = rocks.iterator(rocks.providers)) {
      for (it.seek(ADDRESSES_PREFIX); it.isValid() && done < CHUNK; it.next()) {
        byte[] timeKey = it.key();
        if (timeKey[0] != Layout.ADDRESSES_BY_TIME) {
          break;
        }
        Layout.TimeKey named = Layout.readProviderTimeKey(timeKey);
        if (named.received.isAfter(upTo)) {
          break;
        }
        done++;
        change.batch.delete(rocks.providers, timeKey);
        byte[] entryKey = Layout.providerKey(named.key, named.peer);
        byte[] bytes = rocks.get(rocks.providers, entryKey);
        if (bytes == null) {
          continue;
        }
        Layout.ProviderEntry stored = Layout.readProviderEntry(bytes);
        if (stored.received().equals(named.received) && !stored.addresses().isEmpty()) {
          change.batch.put(
              rocks.providers,
              entryKey,
              Layout.providerEntry(stored.seq(), stored.received(), List.of()));
          change.bytesDelta -= stored.addressBytes();
        }
      }
      it.status();
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

  /** The entries stored for {@code key}, expired ones included, in arrival order. */
  private List<Entry> entriesOf(byte[] key) throws RocksDBException {
    byte[] prefix = Layout.providerPrefix(key);
    List<Entry> out = new ArrayList<>();
    try (RocksIterator it = rocks.iterator(rocks.providers)) {
      for (it.seek(prefix); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (!Layout.startsWith(k, prefix)) {
          break;
        }
        byte[] peer = Arrays.copyOfRange(k, prefix.length, k.length);
        PeerId provider = Layout.decode("provider id", () -> PeerId.fromBytes(peer));
        out.add(new Entry(key, peer, provider, Layout.readProviderEntry(it.value())));
      }
      it.status();
    }
    out.sort(Comparator.comparingLong(e -> e.stored.seq()));
    return out;
  }

  private static @Nullable Entry find(List<Entry> entries, byte[] peer) {
    for (Entry e : entries) {
      if (Arrays.equals(e.peer, peer)) {
        return e;
      }
    }
    return null;
  }

  /** The least recently received entry, the first of equals in arrival order. */
  private static Entry stalest(List<Entry> live) {
    Entry stalest = live.get(0);
    for (Entry e : live) {
      if (e.received().isBefore(stalest.received())) {
        stalest = e;
      }
    }
    return stalest;
  }

  /** A stored entry and the key and provider it belongs to. */
  private static final class Entry {
    final byte[] key;
    final byte[] peer;
    final PeerId provider;
    final Layout.ProviderEntry stored;

    Entry(byte[] key, byte[] peer, PeerId provider, Layout.ProviderEntry stored) {
      this.key = key;
      this.peer = peer;
      this.provider = provider;
      this.stored = stored;
    }

    Instant received() {
      return stored.received();
    }

    /** The bytes it counts: key, provider id and binary addresses. */
    long size() {
      return (long) key.length + peer.length + stored.addressBytes();
    }
  }

  /**
   * One atomic change: a batch and how it moves the counters; {@link #commit} adds the counters to
   * the batch, writes it, and only then updates the store's fields. Used under the lock.
   */
  private final class Change implements AutoCloseable {
    final WriteBatch batch = new WriteBatch();
    final Map<Bytes, Integer> keysOfProvider = new HashMap<>();
    long keysDelta;
    long bytesDelta;
    long seq = nextSeq;
    byte @Nullable [] evictFrom = RocksProviderStore.this.evictFrom;

    void remove(Entry e) throws RocksDBException {
      batch.delete(rocks.providers, Layout.providerKey(e.key, e.peer));
      batch.delete(
          rocks.providers,
          Layout.providerTimeKey(Layout.PROVIDER_BY_TIME, e.received(), e.key, e.peer));
      if (!e.stored.addresses().isEmpty()) {
        batch.delete(
            rocks.providers,
            Layout.providerTimeKey(Layout.ADDRESSES_BY_TIME, e.received(), e.key, e.peer));
      }
      bytesDelta -= e.size();
      keysOfProvider.merge(new Bytes(e.peer), -1, Integer::sum);
    }

    void put(
        byte[] key,
        byte[] peer,
        long seq,
        Instant received,
        List<Multiaddr> addresses,
        long addressBytes)
        throws RocksDBException {
      batch.put(
          rocks.providers,
          Layout.providerKey(key, peer),
          Layout.providerEntry(seq, received, addresses));
      batch.put(
          rocks.providers,
          Layout.providerTimeKey(Layout.PROVIDER_BY_TIME, received, key, peer),
          EMPTY);
      if (!addresses.isEmpty()) {
        batch.put(
            rocks.providers,
            Layout.providerTimeKey(Layout.ADDRESSES_BY_TIME, received, key, peer),
            EMPTY);
      }
      bytesDelta += key.length + peer.length + addressBytes;
      keysOfProvider.merge(new Bytes(peer), 1, Integer::sum);
    }

    /** The keys {@code peer} has entries for, with this change. */
    int keysOf(byte[] peer) throws RocksDBException {
      return storedKeysOf(peer) + keysOfProvider.getOrDefault(new Bytes(peer), 0);
    }

    boolean overBounds() {
      return keys + keysDelta > options.maxKeys() || bytes + bytesDelta > options.maxBytes();
    }

    void commit() throws RocksDBException {
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
      long keysAfter = keys + keysDelta;
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

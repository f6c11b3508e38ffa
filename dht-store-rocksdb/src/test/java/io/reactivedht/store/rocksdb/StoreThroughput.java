package io.reactivedht.store.rocksdb;

import com.github.benmanes.caffeine.cache.Ticker;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.record.CaffeineProviderStore;
import io.reactivedht.core.record.CaffeineValueStore;
import io.reactivedht.core.record.ProviderRecord;
import io.reactivedht.core.record.ProviderStore;
import io.reactivedht.core.record.ProviderStoreOptions;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.record.ValueStore;
import io.reactivedht.core.record.ValueStoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

/**
 * Puts {@code N} IPNS-sized value records (a 44-byte {@code /ipns/} key, a 300-byte value) and
 * {@code N} provider records (a 34-byte multihash, one of 10,000 providers, two addresses) into the
 * in-memory Caffeine stores and the RocksDB stores side by side, then gets them all back in a
 * random order; prints puts and gets per second and the median and p99 latency of each. One thread,
 * seeded data, a fixed clock, bounds large enough to hold everything, default RocksDB durability
 * (the log not fsynced), and a warm-up run of each store first.
 *
 * <pre>
 * java -cp &lt;test classpath&gt; io.reactivedht.store.rocksdb.StoreThroughput [N [seed]]
 * </pre>
 */
public final class StoreThroughput {
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  private static final Ticker FIXED = () -> NOW.getEpochSecond() * 1_000_000_000L;
  private static final int PROVIDERS = 10_000;

  private StoreThroughput() {}

  /**
   * Runs the benchmark.
   *
   * @param args the number of records of each kind (100,000) and the seed (42)
   * @throws IOException if the temporary directory cannot be made or removed
   */
  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
    Random random = new Random(seed);
    List<Record> records = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] key = new byte[44];
      System.arraycopy("/ipns/".getBytes(StandardCharsets.US_ASCII), 0, key, 0, 6);
      byte[] id = new byte[38];
      random.nextBytes(id);
      System.arraycopy(id, 0, key, 6, 38);
      byte[] value = new byte[300];
      random.nextBytes(value);
      records.add(Record.of(key, value).receivedAt(NOW));
    }
    PeerId[] peers = new PeerId[PROVIDERS];
    for (int i = 0; i < PROVIDERS; i++) {
      byte[] seedBytes = new byte[32];
      random.nextBytes(seedBytes);
      peers[i] = PeerId.fromBytes(Multihash.sha256(seedBytes).bytes());
    }
    List<ProviderRecord> providerRecords = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] content = new byte[32];
      random.nextBytes(content);
      int p = random.nextInt(PROVIDERS);
      providerRecords.add(
          new ProviderRecord(
              Multihash.sha256(content).bytes(),
              peers[p],
              List.of(
                  Multiaddr.parse("/ip4/10." + (p >> 8) + "." + (p & 0xff) + ".1/tcp/4001"),
                  Multiaddr.parse(
                      "/ip4/10." + (p >> 8) + "." + (p & 0xff) + ".1/udp/4001/quic-v1")),
              NOW));
    }
    int[] order = shuffled(n, random);

    ValueStoreOptions valueOptions =
        ValueStoreOptions.DEFAULTS.withMaxRecords(2 * n).withMaxBytes(1L << 30);
    ProviderStoreOptions providerOptions =
        ProviderStoreOptions.DEFAULTS.withMaxKeys(2 * n).withMaxBytes(1L << 30);
    DatastoreOptions rocksOptions =
        DatastoreOptions.DEFAULTS
            .withValues(valueOptions)
            .withProviders(providerOptions)
            .withTicker(FIXED);

    org.rocksdb.RocksDB.loadLibrary();
    System.out.printf(
        Locale.ROOT,
        "%,d value records (44-byte key, 300-byte value) and %,d provider records (34-byte key,"
            + " %,d providers, 2 addresses); one thread, %d cores, %s %s; RocksDB %s, syncWrites"
            + " false%n",
        n,
        n,
        PROVIDERS,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.vm.version"),
        org.rocksdb.RocksDB.rocksdbVersion());
    System.out.printf(
        Locale.ROOT,
        "%-24s %11s %10s %10s %11s %10s %10s%n",
        "store",
        "puts/s",
        "put p50us",
        "put p99us",
        "gets/s",
        "get p50us",
        "get p99us");

    int warm = Math.min(n, 20_000);
    int[] warmOrder = shuffled(warm, random);
    Path tmp = Files.createTempDirectory("store-throughput");
    try {
      // warm-up: the same code paths, on throwaway stores
      values(new CaffeineValueStore(valueOptions, FIXED), records, warmOrder);
      providers(new CaffeineProviderStore(providerOptions, FIXED), providerRecords, warmOrder);
      try (RocksDatastore store = RocksDatastore.open(tmp.resolve("warm"), rocksOptions)) {
        values(store.values(), records, warmOrder);
        providers(store.providers(), providerRecords, warmOrder);
      }

      print(
          "CaffeineValueStore",
          values(new CaffeineValueStore(valueOptions, FIXED), records, order));
      try (RocksDatastore store = RocksDatastore.open(tmp.resolve("values"), rocksOptions)) {
        print("RocksDatastore.values", values(store.values(), records, order));
      }
      print(
          "CaffeineProviderStore",
          providers(new CaffeineProviderStore(providerOptions, FIXED), providerRecords, order));
      try (RocksDatastore store = RocksDatastore.open(tmp.resolve("providers"), rocksOptions)) {
        print("RocksDatastore.providers", providers(store.providers(), providerRecords, order));
      }
      System.out.printf(
          Locale.ROOT,
          "on disk after close: values %.1f MiB, providers %.1f MiB%n",
          size(tmp.resolve("values")) / 1048576.0,
          size(tmp.resolve("providers")) / 1048576.0);
    } finally {
      delete(tmp);
    }
  }

  /** Puts the first {@code order.length} records, then gets them in {@code order}. */
  private static long[][] values(ValueStore store, List<Record> records, int[] order) {
    int n = order.length;
    long[] puts = time(n, i -> store.put(records.get(i)));
    long[] gets = time(n, i -> store.get(records.get(order[i]).key()).isPresent());
    return new long[][] {puts, gets};
  }

  /** Adds the first {@code order.length} records, then gets their keys' providers in order. */
  private static long[][] providers(
      ProviderStore store, List<ProviderRecord> records, int[] order) {
    int n = order.length;
    long[] puts = time(n, i -> store.add(records.get(i)));
    long[] gets = time(n, i -> !store.providers(records.get(order[i]).key()).isEmpty());
    return new long[][] {puts, gets};
  }

  /** The latency of each of {@code n} operations, in nanoseconds, and the total as the last. */
  private static long[] time(int n, IntPredicate op) {
    long[] nanos = new long[n + 1];
    int missed = 0;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      boolean ok = op.test(i);
      nanos[i] = System.nanoTime() - t0;
      if (!ok) {
        missed++;
      }
    }
    nanos[n] = System.nanoTime() - start;
    if (missed > 0) {
      throw new IllegalStateException(missed + " of " + n + " operations failed");
    }
    return nanos;
  }

  private static void print(String name, long[][] putsAndGets) {
    long[] puts = putsAndGets[0];
    long[] gets = putsAndGets[1];
    System.out.printf(
        Locale.ROOT,
        "%-24s %,11.0f %10.1f %10.1f %,11.0f %10.1f %10.1f%n",
        name,
        perSecond(puts),
        percentile(puts, 0.50),
        percentile(puts, 0.99),
        perSecond(gets),
        percentile(gets, 0.50),
        percentile(gets, 0.99));
  }

  private static double perSecond(long[] nanos) {
    int n = nanos.length - 1;
    return n / (nanos[n] / 1e9);
  }

  /** The {@code q} quantile of the latencies, in microseconds. */
  private static double percentile(long[] nanos, double q) {
    long[] sorted = Arrays.copyOf(nanos, nanos.length - 1);
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))] / 1e3;
  }

  private static int[] shuffled(int n, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(StoreThroughput::sizeOf).sum();
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

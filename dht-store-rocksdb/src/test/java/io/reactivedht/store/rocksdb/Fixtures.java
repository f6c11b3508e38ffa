package io.reactivedht.store.rocksdb;

import com.github.benmanes.caffeine.cache.Ticker;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.record.ProviderRecord;
import io.reactivedht.core.record.Record;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksIterator;

/** Records, time and raw access to a datastore's column families, for this module's tests. */
final class Fixtures {
  static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  private Fixtures() {}

  /** A ticker on the epoch time line that moves only when told. */
  static final class ManualTicker implements Ticker {
    private final AtomicLong nanos = new AtomicLong(START.getEpochSecond() * 1_000_000_000L);

    @Override
    public long read() {
      return nanos.get();
    }

    Instant now() {
      return Instant.ofEpochSecond(0, nanos.get());
    }

    void advance(Duration d) {
      nanos.addAndGet(d.toNanos());
    }
  }

  static byte[] recordKey(int i) {
    return ("/pk/" + i).getBytes(StandardCharsets.UTF_8);
  }

  /** {@code n} bytes from a seeded generator: incompressible, the same for the same seed. */
  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static Record record(int i, int size, Instant received) {
    return Record.of(recordKey(i), randomBytes(size, i)).receivedAt(received);
  }

  static byte[] providerKey(int i) {
    return Multihash.sha256(("content " + i).getBytes(StandardCharsets.UTF_8)).bytes();
  }

  static PeerId peer(int i) {
    return PeerId.fromBytes(
        Multihash.sha256(("peer " + i).getBytes(StandardCharsets.UTF_8)).bytes());
  }

  static Multiaddr address(int i) {
    return Multiaddr.parse("/ip4/10.0." + (i / 250) + "." + (i % 250) + "/tcp/4001");
  }

  static ProviderRecord provider(int key, int peer, Instant received) {
    return new ProviderRecord(
        providerKey(key), peer(peer), List.of(address(peer), address(peer + 1)), received);
  }

  /** The keys of {@code cf} that start with {@code prefix}, counted by iterating. */
  static long rawCount(RocksDatastore store, ColumnFamilyHandle cf, byte prefix) {
    Rocks rocks = store.rocks();
    return rocks.call(
        "count",
        () -> {
          long n = 0;
          try (RocksIterator it = rocks.iterator(cf)) {
            for (it.seek(new byte[] {prefix}); it.isValid() && it.key()[0] == prefix; it.next()) {
              n++;
            }
            it.status();
          }
          return n;
        });
  }

  /** The files of {@code dir} whose names end with {@code suffix}, largest first. */
  static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix))
          .sorted(
              (a, b) -> {
                try {
                  return Long.compare(Files.size(b), Files.size(a));
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              })
          .toList();
    }
  }

  /** Flips the bits of {@code file}'s bytes from {@code from} (negative: from the end) on. */
  static void garble(Path file, int from, int length) throws IOException {
    byte[] b = Files.readAllBytes(file);
    int start = from >= 0 ? from : b.length + from;
    for (int i = Math.max(0, start); i < Math.min(b.length, start + length); i++) {
      b[i] ^= (byte) 0x5a;
    }
    Files.write(file, b);
  }

  /** Drops the last {@code n} bytes of {@code file}. */
  static void truncate(Path file, int n) throws IOException {
    byte[] b = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(b, Math.max(0, b.length - n)));
  }

  /** Copies the files of {@code from} (flat: a RocksDB directory has no subdirectories). */
  static void copyDirectory(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.copy(p, to.resolve(p.getFileName()));
      }
    }
  }
}

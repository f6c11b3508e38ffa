package io.reactivedht.core.routing;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH (issue 14): the 20 closest peers to a random key from a full routing table, what a server
 * computes for every FIND_NODE, GET_VALUE and GET_PROVIDERS. The table is filled from 100,000
 * random peer ids, as a node of a large network holds it (about 250 peers in 13 buckets).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClosestPeersBenchmark {
  private static final int TARGETS = 1024;

  private RoutingTable table = new RoutingTable(Key.of(new byte[32]));
  private Key[] targets = new Key[0];
  private int next;

  /** Fills the table and draws the targets from a seeded generator. */
  @Setup
  public void setUp() {
    Random random = new Random(14);
    table = new RoutingTable(Key.of(randomBytes(random)));
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 100_000; i++) {
      table.insert(PeerId.fromBytes(Multihash.sha256(randomBytes(random)).bytes()), true, now);
    }
    targets = new Key[TARGETS];
    for (int i = 0; i < TARGETS; i++) {
      targets[i] = Key.of(randomBytes(random));
    }
  }

  /** The table's size, for the report. */
  public int size() {
    return table.size();
  }

  /** The 20 closest peers to the next target. */
  @Benchmark
  public List<PeerId> closest20() {
    next = (next + 1) & (TARGETS - 1);
    return table.closest(targets[next], 20);
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return bytes;
  }
}

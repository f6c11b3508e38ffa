package io.reactivedht.core.query;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Fixed peers and a fixed target for the lookup unit tests. */
final class TestPeers {
  static final Key TARGET = Key.of("target".getBytes(StandardCharsets.UTF_8));
  static final PeerId SELF = peer(-1);
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final Duration TIMEOUT = LookupConfig.DEFAULT_PEER_TIMEOUT;

  private TestPeers() {}

  static PeerId peer(int n) {
    return PeerId.fromBytes(
        Multihash.sha256(("peer " + n).getBytes(StandardCharsets.UTF_8)).bytes());
  }

  /** {@code count} distinct peers ordered by XOR distance to {@link #TARGET}, closest first. */
  static List<PeerId> closestFirst(int count) {
    return IntStream.range(0, count)
        .mapToObj(TestPeers::peer)
        .sorted(Comparator.comparing((PeerId p) -> p.key().distanceTo(TARGET)))
        .toList();
  }

  static LookupStep.Query query(PeerId peer) {
    return new LookupStep.Query(peer);
  }

  /** Calls next until it stops returning queries, and returns the queried peers in order. */
  static List<PeerId> drain(Lookup lookup, Instant now) {
    List<PeerId> queried = new java.util.ArrayList<>();
    while (lookup.next(now) instanceof LookupStep.Query q) {
      queried.add(q.peer());
    }
    return queried;
  }
}

package io.reactivedht.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.peer.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Drives a {@link Lookup} against a {@link SimulatedNetwork} in virtual time, the way the reactive
 * driver will: loop on {@code next}, send each query (its outcome arrives after a random latency,
 * or never for a silent peer), and between steps advance the clock to the next outcome or the
 * step's deadline. After every step it checks that the lookup's count of requests in flight matches
 * an independent count and never exceeds α.
 */
final class LookupSimulation {
  static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  private record Outcome(Instant at, long order, PeerId peer, boolean success) {}

  private final SimulatedNetwork network;
  private final Random random;
  private final PriorityQueue<Outcome> outcomes =
      new PriorityQueue<>(
          (a, b) -> a.at.equals(b.at) ? Long.compare(a.order, b.order) : a.at.compareTo(b.at));

  /** Requests sent and not yet answered, with their sending time. */
  private final Map<PeerId, Instant> unanswered = new HashMap<>();

  private final List<PeerId> queried = new ArrayList<>();
  private Instant now = START;
  private long order;
  private int maxInFlight;

  LookupSimulation(SimulatedNetwork network, Random random) {
    this.network = network;
    this.random = random;
  }

  /** Runs the lookup to its end and returns its result. */
  List<PeerId> run(Lookup lookup) {
    Duration timeout = lookup.config().peerTimeout();
    for (int steps = 0; ; steps++) {
      assertThat(steps).as("steps").isLessThan(1_000_000);
      LookupStep step = lookup.next(now);
      if (step instanceof LookupStep.Query query) {
        send(query.peer());
      }
      long live =
          unanswered.values().stream().filter(sent -> now.isBefore(sent.plus(timeout))).count();
      assertThat(lookup.inFlight())
          .as("in flight")
          .isEqualTo((int) live)
          .isLessThanOrEqualTo(lookup.config().alpha());
      maxInFlight = Math.max(maxInFlight, lookup.inFlight());
      if (step instanceof LookupStep.Query) {
        continue;
      } else if (step instanceof LookupStep.Waiting waiting) {
        advance(lookup, waiting.nextDeadline());
      } else if (step instanceof LookupStep.AtCapacity atCapacity) {
        advance(lookup, atCapacity.nextDeadline());
      } else {
        assertThat(lookup.isFinished()).isTrue();
        return lookup.result();
      }
    }
  }

  List<PeerId> queried() {
    return queried;
  }

  int maxInFlight() {
    return maxInFlight;
  }

  private void send(PeerId peer) {
    assertThat(unanswered).as("queried twice").doesNotContainKey(peer);
    assertThat(queried).as("queried twice").doesNotContain(peer);
    queried.add(peer);
    unanswered.put(peer, now);
    Instant at = now.plusMillis(10 + random.nextInt(500));
    switch (network.behaviour(peer)) {
      case RESPONSIVE -> outcomes.add(new Outcome(at, order++, peer, true));
      case FAILING -> outcomes.add(new Outcome(at, order++, peer, false));
      case SILENT -> {}
    }
  }

  /**
   * Delivers the next outcome if it comes by {@code deadline}, else moves the clock to the
   * deadline.
   */
  private void advance(Lookup lookup, Instant deadline) {
    assertThat(deadline).isAfter(now);
    Outcome next = outcomes.peek();
    if (next == null || next.at.isAfter(deadline)) {
      now = deadline;
      return;
    }
    outcomes.poll();
    now = next.at;
    unanswered.remove(next.peer);
    boolean accepted =
        next.success
            ? lookup.onSuccess(next.peer, network.findNode(next.peer, lookup.target()))
            : lookup.onFailure(next.peer);
    assertThat(accepted).as("outcome of a queried peer accepted").isTrue();
  }
}

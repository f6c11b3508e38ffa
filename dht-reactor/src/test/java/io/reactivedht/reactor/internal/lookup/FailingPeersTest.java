package io.reactivedht.reactor.internal.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.reactor.testing.TestPeers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FailingPeersTest {
  /**
   * Random adds and removals over 3,000 peers (sets of a few to over a thousand members, filters
   * rebuilt many times): every peer's answer is the set's, so the filter never hides a member.
   */
  @Test
  void answersAsAPlainSetDoes() {
    List<PeerId> ids = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      ids.add(TestPeers.peer(i).id());
    }
    SplittableRandom random = new SplittableRandom(3);
    FailingPeers failing = new FailingPeers();
    Set<PeerId> model = new HashSet<>();
    for (int round = 0; round < 40; round++) {
      int span = 10 + random.nextInt(ids.size() - 10); // how many peers this round touches
      double addShare = random.nextDouble();
      for (int i = 0; i < 2_000; i++) {
        PeerId peer = ids.get(random.nextInt(span));
        if (random.nextDouble() < addShare) {
          failing.add(peer);
          model.add(peer);
        } else {
          failing.remove(peer);
          model.remove(peer);
        }
      }
      for (PeerId peer : ids) {
        assertThat(failing.contains(peer)).as("round %d", round).isEqualTo(model.contains(peer));
      }
      assertThat(failing.size()).isEqualTo(model.size());
    }
  }

  @Test
  void emptyHoldsNothingAndAllocatesNoFilter() {
    FailingPeers failing = new FailingPeers();
    failing.remove(TestPeers.peer(1).id());

    assertThat(failing.contains(TestPeers.peer(1).id())).isFalse();
    assertThat(failing.size()).isZero();
  }
}

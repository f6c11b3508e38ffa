package io.reactivedht.reactor.internal.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.routing.RoutingTable;
import io.reactivedht.reactor.testing.TestPeers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PeerRoutingTest {
  /**
   * The answer a server builds (n peers with addresses, without the requester, leaving some out,
   * from the closest candidates) is the same as filtering the whole list of candidates, however
   * many are left out or have no address: the table is asked for n + 1 first and for the wider set
   * only when that runs short.
   */
  @Test
  void closestPeersEqualsFilteringTheWholeCandidateList() {
    SplittableRandom random = new SplittableRandom(5);
    for (int round = 0; round < 200; round++) {
      List<PeerInfo> all = TestPeers.peers(1 + random.nextInt(120), round);
      PeerId self = all.get(0).id();
      Map<PeerId, PeerInfo> book = new HashMap<>();
      RoutingTable table = new RoutingTable(self.key());
      Set<PeerId> leftOut = new HashSet<>();
      for (PeerInfo peer : all.subList(1, all.size())) {
        boolean addressless = random.nextInt(8) == 0;
        book.put(peer.id(), addressless ? new PeerInfo(peer.id(), List.of()) : peer);
        table.insert(peer.id(), true, Instant.EPOCH);
        if (random.nextInt(4) == 0) {
          leftOut.add(peer.id());
        }
      }
      PeerRouting routing = new PeerRouting(table, book::get);
      Key target = TestPeers.peer(1000 + round).id().key();
      PeerId exclude = all.size() > 1 && random.nextBoolean() ? all.get(1).id() : null;
      int n = 1 + random.nextInt(25);
      int candidates = n + random.nextInt(25);

      assertThat(routing.closestPeers(target, n, exclude, leftOut::contains, candidates))
          .as("round %d", round)
          .containsExactlyElementsOf(
              filtered(table, book, target, n, exclude, leftOut::contains, candidates));
    }
  }

  private static List<PeerInfo> filtered(
      RoutingTable table,
      Map<PeerId, PeerInfo> book,
      Key target,
      int n,
      @Nullable PeerId exclude,
      Predicate<PeerId> leaveOut,
      int candidates) {
    List<PeerInfo> withAddresses = new ArrayList<>();
    for (PeerId id : table.closest(target, candidates + (exclude == null ? 0 : 1))) {
      PeerInfo info = book.get(id);
      if (!id.equals(exclude) && !info.addresses().isEmpty()) {
        withAddresses.add(info);
      }
    }
    return withAddresses.stream()
        .limit(candidates)
        .filter(peer -> !leaveOut.test(peer.id()))
        .limit(n)
        .toList();
  }
}

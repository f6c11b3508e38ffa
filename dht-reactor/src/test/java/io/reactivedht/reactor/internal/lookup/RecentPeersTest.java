package io.reactivedht.reactor.internal.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecentPeersTest {
  private static final class Record extends RecentPeers.Entry {
    Record(PeerId id) {
      super(id);
    }
  }

  private static PeerId peer(int n) {
    return PeerId.fromBytes(
        Multihash.sha256(("peer " + n).getBytes(StandardCharsets.UTF_8)).bytes());
  }

  @Test
  void keepsOneRecordPerPeerAndFindsItByAnEqualId() {
    RecentPeers<Record> peers = new RecentPeers<>(4, Record::new, r -> {});
    Record made = peers.getOrCreate(peer(1));

    assertThat(peers.getOrCreate(peer(1))).isSameAs(made);
    assertThat(peers.get(peer(1))).isSameAs(made); // peer(1) is a new, equal PeerId each time
    assertThat(peers.get(peer(2))).isNull();
    assertThat(peers.size()).isEqualTo(1);
  }

  @Test
  void dropsTheLeastRecentlyUsedWhenFull() {
    List<PeerId> dropped = new ArrayList<>();
    RecentPeers<Record> peers = new RecentPeers<>(3, Record::new, r -> dropped.add(r.id));
    peers.getOrCreate(peer(1));
    peers.getOrCreate(peer(2));
    peers.getOrCreate(peer(3));
    peers.get(peer(1)); // 2 is now the least recently used

    peers.getOrCreate(peer(4));

    assertThat(dropped).containsExactly(peer(2));
    assertThat(peers.get(peer(2))).isNull();
    assertThat(peers.size()).isEqualTo(3);
  }

  @Test
  void behavesAsAnAccessOrderedLinkedHashMapOverManyRandomUses() {
    int capacity = 100;
    List<PeerId> dropped = new ArrayList<>();
    List<PeerId> droppedByMap = new ArrayList<>();
    RecentPeers<Record> peers = new RecentPeers<>(capacity, Record::new, r -> dropped.add(r.id));
    Map<PeerId, Boolean> model =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<PeerId, Boolean> eldest) {
            if (size() > capacity) {
              droppedByMap.add(eldest.getKey());
              return true;
            }
            return false;
          }
        };
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      PeerId id = peer(random.nextInt(300));
      if (random.nextBoolean()) {
        peers.getOrCreate(id);
        model.computeIfAbsent(id, k -> true);
      } else {
        assertThat(peers.get(id) != null).isEqualTo(model.get(id) != null);
      }
    }
    assertThat(dropped).isEqualTo(droppedByMap);
    assertThat(peers.size()).isEqualTo(model.size());
    for (PeerId id : model.keySet()) {
      assertThat(peers.get(id)).isNotNull();
    }
  }

  @Test
  void refusesANonPositiveCapacity() {
    assertThatThrownBy(() -> new RecentPeers<Record>(0, Record::new, r -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

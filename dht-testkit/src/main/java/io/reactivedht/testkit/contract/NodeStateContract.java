package io.reactivedht.testkit.contract;

import static io.reactivedht.testkit.contract.StoreFixtures.address;
import static io.reactivedht.testkit.contract.StoreFixtures.bytes;
import static io.reactivedht.testkit.contract.StoreFixtures.peer;
import static io.reactivedht.testkit.contract.StoreFixtures.recordKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.reactor.routing.RoutingSnapshot;
import io.reactivedht.reactor.state.NodeState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link NodeState} must have, as JUnit 5 tests: extend it once per
 * implementation and supply {@link #newState}. A persistent implementation also overrides {@link
 * #reopened}, and every test then checks that what it wrote survives a restart.
 */
public abstract class NodeStateContract {
  /** For subclasses. */
  protected NodeStateContract() {}

  /**
   * A new empty state.
   *
   * @return the state under test
   */
  protected abstract NodeState newState();

  /**
   * The state as the next process would see it: a persistent implementation closes {@code state}
   * and opens its storage again; the default (in memory) returns {@code state} itself.
   *
   * @param state a state returned by {@link #newState} or by this method
   * @return the state after a restart
   */
  protected NodeState reopened(NodeState state) {
    return state;
  }

  private static Cid cid(int i) {
    return Cid.v1(Cid.RAW, multihash(i));
  }

  private static Multihash multihash(int i) {
    return Multihash.sha256(("content " + i).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aNewStateIsEmpty() {
    NodeState state = newState();
    assertThat(state.provided()).isEmpty();
    assertThat(state.published()).isEmpty();
    assertThat(state.routingSnapshot()).isEqualTo(RoutingSnapshot.EMPTY);
  }

  @Test
  void providedCidsAreKeptOncePerMultihash() {
    NodeState state = newState();
    state.addProvided(cid(1));
    state.addProvided(cid(2));
    state.addProvided(cid(1));
    state.addProvided(Cid.v0(multihash(2))); // the same content as cid(2): replaces it

    assertThat(reopened(state).provided()).containsExactlyInAnyOrder(cid(1), Cid.v0(multihash(2)));
  }

  @Test
  void aCidNoLongerProvidedIsForgotten() {
    NodeState state = newState();
    state.addProvided(cid(1));
    state.addProvided(cid(2));
    state.removeProvided(cid(1));
    state.removeProvided(cid(3)); // never provided: nothing happens

    assertThat(reopened(state).provided()).containsExactly(cid(2));
  }

  @Test
  void publishedRecordsKeepTheLastValuePerKey() {
    NodeState state = newState();
    state.putPublished(recordKey(1), bytes(10, 1));
    state.putPublished(recordKey(2), bytes(20, 2));
    state.putPublished(recordKey(1), bytes(30, 3));

    List<Record> published = reopened(state).published();
    assertThat(published).hasSize(2);
    assertThat(published)
        .anySatisfy(r -> assertThat(r).isEqualTo(Record.of(recordKey(1), bytes(30, 3))))
        .anySatisfy(r -> assertThat(r).isEqualTo(Record.of(recordKey(2), bytes(20, 2))));
    assertThat(published).allSatisfy(r -> assertThat(r.timeReceived()).isNull());
  }

  @Test
  void anUnpublishedRecordIsForgotten() {
    NodeState state = newState();
    state.putPublished(recordKey(1), bytes(10, 1));
    state.putPublished(recordKey(2), bytes(20, 2));
    state.removePublished(recordKey(1));

    assertThat(reopened(state).published()).containsExactly(Record.of(recordKey(2), bytes(20, 2)));
  }

  @Test
  void publishedValuesAreCopiedNotShared() {
    NodeState state = newState();
    byte[] key = recordKey(1);
    byte[] value = bytes(10, 1);
    state.putPublished(key, value);
    value[0] = 9;
    key[0] = 9;

    assertThat(state.published()).containsExactly(Record.of(recordKey(1), bytes(10, 1)));
  }

  @Test
  void theRoutingSnapshotIsKeptWholeAndReplaced() {
    NodeState state = newState();
    List<PeerInfo> peers = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      peers.add(
          new PeerInfo(peer(i), i % 5 == 0 ? List.of() : List.of(address(i), address(i + 1))));
    }
    RoutingSnapshot first =
        new RoutingSnapshot(
            peers, Map.of(0, Instant.ofEpochSecond(1_700_000_000, 123_000_000), 7, Instant.EPOCH));
    state.saveRoutingSnapshot(first);
    assertThat(reopened(state).routingSnapshot()).isEqualTo(first);

    NodeState again = reopened(state);
    RoutingSnapshot second =
        new RoutingSnapshot(List.of(new PeerInfo(peer(99), List.of())), Map.of());
    again.saveRoutingSnapshot(second);
    assertThat(reopened(again).routingSnapshot()).isEqualTo(second);
  }

  @Test
  void theThreeKindsOfStateAreIndependent() {
    NodeState state = newState();
    state.addProvided(cid(1));
    state.putPublished(recordKey(1), bytes(10, 1));
    state.saveRoutingSnapshot(
        new RoutingSnapshot(List.of(new PeerInfo(peer(1), List.of())), Map.of()));
    state.removeProvided(cid(1));

    NodeState after = reopened(state);
    assertThat(after.provided()).isEmpty();
    assertThat(after.published()).hasSize(1);
    assertThat(after.routingSnapshot().peers()).hasSize(1);
  }
}

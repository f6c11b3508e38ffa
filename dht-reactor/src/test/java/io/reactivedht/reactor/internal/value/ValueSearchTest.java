package io.reactivedht.reactor.internal.value;

import static io.reactivedht.reactor.internal.value.ValueFixtures.FAR_FUTURE;
import static io.reactivedht.reactor.internal.value.ValueFixtures.IPNS_KEY;
import static io.reactivedht.reactor.internal.value.ValueFixtures.ipns;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.validation.NamespacedValidator;
import io.reactivedht.reactor.testing.TestPeers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueSearchTest {
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  private static final Record OLDER = Record.of(IPNS_KEY, ipns("bafy-older", 1, FAR_FUTURE));
  private static final Record NEWER = Record.of(IPNS_KEY, ipns("bafy-newer", 2, FAR_FUTURE));
  private static final Record GARBAGE =
      Record.of(IPNS_KEY, "garbage".getBytes(StandardCharsets.UTF_8));
  private static final Record EXPIRED =
      Record.of(IPNS_KEY, ipns("bafy-expired", 9, Instant.parse("2024-01-01T00:00:00Z")));

  /** Ten peers, closest to the key first. */
  private final List<PeerInfo> peers =
      TestPeers.peers(10, 5).stream()
          .sorted(Comparator.comparing(p -> p.id().key(), Key.of(IPNS_KEY).byDistance()))
          .toList();

  private final PeerInfo self = TestPeers.peer(99);

  private ValueSearch search() {
    return new ValueSearch(IPNS_KEY, NamespacedValidator.defaults());
  }

  @Test
  void onlyAStrictlyBetterRecordBecomesTheBest() {
    ValueSearch search = search();

    search.accept(peers.get(0), OLDER, NOW);
    assertThat(search.best()).containsSame(OLDER);
    Record olderAgain = Record.of(OLDER.key(), OLDER.value());
    search.accept(peers.get(1), olderAgain, NOW);
    assertThat(search.best()).as("an equal record is not better").containsSame(OLDER);
    search.accept(peers.get(2), NEWER, NOW);
    assertThat(search.best()).containsSame(NEWER);
    search.accept(peers.get(3), OLDER, NOW);
    search.accept(peers.get(4), Record.of(NEWER.key(), NEWER.value()), NOW);

    assertThat(search.best()).containsSame(NEWER);
    assertThat(search.isBetter(NEWER, OLDER)).isTrue();
    assertThat(search.isBetter(OLDER, NEWER)).isFalse();
    assertThat(search.isBetter(GARBAGE, OLDER)).as("unreadable by Select").isFalse();
  }

  @Test
  void acceptsValidRecordsOnlyAndTheLocalOneToo() {
    ValueSearch search = search();

    assertThat(search.acceptLocal(self.id(), OLDER, NOW)).isEqualTo(OLDER);
    assertThat(search.accept(peers.get(0), GARBAGE, NOW)).isNull();
    assertThat(search.accept(peers.get(1), EXPIRED, NOW)).isNull();
    assertThat(search.accept(peers.get(2), null, NOW)).isNull();
    assertThat(
            search.accept(
                peers.get(3),
                Record.of("/ipns/another".getBytes(StandardCharsets.UTF_8), NEWER.value()),
                NOW))
        .as("under another key")
        .isNull();
    assertThat(search.accept(peers.get(4), NEWER, NOW)).isEqualTo(NEWER);
    assertThat(search.accept(peers.get(5), OLDER, NOW)).as("valid, if outdated").isEqualTo(OLDER);
    assertThat(search.best()).contains(NEWER);
  }

  @Test
  void anInvalidRecordIsNeverEmitted() {
    ValueSearch search = search();

    assertThat(search.accept(peers.get(0), GARBAGE, NOW)).isNull();
    assertThat(search.accept(peers.get(1), EXPIRED, NOW)).isNull();
    assertThat(search.best()).isEmpty();
  }

  @Test
  void correctsTheClosestPeersWithoutTheBestAndEveryOutdatedOne() {
    ValueSearch search = search();
    search.accept(peers.get(0), OLDER, NOW); // best first, outdated once NEWER comes
    search.accept(peers.get(1), NEWER, NOW);
    search.accept(peers.get(2), null, NOW);
    search.accept(peers.get(3), GARBAGE, NOW);
    search.accept(peers.get(4), NEWER, NOW);
    search.accept(peers.get(6), null, NOW); // beyond the 5 closest that answered
    search.accept(peers.get(8), OLDER, NOW); // beyond them too, but outdated
    search.accept(peers.get(5), null, NOW);

    assertThat(search.correctionTargets(5))
        .containsExactly(peers.get(0), peers.get(2), peers.get(3), peers.get(8));
  }

  @Test
  void anOutdatedLocalRecordIsCorrectedLocallyNotOverTheNetwork() {
    ValueSearch outdatedLocally = search();
    outdatedLocally.acceptLocal(self.id(), OLDER, NOW);
    outdatedLocally.accept(peers.get(0), NEWER, NOW);

    ValueSearch upToDateLocally = search();
    upToDateLocally.acceptLocal(self.id(), NEWER, NOW);
    upToDateLocally.accept(peers.get(0), OLDER, NOW);

    assertThat(outdatedLocally.localOutdated()).isTrue();
    assertThat(outdatedLocally.correctionTargets(5)).isEmpty();
    assertThat(upToDateLocally.localOutdated()).isFalse();
    assertThat(upToDateLocally.correctionTargets(5)).containsExactly(peers.get(0));
  }

  @Test
  void withoutAnyValidRecordNobodyIsCorrected() {
    ValueSearch search = search();
    search.accept(peers.get(0), null, NOW);
    search.accept(peers.get(1), GARBAGE, NOW);

    assertThat(search.correctionTargets(5)).isEmpty();
    assertThat(search.localOutdated()).isFalse();
  }
}

package io.reactivedht.transport.peerstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PeerStoreTest {
  private static final PeerId PEER =
      PeerId.parse("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA");
  private static final Multiaddr A = Multiaddr.parse("/ip4/10.0.0.1/tcp/4001");
  private static final Multiaddr B = Multiaddr.parse("/ip4/10.0.0.2/tcp/4001");
  private final AtomicLong nanos = new AtomicLong(1);
  private final PeerStore store = new PeerStore(100, nanos::get);

  @Test
  void eachAddressExpiresOnItsOwn() {
    store.add(PEER, List.of(A), Duration.ofMinutes(10));
    store.add(PEER, List.of(B), Duration.ofMinutes(1));
    assertThat(store.addresses(PEER)).containsExactly(A, B);
    nanos.addAndGet(Duration.ofMinutes(2).toNanos());
    assertThat(store.addresses(PEER)).containsExactly(A);
  }

  @Test
  void aShorterTtlNeverShortensAnAddress() {
    store.add(PEER, List.of(A), Duration.ofMinutes(10));
    store.add(PEER, List.of(A), Duration.ofSeconds(1));
    nanos.addAndGet(Duration.ofMinutes(5).toNanos());
    assertThat(store.addresses(PEER)).containsExactly(A);
  }

  @Test
  void thePeerIdSuffixIsDropped() {
    store.add(PEER, List.of(A.withPeerId(PEER)), Duration.ofMinutes(1));
    assertThat(store.addresses(PEER)).containsExactly(A);
  }

  @Test
  void addressesPerPeerAreBounded() {
    for (int i = 0; i < 100; i++) {
      store.add(
          PEER,
          List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/" + (1000 + i))),
          Duration.ofMinutes(1 + i));
    }
    List<Multiaddr> kept = store.addresses(PEER);
    assertThat(kept).hasSize(PeerStore.MAX_ADDRESSES_PER_PEER);
    assertThat(kept.get(0))
        .isEqualTo(Multiaddr.parse("/ip4/10.0.0.1/tcp/1099")); // the longest-lived stay
  }

  @Test
  void aHostileListOfAddressesIsReadOnlyUpToTheBound() {
    List<Multiaddr> flood = new ArrayList<>();
    for (int i = 0; i < 400_000; i++) {
      flood.add(
          Multiaddr.parse(
              "/ip4/10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255) + "/tcp/1"));
    }
    store.add(PEER, List.of(A), Duration.ofMinutes(10));

    store.add(PEER, flood, Duration.ofMinutes(1));

    // the first 32 of the flood were read; A outlives them all and stays first
    assertThat(store.addresses(PEER))
        .hasSize(PeerStore.MAX_ADDRESSES_PER_PEER)
        .startsWith(A)
        .doesNotContain(flood.get(PeerStore.MAX_ADDRESSES_PER_PEER));
  }

  @Test
  void unknownPeersHaveNoAddresses() {
    assertThat(store.addresses(PEER)).isEmpty();
  }
}

package io.reactivedht.reactor;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.reactor.lookup.LookupEvent;
import java.util.Arrays;

/** What a {@link Dht} reports to observers through {@link Dht#events()}: lookups, corrections, table changes. */
public sealed interface DhtEvent {
  /** @param event a lookup sent a request, got an answer or a failure, or finished */
  record Lookup(LookupEvent event) implements DhtEvent {}

  /**
   * Entry correction: after a GET_VALUE, the best record was PUT to a peer that returned an outdated record or none.
   *
   * @param peer the corrected peer
   * @param key the record key
   * @param accepted whether the peer accepted the record
   */
  record Correction(PeerId peer, byte[] key, boolean accepted) implements DhtEvent {
    /** Copies the key. */
    public Correction {
      key = key.clone();
    }

    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Correction c && peer.equals(c.peer) && Arrays.equals(key, c.key) && accepted == c.accepted;
    }

    @Override
    public int hashCode() {
      return (peer.hashCode() * 31 + Arrays.hashCode(key)) * 31 + Boolean.hashCode(accepted);
    }
  }

  /** @param peer a DHT server entered the routing table */
  record PeerAdded(PeerId peer) implements DhtEvent {}

  /** @param peer a peer left the routing table (failed, evicted, or no longer a server) */
  record PeerRemoved(PeerId peer) implements DhtEvent {}

  /** @param mode the node now runs in this mode (server or client) */
  record ModeChanged(Mode mode) implements DhtEvent {}
}

package io.reactivedht.reactor.event;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.reactor.config.Mode;
import io.reactivedht.reactor.lookup.LookupEvent;
import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link io.reactivedht.reactor.Dht} reports to observers through {@link
 * io.reactivedht.reactor.Dht#events()}: lookups, corrections, provider announcements, table
 * changes.
 */
public sealed interface DhtEvent {
  /**
   * A step of a lookup.
   *
   * @param event a lookup sent a request, got an answer or a failure, or finished
   */
  record Lookup(LookupEvent event) implements DhtEvent {}

  /**
   * Entry correction: after a GET_VALUE, the best record was PUT to a peer that returned an
   * outdated record or none, or stored in the local store if the local record was outdated.
   *
   * @param peer the corrected peer; the local peer for the local store
   * @param key the record key
   * @param accepted whether the peer accepted the record (its echo carried it), or the local store
   *     took it
   */
  @SuppressWarnings("ArrayRecordComponent") // copied in and out, compared by contents
  record Correction(PeerId peer, byte[] key, boolean accepted) implements DhtEvent {
    /**
     * Copies the key.
     *
     * @param peer the corrected peer; the local peer for the local store
     * @param key the record key; copied
     * @param accepted whether the peer, or the local store, took the record
     */
    public Correction {
      key = key.clone();
    }

    /**
     * The record key.
     *
     * @return a copy of the key
     */
    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Correction c
          && peer.equals(c.peer)
          && Arrays.equals(key, c.key)
          && accepted == c.accepted;
    }

    @Override
    public int hashCode() {
      return (peer.hashCode() * 31 + Arrays.hashCode(key)) * 31 + Boolean.hashCode(accepted);
    }
  }

  /**
   * Provide: an ADD_PROVIDER went to one of the peers closest to the key. The protocol has no
   * acknowledgement, so delivered means the request reached the peer, not that it stored the
   * record.
   *
   * @param peer the peer
   * @param key the provider key (the multihash)
   * @param delivered whether the request was delivered
   */
  @SuppressWarnings("ArrayRecordComponent") // copied in and out, compared by contents
  record ProviderAnnounced(PeerId peer, byte[] key, boolean delivered) implements DhtEvent {
    /**
     * Copies the key.
     *
     * @param peer the peer the ADD_PROVIDER went to
     * @param key the provider key (the multihash); copied
     * @param delivered whether the request was delivered
     */
    public ProviderAnnounced {
      key = key.clone();
    }

    /**
     * The provider key (the multihash).
     *
     * @return a copy of the key
     */
    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof ProviderAnnounced p
          && peer.equals(p.peer)
          && Arrays.equals(key, p.key)
          && delivered == p.delivered;
    }

    @Override
    public int hashCode() {
      return (peer.hashCode() * 31 + Arrays.hashCode(key)) * 31 + Boolean.hashCode(delivered);
    }

    @Override
    public String toString() {
      return "ProviderAnnounced[peer="
          + peer
          + ", key="
          + HexFormat.of().formatHex(key)
          + ", delivered="
          + delivered
          + "]";
    }
  }

  /**
   * A DHT server entered the routing table.
   *
   * @param peer the peer
   */
  record PeerAdded(PeerId peer) implements DhtEvent {}

  /**
   * A peer left the routing table (failed, evicted, or no longer a server).
   *
   * @param peer the peer
   */
  record PeerRemoved(PeerId peer) implements DhtEvent {}

  /**
   * The node switched modes.
   *
   * @param mode the mode it now runs in (server or client)
   */
  record ModeChanged(Mode mode) implements DhtEvent {}

  /**
   * A warm start checked the peers of its restored routing table: those that did not answer left
   * the table.
   *
   * @param restored the peers the restored table held
   * @param answered how many of them answered
   * @param stale whether too few answered (fewer than k, or fewer than all of a smaller table), so
   *     that the bootstrap peers were contacted too
   */
  record RestoredTableChecked(int restored, int answered, boolean stale) implements DhtEvent {}
}

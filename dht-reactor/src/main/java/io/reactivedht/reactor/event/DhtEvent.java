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
   * outdated record or none.
   *
   * @param peer the corrected peer
   * @param key the record key
   * @param accepted whether the peer accepted the record
   */
  @SuppressWarnings("ArrayRecordComponent") // copied in and out, compared by contents
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
    /** Copies the key. */
    public ProviderAnnounced {
      key = key.clone();
    }

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
}

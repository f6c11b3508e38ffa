package io.reactivedht.core.wire;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.record.Rfc3339;
import io.reactivedht.core.wire.pb.DhtProto;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Peer} and {@code Record} entries of a DHT message, to and from {@link PeerInfo} and
 * {@link Record}. Decoding is as lenient as go and js where they are: entries that do not decode
 * are dropped, not fatal.
 */
final class ProtoEntries {
  private ProtoEntries() {}

  /**
   * How many decoded peer ids, and separately multiaddrs and encoded peer entries, are kept. The
   * same peers come back in answer after answer (a lookup's every hop names the peers around its
   * target), and decoding one costs a multihash, a public key check and a SHA-256; a hit costs a
   * hash of bytes the message parser made anyway. About 3 MB in all when full.
   */
  static final int DECODED_CACHE_SIZE = 4096;

  private static final Cache<ByteString, PeerId> PEER_IDS = decodedCache();
  private static final Cache<ByteString, Multiaddr> ADDRESSES = decodedCache();

  private static <K, V> Cache<K, V> decodedCache() {
    return Caffeine.newBuilder()
        .maximumSize(DECODED_CACHE_SIZE)
        .executor(Runnable::run) // upkeep on the decoding thread, no pool wake-ups
        .build();
  }

  /** Wraps bytes that nobody else holds (callers pass fresh copies). */
  static ByteString wrap(byte[] fresh) {
    return UnsafeByteOperations.unsafeWrap(fresh);
  }

  /**
   * Encoded {@code Peer} entries by the peer and addresses they carry: a server names the same
   * peers of its table in answer after answer, and building an entry copies the id and every
   * address. A peer whose addresses change gets a new entry; the old one ages out.
   */
  private static final Cache<PeerInfo, DhtProto.Message.Peer> ENCODED_PEERS = decodedCache();

  /**
   * A {@code Peer} entry: id and addresses, without {@code connection} (informational; js leaves it
   * out).
   */
  static DhtProto.Message.Peer encode(PeerInfo peer) {
    return ENCODED_PEERS.get(peer, ProtoEntries::build);
  }

  private static DhtProto.Message.Peer build(PeerInfo peer) {
    DhtProto.Message.Peer.Builder entry =
        DhtProto.Message.Peer.newBuilder().setId(wrap(peer.id().bytes()));
    for (Multiaddr address : peer.addresses()) {
      entry.addAddrs(wrap(address.bytes()));
    }
    return entry.build();
  }

  /** The entries that decode, in order; see {@link #decode(DhtProto.Message.Peer)}. */
  static List<PeerInfo> decode(List<DhtProto.Message.Peer> entries) {
    List<PeerInfo> peers = new ArrayList<>(entries.size());
    for (DhtProto.Message.Peer entry : entries) {
      PeerInfo peer = decode(entry);
      if (peer != null) {
        peers.add(peer);
      }
    }
    return peers;
  }

  /**
   * A {@code Peer} entry, or null when its id is not a peer id ({@link PeerId#fromBytes} rejects
   * it): such a peer cannot be dialed or placed in keyspace. Addresses that are not multiaddrs are
   * dropped silently, as go and js drop them, and so are addresses that name another peer or
   * nothing but a peer. {@code connection} is ignored.
   */
  static @Nullable PeerInfo decode(DhtProto.Message.Peer entry) {
    PeerId id;
    try {
      id = PEER_IDS.get(entry.getId(), bytes -> PeerId.fromBytes(bytes.toByteArray()));
    } catch (DecodingException e) {
      return null;
    }
    List<Multiaddr> addresses = new ArrayList<>(entry.getAddrsCount());
    for (ByteString bytes : entry.getAddrsList()) {
      Multiaddr address = address(bytes, id);
      if (address != null) {
        addresses.add(address);
      }
    }
    return new PeerInfo(id, addresses);
  }

  private static @Nullable Multiaddr address(ByteString bytes, PeerId id) {
    try {
      Multiaddr address = ADDRESSES.get(bytes, b -> Multiaddr.fromBytes(b.toByteArray()));
      Optional<PeerId> named = address.peerId();
      if (named.isPresent() && (!named.get().equals(id) || address.components().size() == 1)) {
        return null;
      }
      return address;
    } catch (DecodingException e) {
      return null;
    }
  }

  /**
   * A {@code Record} entry; {@code timeReceived} written only when set, as {@link Rfc3339#format}
   * gives it.
   */
  static DhtProto.Record encode(Record record) {
    DhtProto.Record.Builder entry =
        DhtProto.Record.newBuilder().setKey(wrap(record.key())).setValue(wrap(record.value()));
    Instant timeReceived = record.timeReceived();
    if (timeReceived != null) {
      entry.setTimeReceived(Rfc3339.format(timeReceived));
    }
    return entry.build();
  }

  /**
   * A {@code Record} entry. The removed fields 3 and 4 are skipped. A {@code timeReceived} that is
   * absent or does not parse as RFC 3339 reads as null: it is informational (go's client never
   * reads it and go's server overwrites it with its own clock), so a peer's odd clock format must
   * not cost the record.
   */
  static Record decode(DhtProto.Record entry) {
    return new Record(
        entry.getKey().toByteArray(), entry.getValue().toByteArray(), timeReceived(entry));
  }

  private static @Nullable Instant timeReceived(DhtProto.Record entry) {
    String text = entry.getTimeReceived();
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Rfc3339.parse(text);
    } catch (DecodingException e) {
      return null;
    }
  }
}

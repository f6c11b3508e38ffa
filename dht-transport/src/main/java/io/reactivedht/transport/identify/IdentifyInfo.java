package io.reactivedht.transport.identify;

import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.crypto.PublicKey;
import io.reactivedht.core.envelope.PeerRecord;
import io.reactivedht.core.envelope.SignedEnvelope;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a peer tells about itself in an Identify message (WIRE §9.1): its key, addresses, protocols
 * and versions, and optionally its addresses again as a signed peer record. Immutable; the
 * protocols keep their order.
 *
 * <p>Infos that {@link IdentifyCodec#decode} returns have been checked: the key is the remote's and
 * the signed record, if any, verified and names that peer. Infos built with {@link #local} carry a
 * record sealed with our key.
 *
 * @param publicKey the peer's public key
 * @param listenAddresses the addresses it listens on, as sent in {@code listenAddrs}, without
 *     {@code /p2p}
 * @param protocols the protocol ids it accepts inbound streams for, in the order sent
 * @param observedAddress the receiver's address as the sender sees it on this connection, if it
 *     said
 * @param protocolVersion informational, e.g. {@code ipfs/0.1.0}; may be empty
 * @param agentVersion the implementation, e.g. {@code js-libp2p/3.3.11}; may be empty
 * @param signedPeerRecord an envelope holding the peer's {@link PeerRecord}, signed by {@code
 *     publicKey}
 */
public record IdentifyInfo(
    PublicKey publicKey,
    List<Multiaddr> listenAddresses,
    Set<String> protocols,
    @Nullable Multiaddr observedAddress,
    String protocolVersion,
    String agentVersion,
    @Nullable SignedEnvelope signedPeerRecord) {

  /** The protocol version js sends and the spec names. */
  public static final String DEFAULT_PROTOCOL_VERSION = "ipfs/0.1.0";

  /**
   * Copies the collections.
   *
   * @throws IllegalArgumentException if the signed record's envelope is signed by another key
   */
  public IdentifyInfo {
    listenAddresses = List.copyOf(listenAddresses);
    protocols = Collections.unmodifiableSet(new LinkedHashSet<>(protocols));
    if (signedPeerRecord != null && !signedPeerRecord.publicKey().equals(publicKey)) {
      throw new IllegalArgumentException(
          "identify: signed peer record of "
              + signedPeerRecord.signer()
              + " in the info of "
              + PeerId.fromPublicKey(publicKey));
    }
  }

  /**
   * Our own info: a peer record of {@code listenAddresses} with sequence number {@code seq}, sealed
   * with {@code identity}, protocol version {@value #DEFAULT_PROTOCOL_VERSION} and no observed
   * address (add one per connection with {@link #withObservedAddress}).
   *
   * @param seq the record's sequence number; must grow each time the addresses change (a Unix time
   *     in milliseconds works)
   * @param listenAddresses dialable addresses, without {@code /p2p} (stripped if given)
   */
  public static IdentifyInfo local(
      PrivateKey identity,
      long seq,
      List<Multiaddr> listenAddresses,
      Set<String> protocols,
      String agentVersion) {
    PeerRecord record =
        new PeerRecord(PeerId.fromPublicKey(identity.publicKey()), seq, listenAddresses);
    return new IdentifyInfo(
        identity.publicKey(),
        record.addresses(),
        protocols,
        null,
        DEFAULT_PROTOCOL_VERSION,
        agentVersion,
        record.seal(identity));
  }

  /** This info telling the receiver the address it is seen at (or nothing, if null). */
  public IdentifyInfo withObservedAddress(@Nullable Multiaddr observed) {
    return new IdentifyInfo(
        publicKey,
        listenAddresses,
        protocols,
        observed,
        protocolVersion,
        agentVersion,
        signedPeerRecord);
  }

  /** The peer this info is about, derived from {@link #publicKey()}. */
  public PeerId peerId() {
    return PeerId.fromPublicKey(publicKey);
  }

  /**
   * The peer record in {@link #signedPeerRecord()}, if there is one.
   *
   * @throws io.reactivedht.core.multiformats.DecodingException if a hand-built info's envelope
   *     holds no peer record (never for infos from {@link IdentifyCodec#decode} or {@link #local})
   */
  public @Nullable PeerRecord peerRecord() {
    return signedPeerRecord == null ? null : PeerRecord.decode(signedPeerRecord.payload());
  }

  /**
   * The addresses to dial the peer at: those of the signed peer record when there is one (they are
   * certified), else {@link #listenAddresses()}.
   */
  public List<Multiaddr> addresses() {
    PeerRecord record = peerRecord();
    return record == null ? listenAddresses : record.addresses();
  }
}

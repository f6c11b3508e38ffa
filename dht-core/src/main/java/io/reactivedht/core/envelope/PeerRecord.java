package io.reactivedht.core.envelope;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.envelope.pb.PeerRecordProto;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A libp2p routing record (RFC 0003): a peer's addresses, stamped with a sequence number and
 * carried in a {@link SignedEnvelope} with domain {@value #DOMAIN} and payload type {@code 03 01},
 * e.g. in Identify's {@code signedPeerRecord}.
 *
 * <p>{@link #open} and {@link #fromEnvelope} check what the envelope itself proves: the signature
 * for this domain, the payload type, and that the envelope's key is the record's peer. Two checks
 * are the caller's, because only it knows the context: that {@link #peerId()} is the remote peer of
 * the connection the record came on, and that {@link #seq()} is newer than the last record accepted
 * from that peer (compare with {@link Long#compareUnsigned}).
 *
 * @param peerId the peer the addresses belong to
 * @param seq the sequence number, unsigned 64-bit in a long (so {@code -1} is 2<sup>64</sup>-1); a
 *     later record of the same peer has a larger one
 * @param addresses the addresses, without a trailing {@code /p2p/<peerId>} (stripped if given); may
 *     be empty
 */
public record PeerRecord(PeerId peerId, long seq, List<Multiaddr> addresses) {
  /** The envelope domain of peer records. */
  public static final String DOMAIN = "libp2p-peer-record";

  /**
   * The longest PeerRecord encoding {@link #decode} reads, the same bound as a whole envelope's.
   */
  public static final int MAX_ENCODED_BYTES = SignedEnvelope.MAX_ENCODED_BYTES;

  /**
   * Multicodec 0x0301 ({@code libp2p-peer-record}) as two big-endian bytes, not as the varint
   * {@code 81 06}.
   */
  private static final byte[] PAYLOAD_TYPE = {0x03, 0x01};

  /**
   * Copies the list and strips a trailing {@code /p2p/<peerId>} from each address.
   *
   * @param peerId the peer the addresses belong to
   * @param seq the sequence number, unsigned
   * @param addresses the addresses, with or without a trailing {@code /p2p/<peerId>}
   * @throws IllegalArgumentException if an address ends with the {@code /p2p} of another peer
   */
  public PeerRecord {
    addresses = new PeerInfo(peerId, addresses).addresses();
  }

  /**
   * The envelope payload type of peer records.
   *
   * @return a new array holding {@code 03 01}
   */
  public static byte[] payloadType() {
    return PAYLOAD_TYPE.clone();
  }

  /**
   * The proto3 PeerRecord, as go and js write it: {@code peer_id}, then {@code seq} unless 0, then
   * one {@code AddressInfo} per address.
   *
   * @return the protobuf bytes, the payload of the record's envelope
   */
  public byte[] encode() {
    PeerRecordProto.PeerRecord.Builder pb =
        PeerRecordProto.PeerRecord.newBuilder()
            .setPeerId(ByteString.copyFrom(peerId.bytes()))
            .setSeq(seq);
    for (Multiaddr address : addresses) {
      pb.addAddresses(
          PeerRecordProto.PeerRecord.AddressInfo.newBuilder()
              .setMultiaddr(ByteString.copyFrom(address.bytes())));
    }
    return pb.build().toByteArray();
  }

  /**
   * Decodes a PeerRecord protobuf without any envelope check; see {@link #open}. Like go and js, it
   * silently drops addresses that do not parse; it also drops those ending with another peer's
   * {@code /p2p}, and those that still end with a {@code /p2p} once this peer's is stripped.
   *
   * @param bytes the PeerRecord protobuf, e.g. an envelope's payload
   * @return the record, with the addresses that parsed
   * @throws DecodingException if it is longer than {@link #MAX_ENCODED_BYTES}, not a PeerRecord
   *     protobuf, or its peer id is missing or invalid
   */
  public static PeerRecord decode(byte[] bytes) {
    if (bytes.length > MAX_ENCODED_BYTES) {
      throw new DecodingException(
          "peer record: " + bytes.length + " bytes exceed " + MAX_ENCODED_BYTES);
    }
    PeerRecordProto.PeerRecord pb;
    try {
      pb = PeerRecordProto.PeerRecord.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new DecodingException("peer record: " + e.getMessage(), e);
    }
    PeerId peerId;
    try {
      peerId = PeerId.fromBytes(pb.getPeerId().toByteArray());
    } catch (DecodingException e) {
      throw new DecodingException("peer record: invalid peer id: " + e.getMessage(), e);
    }
    List<Multiaddr> addresses = new ArrayList<>(pb.getAddressesCount());
    for (PeerRecordProto.PeerRecord.AddressInfo info : pb.getAddressesList()) {
      try {
        Multiaddr address = Multiaddr.fromBytes(info.getMultiaddr().toByteArray());
        // the record keeps the address without its trailing /p2p: that form must not end with a
        // /p2p still (/p2p/other/p2p/us, .../p2p/us/p2p/us), or decoding the record's own
        // encoding would drop or change it
        Multiaddr kept = address.withoutPeerId();
        if (address.peerId().map(peerId::equals).orElse(true)
            && kept.withoutPeerId().equals(kept)
            && kept.peerId().map(peerId::equals).orElse(true)) {
          addresses.add(address);
        }
      } catch (DecodingException e) {
        // dropped, as go and js do: one bad address does not spoil the others
      }
    }
    return new PeerRecord(peerId, pb.getSeq(), addresses);
  }

  /**
   * Signs this record into an envelope with domain {@value #DOMAIN} and payload type {@code 03 01}.
   *
   * @param key the private key of {@link #peerId()}
   * @return the signed envelope, holding {@link #encode()} as its payload
   * @throws IllegalArgumentException if {@code key} is not the key of {@link #peerId()}
   */
  public SignedEnvelope seal(PrivateKey key) {
    if (!peerId.matches(key.publicKey())) {
      throw new IllegalArgumentException(
          "peer record: key of "
              + PeerId.fromPublicKey(key.publicKey())
              + " cannot sign for "
              + peerId);
    }
    return SignedEnvelope.seal(key, DOMAIN, PAYLOAD_TYPE, encode());
  }

  /**
   * Decodes an envelope and the peer record in it, with the checks of {@link #fromEnvelope}.
   *
   * @param envelopeBytes the envelope protobuf, e.g. Identify's {@code signedPeerRecord}
   * @return the record, signed by its own peer
   * @throws InvalidEnvelopeException if the envelope does not certify a peer record of its signer
   * @throws DecodingException if the envelope or the record is malformed
   */
  public static PeerRecord open(byte[] envelopeBytes) {
    return fromEnvelope(SignedEnvelope.decode(envelopeBytes));
  }

  /**
   * The peer record in an envelope, once checked that the signature is valid for {@value #DOMAIN},
   * the payload type is exactly {@code 03 01} and the record's peer id is the envelope signer's.
   * The connection's remote peer and the sequence number are left to the caller (see the type's
   * documentation).
   *
   * @param envelope the envelope, decoded but not yet checked
   * @return the record, signed by its own peer
   * @throws InvalidEnvelopeException naming the check that failed
   * @throws DecodingException if the payload is not a PeerRecord (see {@link #decode})
   */
  public static PeerRecord fromEnvelope(SignedEnvelope envelope) {
    if (!envelope.isValidFor(DOMAIN)) {
      throw new InvalidEnvelopeException(
          "peer record: envelope signature is not valid for domain \""
              + DOMAIN
              + "\" and key "
              + envelope.signer());
    }
    byte[] type = envelope.payloadType();
    if (!Arrays.equals(type, PAYLOAD_TYPE)) {
      throw new InvalidEnvelopeException(
          "peer record: payload type is " + HexFormat.of().formatHex(type) + ", not 0301");
    }
    PeerRecord record = decode(envelope.payload());
    if (!record.peerId.matches(envelope.publicKey())) {
      throw new InvalidEnvelopeException(
          "peer record: peer id "
              + record.peerId
              + " is not the envelope signer "
              + envelope.signer());
    }
    return record;
  }

  /** The peer, the sequence number as an unsigned decimal, and the addresses. */
  @Override
  public String toString() {
    return "PeerRecord[peerId="
        + peerId
        + ", seq="
        + Long.toUnsignedString(seq)
        + ", addresses="
        + addresses
        + "]";
  }
}

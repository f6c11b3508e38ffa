package io.reactivedht.transport.identify;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.reactivedht.core.crypto.PublicKey;
import io.reactivedht.core.envelope.PeerRecord;
import io.reactivedht.core.envelope.SignedEnvelope;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.identify.IdentifyException.Reason;
import io.reactivedht.transport.identify.pb.IdentifyProto;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Converts {@link IdentifyInfo} to and from the Identify protobuf (WIRE §9.1), checking what a
 * receiver must check (WIRE §9.3): that the key is the remote's and that a signed peer record
 * verifies and is the remote's.
 */
public final class IdentifyCodec {
  private IdentifyCodec() {}

  /**
   * The Identify protobuf of {@code info}, every field set (an absent observed address is left
   * out).
   */
  public static byte[] encode(IdentifyInfo info) {
    return toProto(info).build().toByteArray();
  }

  /**
   * Merges the messages of one Identify answer (repeated fields append, singular fields take the
   * later value) and checks them against the remote the secure channel authenticated.
   *
   * <p>Addresses that do not parse, or that end with another peer's {@code /p2p}, are dropped, as
   * go and js do.
   *
   * @param messages the protobuf messages, in the order received (each already bounded by the
   *     caller)
   * @param remote the peer at the other end of the connection
   * @throws IdentifyException naming the reason when the messages cannot be accepted
   */
  public static IdentifyInfo decode(List<byte[]> messages, PeerId remote) {
    return validate(merge(IdentifyProto.Identify.newBuilder(), messages), remote);
  }

  /**
   * What we know about a peer after it pushed an update (Identify push): the fields present in
   * {@code messages} replace those of {@code known}, the others stay.
   *
   * @throws IdentifyException as {@link #decode} does, checked against {@code known.peerId()}
   */
  public static IdentifyInfo applyPush(IdentifyInfo known, List<byte[]> messages) {
    IdentifyProto.Identify update = merge(IdentifyProto.Identify.newBuilder(), messages);
    IdentifyProto.Identify.Builder result = toProto(known);
    if (update.hasProtocolVersion()) {
      result.setProtocolVersion(update.getProtocolVersion());
    }
    if (update.hasAgentVersion()) {
      result.setAgentVersion(update.getAgentVersion());
    }
    if (update.hasPublicKey()) {
      result.setPublicKey(update.getPublicKey());
    }
    if (update.getListenAddrsCount() > 0) {
      result.clearListenAddrs().addAllListenAddrs(update.getListenAddrsList());
    }
    if (update.hasObservedAddr()) {
      result.setObservedAddr(update.getObservedAddr());
    }
    if (update.getProtocolsCount() > 0) {
      result.clearProtocols().addAllProtocols(update.getProtocolsList());
    }
    if (update.hasSignedPeerRecord()) {
      result.setSignedPeerRecord(update.getSignedPeerRecord());
    }
    return validate(result.build(), known.peerId());
  }

  private static IdentifyProto.Identify.Builder toProto(IdentifyInfo info) {
    IdentifyProto.Identify.Builder pb =
        IdentifyProto.Identify.newBuilder()
            .setProtocolVersion(info.protocolVersion())
            .setAgentVersion(info.agentVersion())
            .setPublicKey(ByteString.copyFrom(info.publicKey().encoded()))
            .addAllProtocols(info.protocols());
    for (Multiaddr address : info.listenAddresses()) {
      pb.addListenAddrs(ByteString.copyFrom(address.bytes()));
    }
    if (info.observedAddress() != null) {
      pb.setObservedAddr(ByteString.copyFrom(info.observedAddress().bytes()));
    }
    if (info.signedPeerRecord() != null) {
      pb.setSignedPeerRecord(ByteString.copyFrom(info.signedPeerRecord().encode()));
    }
    return pb;
  }

  private static IdentifyProto.Identify merge(
      IdentifyProto.Identify.Builder into, List<byte[]> messages) {
    if (messages.isEmpty()) {
      throw new IdentifyException(Reason.MALFORMED, "no message before the end of the stream");
    }
    for (byte[] message : messages) {
      try {
        into.mergeFrom(message);
      } catch (InvalidProtocolBufferException e) {
        throw new IdentifyException(
            Reason.MALFORMED, "not an Identify protobuf: " + e.getMessage(), e);
      }
    }
    return into.build();
  }

  private static IdentifyInfo validate(IdentifyProto.Identify pb, PeerId remote) {
    PublicKey key = publicKey(pb, remote);
    SignedEnvelope signedRecord =
        pb.hasSignedPeerRecord() ? signedRecord(pb.getSignedPeerRecord(), remote) : null;
    List<Multiaddr> listen = new ArrayList<>(pb.getListenAddrsCount());
    for (ByteString bytes : pb.getListenAddrsList()) {
      Multiaddr address = parse(bytes);
      if (address != null && namesOnly(address, remote)) {
        listen.add(address.withoutPeerId());
      }
    }
    Multiaddr observed = pb.hasObservedAddr() ? parse(pb.getObservedAddr()) : null;
    return new IdentifyInfo(
        key,
        listen,
        new LinkedHashSet<>(pb.getProtocolsList()),
        observed,
        pb.getProtocolVersion(),
        pb.getAgentVersion(),
        signedRecord);
  }

  private static PublicKey publicKey(IdentifyProto.Identify pb, PeerId remote) {
    if (!pb.hasPublicKey()) {
      return remote
          .inlinePublicKey()
          .orElseThrow(
              () ->
                  new IdentifyException(
                      Reason.MISSING_PUBLIC_KEY,
                      "no public key sent, and peer id " + remote + " does not inline one"));
    }
    PublicKey key;
    try {
      key = PublicKey.decode(pb.getPublicKey().toByteArray());
    } catch (DecodingException e) {
      throw new IdentifyException(Reason.INVALID_PUBLIC_KEY, "public key: " + e.getMessage(), e);
    }
    if (!remote.matches(key)) {
      throw new IdentifyException(
          Reason.PEER_MISMATCH,
          "public key of " + PeerId.fromPublicKey(key) + " sent by " + remote);
    }
    return key;
  }

  private static SignedEnvelope signedRecord(ByteString bytes, PeerId remote) {
    SignedEnvelope envelope;
    PeerRecord record;
    try {
      envelope = SignedEnvelope.decode(bytes.toByteArray());
      record = PeerRecord.fromEnvelope(envelope);
    } catch (DecodingException e) {
      throw new IdentifyException(
          Reason.INVALID_SIGNED_RECORD, "signed peer record: " + e.getMessage(), e);
    }
    if (!record.peerId().equals(remote)) {
      throw new IdentifyException(
          Reason.INVALID_SIGNED_RECORD,
          "signed peer record of " + record.peerId() + " sent by " + remote);
    }
    return envelope;
  }

  private static @Nullable Multiaddr parse(ByteString bytes) {
    try {
      return Multiaddr.fromBytes(bytes.toByteArray());
    } catch (DecodingException e) {
      return null;
    }
  }

  /** Whether the address has no trailing {@code /p2p}, or one naming {@code peer}. */
  private static boolean namesOnly(Multiaddr address, PeerId peer) {
    try {
      return address.peerId().map(peer::equals).orElse(true);
    } catch (DecodingException e) {
      return false;
    }
  }
}

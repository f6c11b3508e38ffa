package io.reactivedht.transport.autonat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.autonat.DialResponse.Status;
import io.reactivedht.transport.autonat.pb.AutoNatProto.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts {@link DialRequest} and {@link DialResponse} to and from the AutoNAT v1 {@code Message}
 * protobuf.
 */
public final class AutoNatCodec {
  private AutoNatCodec() {}

  /** The DIAL message of {@code request}. */
  public static byte[] encode(DialRequest request) {
    Message.PeerInfo.Builder peer =
        Message.PeerInfo.newBuilder().setId(ByteString.copyFrom(request.peer().bytes()));
    request.addresses().forEach(address -> peer.addAddrs(ByteString.copyFrom(address.bytes())));
    return Message.newBuilder()
        .setType(Message.MessageType.DIAL)
        .setDial(Message.Dial.newBuilder().setPeer(peer))
        .build()
        .toByteArray();
  }

  /** The DIAL_RESPONSE message of {@code response}. */
  public static byte[] encode(DialResponse response) {
    Message.DialResponse.Builder body =
        Message.DialResponse.newBuilder()
            .setStatus(Message.ResponseStatus.forNumber(response.status().code()))
            .setStatusText(response.statusText());
    if (response.address() != null) {
      body.setAddr(ByteString.copyFrom(response.address().bytes()));
    }
    return Message.newBuilder()
        .setType(Message.MessageType.DIAL_RESPONSE)
        .setDialResponse(body)
        .build()
        .toByteArray();
  }

  /**
   * A DIAL message. Addresses that do not parse are dropped, as go does.
   *
   * @throws AutoNatException when it is not a DIAL with a valid peer id
   */
  public static DialRequest decodeRequest(byte[] bytes) {
    Message message = parse(bytes);
    if (!message.hasType() || message.getType() != Message.MessageType.DIAL || !message.hasDial()) {
      throw new AutoNatException("expected a DIAL message");
    }
    Message.PeerInfo peer = message.getDial().getPeer();
    if (!peer.hasId()) {
      throw new AutoNatException("DIAL without a peer id");
    }
    PeerId id;
    try {
      id = PeerId.fromBytes(peer.getId().toByteArray());
    } catch (DecodingException e) {
      throw new AutoNatException("DIAL with an invalid peer id: " + e.getMessage(), e);
    }
    List<Multiaddr> addresses = new ArrayList<>();
    for (ByteString address : peer.getAddrsList()) {
      try {
        addresses.add(Multiaddr.fromBytes(address.toByteArray()));
      } catch (DecodingException e) {
        // dropped: one bad address does not spoil the others
      }
    }
    return new DialRequest(id, addresses);
  }

  /**
   * A DIAL_RESPONSE message.
   *
   * @throws AutoNatException when it is not a DIAL_RESPONSE with a known status, or an OK without a
   *     valid address
   */
  public static DialResponse decodeResponse(byte[] bytes) {
    Message message = parse(bytes);
    if (!message.hasType()
        || message.getType() != Message.MessageType.DIAL_RESPONSE
        || !message.hasDialResponse()) {
      throw new AutoNatException("expected a DIAL_RESPONSE message");
    }
    Message.DialResponse body = message.getDialResponse();
    if (!body.hasStatus()) {
      throw new AutoNatException("DIAL_RESPONSE without a (known) status");
    }
    Status status = Status.valueOf(body.getStatus().name());
    String text = body.getStatusText();
    if (status != Status.OK) {
      return DialResponse.failure(status, text);
    }
    if (!body.hasAddr()) {
      throw new AutoNatException("OK without the address dialed");
    }
    try {
      return new DialResponse(Status.OK, text, Multiaddr.fromBytes(body.getAddr().toByteArray()));
    } catch (DecodingException e) {
      throw new AutoNatException("OK with an invalid address: " + e.getMessage(), e);
    }
  }

  private static Message parse(byte[] bytes) {
    try {
      return Message.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new AutoNatException("not an AutoNAT message: " + e.getMessage(), e);
    }
  }
}

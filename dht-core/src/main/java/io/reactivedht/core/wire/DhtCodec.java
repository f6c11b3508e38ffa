package io.reactivedht.core.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.wire.DhtRequest.AddProvider;
import io.reactivedht.core.wire.DhtRequest.FindNode;
import io.reactivedht.core.wire.DhtRequest.GetProviders;
import io.reactivedht.core.wire.DhtRequest.GetValue;
import io.reactivedht.core.wire.DhtRequest.Ping;
import io.reactivedht.core.wire.DhtRequest.PutValue;
import io.reactivedht.core.wire.DhtResponse.FindNodeResponse;
import io.reactivedht.core.wire.DhtResponse.GetProvidersResponse;
import io.reactivedht.core.wire.DhtResponse.GetValueResponse;
import io.reactivedht.core.wire.DhtResponse.PingResponse;
import io.reactivedht.core.wire.DhtResponse.PutValueResponse;
import io.reactivedht.core.wire.pb.DhtProto;
import java.util.List;
import java.util.function.Supplier;

/**
 * DHT messages to and from the {@code Message} protobuf bytes (without the length prefix; see
 * {@link MessageFraming}).
 *
 * <p>Encoding writes exactly what js writes: fields in number order, defaults left out (so
 * PUT_VALUE has no type field), no {@code clusterLevelRaw}, no {@code Peer.connection}. Responses
 * echo the request key where go and js do (GET_VALUE, GET_PROVIDERS, PUT_VALUE), which is why they
 * are coded next to their request.
 *
 * <p>Decoding follows proto3 and the servers: missing fields are defaults (an absent or explicit
 * type 0 is PUT_VALUE), unknown fields are skipped (go writes {@code clusterLevelRaw}), entries
 * that do not decode are dropped (a peer whose id is not a peer id, an address that is not a
 * multiaddr or names another peer), an unparsable {@code timeReceived} reads as absent, and
 * everything else wrong throws {@link MalformedMessageException}: malformed protobuf (truncated, or
 * wire type 6 or 7 as in {@code 0f 04}), an unknown type, a key out of the {@link DhtRequest}
 * bounds, a PUT_VALUE without a record or whose key is not the record's key, a response of another
 * type than its request, or a GET_VALUE record under another key than the one asked for. A
 * response's peer entries past {@link #MAX_CLOSER_PEERS} and {@link #MAX_PROVIDER_PEERS} are
 * skipped before parsing, so a hostile answer costs a scan, not 97,000 parsed entries.
 */
public final class DhtCodec {
  /**
   * The most closer-peer entries read from a response; the others are skipped unparsed (a server
   * sends k, 20 on Amino; a 4 MiB answer could hold ~97,000).
   */
  public static final int MAX_CLOSER_PEERS = 64;

  /**
   * The most provider entries read from a GET_PROVIDERS response; the others are skipped unparsed
   * (go sends every provider it has, usually a few).
   */
  public static final int MAX_PROVIDER_PEERS = 1024;

  private DhtCodec() {}

  /**
   * The protobuf bytes of a request.
   *
   * @param request any request, including an ADD_PROVIDER
   * @return a new {@code Message} encoding, without the length prefix
   */
  public static byte[] encodeRequest(DhtRequest request) {
    DhtProto.Message.Builder message = builder(request.type());
    if (request instanceof FindNode r) {
      message.setKey(ProtoEntries.wrap(r.key()));
    } else if (request instanceof GetValue r) {
      message.setKey(ProtoEntries.wrap(r.key()));
    } else if (request instanceof PutValue r) {
      message.setKey(ProtoEntries.wrap(r.key())).setRecord(ProtoEntries.encode(r.record()));
    } else if (request instanceof GetProviders r) {
      message.setKey(ProtoEntries.wrap(r.key()));
    } else if (request instanceof AddProvider r) {
      message.setKey(ProtoEntries.wrap(r.key()));
      r.providers().forEach(p -> message.addProviderPeers(ProtoEntries.encode(p)));
    }
    return message.build().toByteArray();
  }

  /**
   * Decodes a request as a server receives it. Peer lists other than ADD_PROVIDER's providers are
   * ignored.
   *
   * @param message the {@code Message} bytes, without the length prefix; not modified
   * @return the request, its key within the {@link DhtRequest} bounds
   * @throws MalformedMessageException naming what was wrong
   */
  public static DhtRequest decodeRequest(byte[] message) {
    DhtProto.Message m = parse(message);
    MessageType type = typeOf(m);
    byte[] key = m.getKey().toByteArray();
    return switch (type) {
      case FIND_NODE -> build(type, () -> new FindNode(key));
      case GET_VALUE -> build(type, () -> new GetValue(key));
      case PUT_VALUE -> putValue(m);
      case GET_PROVIDERS -> build(type, () -> new GetProviders(key));
      case ADD_PROVIDER ->
          build(type, () -> new AddProvider(key, ProtoEntries.decode(m.getProviderPeersList())));
      case PING -> new Ping();
    };
  }

  /**
   * The protobuf bytes of the response to {@code request}.
   *
   * @param response the answer, of the same {@link MessageType} as {@code request}
   * @param request the request answered; GET_VALUE and GET_PROVIDERS responses echo its key
   * @return a new {@code Message} encoding, without the length prefix
   * @throws IllegalArgumentException if {@code response} does not answer {@code request}, or the
   *     request is an ADD_PROVIDER (never answered)
   */
  public static byte[] encodeResponse(DhtResponse response, DhtRequest request) {
    requireAnswered(request);
    if (response.type() != request.type()) {
      throw new IllegalArgumentException(
          "a " + response.type() + " response does not answer " + request);
    }
    DhtProto.Message.Builder message = builder(response.type());
    if (response instanceof FindNodeResponse r) {
      addCloserPeers(message, r.closerPeers());
    } else if (response instanceof GetValueResponse r) {
      message.setKey(ProtoEntries.wrap(((GetValue) request).key()));
      Record record = r.record();
      if (record != null) {
        message.setRecord(ProtoEntries.encode(record));
      }
      addCloserPeers(message, r.closerPeers());
    } else if (response instanceof PutValueResponse r) {
      message
          .setKey(ProtoEntries.wrap(r.record().key()))
          .setRecord(ProtoEntries.encode(r.record()));
    } else if (response instanceof GetProvidersResponse r) {
      message.setKey(ProtoEntries.wrap(((GetProviders) request).key()));
      r.providers().forEach(p -> message.addProviderPeers(ProtoEntries.encode(p)));
      addCloserPeers(message, r.closerPeers());
    }
    return message.build().toByteArray();
  }

  /**
   * Decodes the response to {@code request} as a client receives it. The echoed key is not checked
   * (go does not check it either); a GET_VALUE record's key is.
   *
   * @param message the {@code Message} bytes, without the length prefix; not modified
   * @param request the request this answers; its type must match the response's
   * @return the response, of the same {@link MessageType} as {@code request}
   * @throws MalformedMessageException naming what was wrong
   * @throws IllegalArgumentException if the request is an ADD_PROVIDER (never answered)
   */
  public static DhtResponse decodeResponse(byte[] message, DhtRequest request) {
    requireAnswered(request);
    DhtProto.Message m =
        parse(BoundedEntries.keepFirst(message, MAX_CLOSER_PEERS, MAX_PROVIDER_PEERS));
    MessageType type = typeOf(m);
    if (type != request.type()) {
      throw new MalformedMessageException(
          "expected a " + request.type() + " response, got " + type);
    }
    return switch (type) {
      case FIND_NODE -> new FindNodeResponse(ProtoEntries.decode(m.getCloserPeersList()));
      case GET_VALUE -> getValueResponse(m, (GetValue) request);
      case PUT_VALUE -> new PutValueResponse(requiredRecord(m, "PUT_VALUE response"));
      case GET_PROVIDERS ->
          new GetProvidersResponse(
              ProtoEntries.decode(m.getProviderPeersList()),
              ProtoEntries.decode(m.getCloserPeersList()));
      case PING -> new PingResponse();
      case ADD_PROVIDER ->
          throw new IllegalStateException("unreachable: ADD_PROVIDER has no response");
    };
  }

  /** Parses the protobuf, mapping every failure to a {@link MalformedMessageException}. */
  static DhtProto.Message parse(byte[] message) {
    try {
      return DhtProto.Message.parseFrom(message);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedMessageException("dht message: malformed protobuf: " + e.getMessage(), e);
    }
  }

  private static MessageType typeOf(DhtProto.Message m) {
    int code = m.getTypeValue();
    for (MessageType type : MessageType.values()) {
      if (type.code() == code) {
        return type;
      }
    }
    throw new MalformedMessageException("dht message: unknown message type " + code);
  }

  private static DhtRequest putValue(DhtProto.Message m) {
    Record record = requiredRecord(m, "PUT_VALUE request");
    if (!m.getKey().equals(m.getRecord().getKey())) {
      throw new MalformedMessageException(
          "PUT_VALUE request: message key differs from the record key");
    }
    return build(MessageType.PUT_VALUE, () -> new PutValue(record));
  }

  private static GetValueResponse getValueResponse(DhtProto.Message m, GetValue request) {
    Record record = m.hasRecord() ? ProtoEntries.decode(m.getRecord()) : null;
    if (record != null && !m.getRecord().getKey().equals(ProtoEntries.wrap(request.key()))) {
      throw new MalformedMessageException(
          "GET_VALUE response: record key differs from the requested key");
    }
    return new GetValueResponse(record, ProtoEntries.decode(m.getCloserPeersList()));
  }

  private static Record requiredRecord(DhtProto.Message m, String what) {
    if (!m.hasRecord()) {
      throw new MalformedMessageException(what + ": no record");
    }
    return ProtoEntries.decode(m.getRecord());
  }

  /**
   * Builds a request, turning the constructor's bound checks into a {@link
   * MalformedMessageException}.
   */
  private static DhtRequest build(MessageType type, Supplier<DhtRequest> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException(type + " request: " + e.getMessage(), e);
    }
  }

  private static void requireAnswered(DhtRequest request) {
    if (!request.expectsResponse()) {
      throw new IllegalArgumentException(request.type() + " has no response");
    }
  }

  private static DhtProto.Message.Builder builder(MessageType type) {
    return DhtProto.Message.newBuilder().setTypeValue(type.code());
  }

  private static void addCloserPeers(DhtProto.Message.Builder message, List<PeerInfo> peers) {
    peers.forEach(p -> message.addCloserPeers(ProtoEntries.encode(p)));
  }
}

package io.reactivedht.core.wire;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.wire.DhtRequest.AddProvider;
import io.reactivedht.core.wire.DhtRequest.FindNode;
import io.reactivedht.core.wire.DhtRequest.GetProviders;
import io.reactivedht.core.wire.DhtRequest.GetValue;
import io.reactivedht.core.wire.DhtRequest.Ping;
import io.reactivedht.core.wire.DhtRequest.PutValue;
import io.reactivedht.core.wire.DhtResponse.FindNodeResponse;
import io.reactivedht.core.wire.DhtResponse.GetValueResponse;
import io.reactivedht.core.wire.DhtResponse.PingResponse;
import io.reactivedht.core.wire.pb.DhtProto;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The WIRE.md §10.5 request bytes and the decoding rules of §1.2 and §10. */
class DhtCodecTest {
  // WIRE.md §10.5, spelled out: the peer 12D3KooWBtg3..., the sha2-256 multihash of the spec's
  // example CID.
  private static final String PEER =
      "0024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
  private static final String PUBLIC_KEY =
      "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
  private static final String MULTIHASH =
      "1220e536c7f88d731f374dccb568aff6f56e838a19382e488039b1ca8ad2599e82fe";
  private static final String PK_KEY = "2f706b2f" + PEER;
  private static final String LOCALHOST_4001 = "047f000001060fa1";
  private static final String OTHER_PEER =
      "00240801122003a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8";

  private static final PeerId PEER_ID = PeerId.fromBytes(hex(PEER));
  private static final PeerId OTHER_PEER_ID = PeerId.fromBytes(hex(OTHER_PEER));
  private static final Multiaddr LOCALHOST = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001");

  @Test
  void wireMdFindNode() {
    assertFramedRequest(new FindNode(hex(PEER)), "2a" + "0804" + "1226" + PEER);
  }

  @Test
  void wireMdGetProviders() {
    assertFramedRequest(new GetProviders(hex(MULTIHASH)), "26" + "0803" + "1222" + MULTIHASH);
  }

  @Test
  void wireMdAddProvider() {
    assertFramedRequest(
        new AddProvider(hex(MULTIHASH), List.of(PeerInfo.of(PEER_ID, LOCALHOST))),
        "5a" + "0802" + "1222" + MULTIHASH + "4a32" + "0a26" + PEER + "1208" + LOCALHOST_4001);
  }

  @Test
  void wireMdGetValue() {
    assertFramedRequest(new GetValue(hex(PK_KEY)), "2e" + "0801" + "122a" + PK_KEY);
  }

  @Test
  void wireMdPutValueHasNoTypeField() {
    String time = "2025-01-01T00:00:00.000000000Z";
    Record record = new Record(hex(PK_KEY), hex(PUBLIC_KEY), Instant.parse("2025-01-01T00:00:00Z"));
    assertFramedRequest(
        new PutValue(record),
        "a001"
            + "122a"
            + PK_KEY
            + "1a72"
            + "0a2a"
            + PK_KEY
            + "1224"
            + PUBLIC_KEY
            + "2a1e"
            + ascii(time));
  }

  private static void assertFramedRequest(DhtRequest request, String framedHex) {
    byte[] framed = MessageFraming.DEFAULT.frame(DhtCodec.encodeRequest(request));
    assertThat(hex(framed)).isEqualTo(framedHex);
    MessageFraming.Frame frame = MessageFraming.DEFAULT.next(framed, 0, framed.length);
    assertThat(DhtCodec.decodeRequest(frame.message())).isEqualTo(request);
  }

  @Test
  void explicitTypeZeroIsPutValue() {
    Record record = Record.of(hex(PK_KEY), hex(PUBLIC_KEY));
    byte[] absent = DhtCodec.encodeRequest(new PutValue(record));
    byte[] explicit = hex("0800" + hex(absent));
    assertThat(DhtCodec.decodeRequest(explicit)).isEqualTo(new PutValue(record));
  }

  @Test
  void putValueKeyMustBeTheRecordKey() {
    byte[] bytes =
        message(0)
            .setKey(bytes("/pk/other"))
            .setRecord(record("/pk/mine", "v", ""))
            .build()
            .toByteArray();
    assertThatThrownBy(() -> DhtCodec.decodeRequest(bytes))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessage("PUT_VALUE request: message key differs from the record key");
  }

  @Test
  void putValueNeedsARecord() {
    byte[] bytes = message(0).setKey(bytes("/pk/mine")).build().toByteArray();
    assertThatThrownBy(() -> DhtCodec.decodeRequest(bytes))
        .hasMessage("PUT_VALUE request: no record");
    assertThatThrownBy(
            () -> DhtCodec.decodeResponse(bytes, new PutValue(Record.of(hex(PK_KEY), new byte[1]))))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessage("PUT_VALUE response: no record");
  }

  @Test
  void getValueRecordMustBeForTheRequestedKey() {
    GetValue request = new GetValue(utf8("/pk/asked"));
    byte[] other =
        message(1)
            .setKey(bytes("/pk/asked"))
            .setRecord(record("/pk/other", "v", ""))
            .build()
            .toByteArray();
    byte[] same =
        message(1)
            .setKey(bytes("/pk/asked"))
            .setRecord(record("/pk/asked", "v", ""))
            .build()
            .toByteArray();

    assertThatThrownBy(() -> DhtCodec.decodeResponse(other, request))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessage("GET_VALUE response: record key differs from the requested key");
    assertThat(DhtCodec.decodeResponse(same, request))
        .isEqualTo(new GetValueResponse(Record.of(utf8("/pk/asked"), utf8("v")), List.of()));
  }

  @Test
  void echoedKeyIsNotChecked() {
    GetValue request = new GetValue(utf8("/pk/asked"));
    byte[] bytes = message(1).setKey(bytes("/pk/elsewhere")).build().toByteArray();
    assertThat(DhtCodec.decodeResponse(bytes, request))
        .isEqualTo(new GetValueResponse(null, List.of()));
  }

  @Test
  void responseMustHaveTheRequestType() {
    byte[] getValue = message(1).build().toByteArray();
    assertThatThrownBy(() -> DhtCodec.decodeResponse(getValue, new FindNode(utf8("x"))))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessage("expected a FIND_NODE response, got GET_VALUE");
    // an empty message is a PUT_VALUE (type 0), not an answer to PING
    assertThatThrownBy(() -> DhtCodec.decodeResponse(new byte[0], new Ping()))
        .hasMessage("expected a PING response, got PUT_VALUE");
  }

  @Test
  void unknownTypesAreRejected() {
    for (int type : new int[] {6, 9, -1}) {
      byte[] bytes = message(type).setKey(bytes("x")).build().toByteArray();
      assertThatThrownBy(() -> DhtCodec.decodeRequest(bytes))
          .isInstanceOf(MalformedMessageException.class)
          .hasMessage("dht message: unknown message type " + type);
    }
  }

  @Test
  void keysAreBounded() {
    assertRequestKeyBounds(4, DhtRequest.MAX_KEY_BYTES);
    assertRequestKeyBounds(1, DhtRequest.MAX_KEY_BYTES);
    assertRequestKeyBounds(3, DhtRequest.MAX_PROVIDER_KEY_BYTES);
    assertRequestKeyBounds(2, DhtRequest.MAX_PROVIDER_KEY_BYTES);
    assertThat(DhtRequest.MAX_PROVIDER_KEY_BYTES).isEqualTo(80);
  }

  private static void assertRequestKeyBounds(int type, int max) {
    String name =
        Arrays.stream(MessageType.values())
            .filter(t -> t.code() == type)
            .findFirst()
            .orElseThrow()
            .name();
    assertThat(
            DhtCodec.decodeRequest(
                    message(type).setKey(ByteString.copyFrom(new byte[max])).build().toByteArray())
                .type()
                .code())
        .isEqualTo(type);
    byte[] tooLong =
        message(type).setKey(ByteString.copyFrom(new byte[max + 1])).build().toByteArray();
    assertThatThrownBy(() -> DhtCodec.decodeRequest(tooLong))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessage(name + " request: key of " + (max + 1) + " bytes exceeds " + max);
    byte[] empty = message(type).build().toByteArray();
    assertThatThrownBy(() -> DhtCodec.decodeRequest(empty))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessage(name + " request: empty key");
  }

  @Test
  void putValueRecordKeyIsBounded() {
    String key = "/pk/" + "x".repeat(DhtRequest.MAX_KEY_BYTES);
    byte[] bytes =
        message(0).setKey(bytes(key)).setRecord(record(key, "v", "")).build().toByteArray();
    assertThatThrownBy(() -> DhtCodec.decodeRequest(bytes))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessage("PUT_VALUE request: key of 1028 bytes exceeds 1024");
  }

  @Test
  void peersWithInvalidIdsAreDropped() {
    byte[] bytes =
        message(4)
            .addCloserPeers(peer("deadbeef", LOCALHOST_4001))
            .addCloserPeers(peer(PEER, LOCALHOST_4001))
            .addCloserPeers(peer("", LOCALHOST_4001))
            .addCloserPeers(peer("1220" + "00".repeat(31), LOCALHOST_4001))
            .addCloserPeers(peer(OTHER_PEER))
            .build()
            .toByteArray();
    assertThat(DhtCodec.decodeResponse(bytes, new FindNode(utf8("x"))))
        .isEqualTo(
            new FindNodeResponse(
                List.of(PeerInfo.of(PEER_ID, LOCALHOST), PeerInfo.of(OTHER_PEER_ID))));
  }

  @Test
  void addressesThatAreNotMultiaddrsAreDropped() {
    byte[] bytes =
        message(4)
            .addCloserPeers(
                peer(
                    PEER,
                    "ff",
                    LOCALHOST_4001,
                    "047f0000",
                    "",
                    "2900000000000000000000000000000001060fa1"))
            .build()
            .toByteArray();
    assertThat(DhtCodec.decodeResponse(bytes, new FindNode(utf8("x"))))
        .isEqualTo(
            new FindNodeResponse(
                List.of(PeerInfo.of(PEER_ID, LOCALHOST, Multiaddr.parse("/ip6/::1/tcp/4001")))));
  }

  @Test
  void trailingPeerIdsAreStrippedOrTheAddressDropped() {
    String self = hex(LOCALHOST.withPeerId(PEER_ID).bytes());
    String other = hex(LOCALHOST.withPeerId(OTHER_PEER_ID).bytes());
    String bare = hex(Multiaddr.parse("/p2p/" + PEER_ID).bytes());
    byte[] bytes = message(3).addProviderPeers(peer(PEER, other, self, bare)).build().toByteArray();

    assertThat(DhtCodec.decodeResponse(bytes, new GetProviders(hex(MULTIHASH))))
        .isEqualTo(
            new DhtResponse.GetProvidersResponse(
                List.of(PeerInfo.of(PEER_ID, LOCALHOST)), List.of()));
  }

  @Test
  void timeReceivedIsReadLeniently() {
    assertThat(receivedTime("2024-05-01T12:00:00.123Z"))
        .isEqualTo(Instant.parse("2024-05-01T12:00:00.123Z"));
    assertThat(receivedTime("2024-05-01T12:00:00Z"))
        .isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(receivedTime("2024-05-01T14:00:00+02:00"))
        .isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(receivedTime("")).isNull();
    assertThat(receivedTime("yesterday")).isNull();
    assertThat(receivedTime("2024-13-01T12:00:00Z")).isNull();
  }

  private static Instant receivedTime(String text) {
    byte[] bytes = message(1).setRecord(record("/pk/k", "v", text)).build().toByteArray();
    GetValueResponse response =
        (GetValueResponse) DhtCodec.decodeResponse(bytes, new GetValue(utf8("/pk/k")));
    return response.record().timeReceived();
  }

  @Test
  void addProviderIsNeverAnswered() {
    AddProvider request = new AddProvider(hex(MULTIHASH), List.of(PeerInfo.of(PEER_ID, LOCALHOST)));
    assertThat(request.expectsResponse()).isFalse();
    assertThat(new FindNode(utf8("x")).expectsResponse()).isTrue();
    assertThatThrownBy(() -> DhtCodec.decodeResponse(new byte[0], request))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(MalformedMessageException.class)
        .hasMessage("ADD_PROVIDER has no response");
    assertThatThrownBy(() -> DhtCodec.encodeResponse(new PingResponse(), request))
        .hasMessage("ADD_PROVIDER has no response");
  }

  @Test
  void aResponseMustAnswerItsRequest() {
    assertThatThrownBy(() -> DhtCodec.encodeResponse(new PingResponse(), new FindNode(utf8("x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a PING response does not answer FindNode[key=78]");
  }

  @Test
  void requestsCopyTheirKeysAndCompareByContent() {
    byte[] key = utf8("/pk/k");
    GetValue request = new GetValue(key);
    key[0] = 'X';
    request.key()[1] = 'X';
    assertThat(request.key()).isEqualTo(utf8("/pk/k"));
    assertThat(request)
        .isEqualTo(new GetValue(utf8("/pk/k")))
        .hasSameHashCodeAs(new GetValue(utf8("/pk/k")));
    assertThat(request).isNotEqualTo(new FindNode(utf8("/pk/k")));
    assertThat(request.toString()).isEqualTo("GetValue[key=2f706b2f6b]");
    assertThat(new FindNode(new byte[60]).toString())
        .isEqualTo("FindNode[key=" + "00".repeat(48) + "...(60 bytes)]");
  }

  @Test
  void requestConstructorsCheckKeys() {
    assertThatThrownBy(() -> new FindNode(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GetProviders(new byte[81]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AddProvider(new byte[81], List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PutValue(Record.of(new byte[0], new byte[0])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void typesMatchTheWireCodes() {
    assertThat(Arrays.stream(MessageType.values()).map(t -> t.name() + "=" + t.code()))
        .containsExactly(
            "PUT_VALUE=0",
            "GET_VALUE=1",
            "ADD_PROVIDER=2",
            "GET_PROVIDERS=3",
            "FIND_NODE=4",
            "PING=5");
    for (MessageType type : MessageType.values()) {
      assertThat(DhtProto.Message.MessageType.forNumber(type.code()).name()).isEqualTo(type.name());
    }
  }

  private static DhtProto.Message.Builder message(int type) {
    return DhtProto.Message.newBuilder().setTypeValue(type);
  }

  private static DhtProto.Record record(String key, String value, String timeReceived) {
    return DhtProto.Record.newBuilder()
        .setKey(bytes(key))
        .setValue(bytes(value))
        .setTimeReceived(timeReceived)
        .build();
  }

  private static DhtProto.Message.Peer peer(String idHex, String... addrHex) {
    DhtProto.Message.Peer.Builder peer =
        DhtProto.Message.Peer.newBuilder().setId(ByteString.copyFrom(hex(idHex)));
    for (String a : addrHex) {
      peer.addAddrs(ByteString.copyFrom(hex(a)));
    }
    return peer.build();
  }

  private static ByteString bytes(String text) {
    return ByteString.copyFromUtf8(text);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String ascii(String text) {
    return hex(text.getBytes(StandardCharsets.US_ASCII));
  }
}

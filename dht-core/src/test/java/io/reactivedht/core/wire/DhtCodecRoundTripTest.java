package io.reactivedht.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.Multihash;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Random requests and responses survive encode then decode unchanged; random bytes never escape as
 * another error.
 */
class DhtCodecRoundTripTest {
  @Property(seed = "42")
  void requestsRoundTrip(@ForAll("requests") DhtRequest request) {
    byte[] framed = MessageFraming.DEFAULT.frame(DhtCodec.encodeRequest(request));
    MessageFraming.Frame frame = MessageFraming.DEFAULT.next(framed, 0, framed.length);
    assertThat(frame.frameLength()).isEqualTo(framed.length);
    assertThat(DhtCodec.decodeRequest(frame.message())).isEqualTo(request);
  }

  @Property(seed = "42")
  void responsesRoundTrip(@ForAll("exchanges") Tuple2<DhtRequest, DhtResponse> exchange) {
    DhtRequest request = exchange.get1();
    DhtResponse response = exchange.get2();
    assertThat(DhtCodec.decodeResponse(DhtCodec.encodeResponse(response, request), request))
        .isEqualTo(response);
  }

  @Property(seed = "42")
  void arbitraryBytesDecodeOrFailAsMalformed(@ForAll("noise") byte[] bytes) {
    try {
      DhtCodec.decodeRequest(bytes);
    } catch (MalformedMessageException expected) {
      // refused, and nothing else may escape
    }
    try {
      DhtCodec.decodeResponse(bytes, new DhtRequest.GetProviders(new byte[] {0x12}));
    } catch (MalformedMessageException expected) {
      // refused, and nothing else may escape
    }
  }

  @Provide
  Arbitrary<DhtRequest> requests() {
    return Arbitraries.oneOf(
        keys(DhtRequest.MAX_KEY_BYTES).map(DhtRequest.FindNode::new),
        keys(DhtRequest.MAX_KEY_BYTES).map(DhtRequest.GetValue::new),
        records(keys(DhtRequest.MAX_KEY_BYTES)).map(DhtRequest.PutValue::new),
        keys(DhtRequest.MAX_PROVIDER_KEY_BYTES).map(DhtRequest.GetProviders::new),
        Combinators.combine(keys(DhtRequest.MAX_PROVIDER_KEY_BYTES), peers().list().ofMaxSize(3))
            .as(DhtRequest.AddProvider::new),
        Arbitraries.just(new DhtRequest.Ping()));
  }

  @Provide
  Arbitrary<Tuple2<DhtRequest, DhtResponse>> exchanges() {
    Arbitrary<java.util.List<PeerInfo>> peerLists = peers().list().ofMaxSize(5);
    Arbitrary<Tuple2<DhtRequest, DhtResponse>> findNode =
        Combinators.combine(keys(64), peerLists)
            .as(
                (key, closer) ->
                    Tuple.of(
                        new DhtRequest.FindNode(key), new DhtResponse.FindNodeResponse(closer)));
    Arbitrary<Tuple2<DhtRequest, DhtResponse>> getValue =
        Combinators.combine(keys(64), values(), times(), Arbitraries.of(true, false), peerLists)
            .as(
                (key, value, time, found, closer) ->
                    Tuple.of(
                        new DhtRequest.GetValue(key),
                        new DhtResponse.GetValueResponse(
                            found ? new Record(key, value, time) : null, closer)));
    Arbitrary<Tuple2<DhtRequest, DhtResponse>> putValue =
        Combinators.combine(records(keys(64)), times())
            .as(
                (record, time) ->
                    Tuple.of(
                        new DhtRequest.PutValue(record),
                        new DhtResponse.PutValueResponse(record.receivedAt(time))));
    Arbitrary<Tuple2<DhtRequest, DhtResponse>> getProviders =
        Combinators.combine(keys(DhtRequest.MAX_PROVIDER_KEY_BYTES), peerLists, peerLists)
            .as(
                (key, providers, closer) ->
                    Tuple.of(
                        new DhtRequest.GetProviders(key),
                        new DhtResponse.GetProvidersResponse(providers, closer)));
    return Arbitraries.oneOf(
        findNode,
        getValue,
        putValue,
        getProviders,
        Arbitraries.just(Tuple.of(new DhtRequest.Ping(), new DhtResponse.PingResponse())));
  }

  /** Random bytes, and valid messages with one byte changed or cut short. */
  @Provide
  Arbitrary<byte[]> noise() {
    Arbitrary<byte[]> mutated =
        Combinators.combine(
                requests().map(DhtCodec::encodeRequest),
                Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.bytes(),
                Arbitraries.of(true, false))
            .as(
                (bytes, index, value, cut) -> {
                  if (bytes.length == 0) {
                    return bytes;
                  }
                  int at = index % bytes.length;
                  if (cut) {
                    return java.util.Arrays.copyOf(bytes, at);
                  }
                  bytes[at] = value;
                  return bytes;
                });
    return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(64), mutated);
  }

  private static Arbitrary<byte[]> keys(int maxLength) {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(maxLength);
  }

  private static Arbitrary<byte[]> values() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
  }

  /**
   * Instants from 1970 to 2100, to the nanosecond, which RFC 3339 with nine digits carries exactly.
   */
  private static Arbitrary<Instant> times() {
    return Combinators.combine(
            Arbitraries.longs().between(0, 4_102_444_800L),
            Arbitraries.integers().between(0, 999_999_999))
        .as(Instant::ofEpochSecond);
  }

  private static Arbitrary<Record> records(Arbitrary<byte[]> keys) {
    return Combinators.combine(keys, values(), times().injectNull(0.3)).as(Record::new);
  }

  private static Arbitrary<PeerInfo> peers() {
    Arbitrary<PeerId> ed25519 =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofSize(32)
            .map(seed -> PeerId.fromPublicKey(Ed25519PrivateKey.fromSeed(seed).publicKey()));
    Arbitrary<PeerId> hashed =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofSize(32)
            .map(data -> PeerId.fromBytes(Multihash.sha256(data).bytes()));
    return Combinators.combine(Arbitraries.oneOf(ed25519, hashed), addresses().list().ofMaxSize(3))
        .as(PeerInfo::new);
  }

  private static Arbitrary<Multiaddr> addresses() {
    Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
    Arbitrary<Integer> port = Arbitraries.integers().between(1, 65535);
    Arbitrary<String> ip4 =
        Combinators.combine(octet, octet, octet, octet, port)
            .as((a, b, c, d, p) -> "/ip4/" + a + "." + b + "." + c + "." + d + "/tcp/" + p);
    Arbitrary<String> ip6 =
        Combinators.combine(Arbitraries.integers().between(0, 0xffff), port)
            .as((h, p) -> "/ip6/2001:db8::" + Integer.toHexString(h) + "/udp/" + p + "/quic-v1");
    Arbitrary<String> dns =
        Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(20), port)
            .as((name, p) -> "/dns4/" + name + ".example/tcp/" + p + "/wss");
    return Arbitraries.oneOf(ip4, ip6, dns).map(Multiaddr::parse);
  }
}

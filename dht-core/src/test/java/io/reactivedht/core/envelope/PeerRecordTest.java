package io.reactivedht.core.envelope;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.envelope.pb.PeerRecordProto;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.peer.PeerId;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Decoding leniency and strictness, the receiver's checks, the encoding of edge values, and round
 * trips.
 */
class PeerRecordTest {
  private static final PrivateKey KEY =
      Ed25519PrivateKey.fromSeed(
          hex("7e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"));
  private static final PrivateKey OTHER_KEY = Ed25519PrivateKey.fromSeed(new byte[32]);

  /** The peer id of {@link #KEY}: identity multihash of its public key protobuf. */
  private static final String PEER_ID_HEX =
      "0024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";

  private static final PeerId PEER = PeerId.fromBytes(hex(PEER_ID_HEX));
  private static final PeerId OTHER =
      PeerId.parse("12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN");
  private static final Multiaddr TCP = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001");

  private static byte[] recordWithAddresses(byte[] peerId, byte[]... addresses) {
    PeerRecordProto.PeerRecord.Builder pb =
        PeerRecordProto.PeerRecord.newBuilder().setPeerId(ByteString.copyFrom(peerId)).setSeq(1);
    for (byte[] address : addresses) {
      pb.addAddresses(
          PeerRecordProto.PeerRecord.AddressInfo.newBuilder()
              .setMultiaddr(ByteString.copyFrom(address)));
    }
    return pb.build().toByteArray();
  }

  @Test
  void decodingDropsAddressesThatDoNotParseOrNameAnotherPeer() {
    byte[] bytes =
        recordWithAddresses(
            hex(PEER_ID_HEX),
            hex("047f000001060fa1"), // /ip4/127.0.0.1/tcp/4001
            new byte[0], // empty
            hex("01"), // protocol code 1 is not a multiaddr protocol
            hex("047f00"), // ip4 cut short
            hex("0601"), // tcp port cut short
            Multiaddr.parse("/ip4/10.0.0.1/tcp/1/p2p/" + OTHER).bytes(), // another peer's
            Multiaddr.parse("/ip4/10.0.0.2/tcp/2/p2p/" + PEER)
                .bytes(), // this peer's: kept without /p2p
            hex("2900000000000000000000000000000001060fa1")); // /ip6/::1/tcp/4001

    PeerRecord record = PeerRecord.decode(bytes);

    assertThat(record.peerId()).isEqualTo(PEER);
    assertThat(record.seq()).isEqualTo(1);
    assertThat(record.addresses())
        .extracting(Multiaddr::toString)
        .containsExactly("/ip4/127.0.0.1/tcp/4001", "/ip4/10.0.0.2/tcp/2", "/ip6/::1/tcp/4001");
  }

  /**
   * /p2p/OTHER/p2p/PEER and .../p2p/PEER/p2p/PEER end with this peer's /p2p, but once it is
   * stripped they still end with a /p2p: kept, they would be dropped or stripped again when the
   * record's own encoding is decoded (no round trip). Seen while writing EnvelopeFuzzTest.
   */
  @Test
  void decodingDropsAnAddressThatNamesAnotherPeerOnceItsOwnP2pIsStripped() {
    byte[] bytes =
        recordWithAddresses(
            hex(PEER_ID_HEX),
            Multiaddr.parse("/p2p/" + OTHER + "/p2p/" + PEER).bytes(),
            Multiaddr.parse("/ip4/10.0.0.2/tcp/2/p2p/" + PEER + "/p2p/" + PEER).bytes(),
            Multiaddr.parse("/ip4/10.0.0.3/tcp/3/p2p/" + PEER).bytes());

    PeerRecord record = PeerRecord.decode(bytes);

    assertThat(record.addresses())
        .extracting(Multiaddr::toString)
        .containsExactly("/ip4/10.0.0.3/tcp/3");
    assertThat(PeerRecord.decode(record.encode())).isEqualTo(record);
  }

  @Test
  void aSignedRecordWithUnparsableAddressesStillOpens() {
    byte[] payload = recordWithAddresses(hex(PEER_ID_HEX), hex("01"), hex("047f000001060fa1"));
    byte[] envelope =
        SignedEnvelope.seal(KEY, PeerRecord.DOMAIN, PeerRecord.payloadType(), payload).encode();

    assertThat(PeerRecord.open(envelope)).isEqualTo(new PeerRecord(PEER, 1, List.of(TCP)));
  }

  @Test
  void aBadPeerIdIsADecodingException() {
    List<String> badPeerIds =
        List.of(
            "", // missing
            "ffff", // not a multihash
            "1220" + "00".repeat(31), // sha2-256 digest one byte short
            "1101" + "00", // sha1
            "0005" + "0801120100"); // identity holding an Ed25519 key of 1 byte

    for (String peerId : badPeerIds) {
      assertThatThrownBy(() -> PeerRecord.decode(recordWithAddresses(hex(peerId))))
          .as(peerId)
          .isInstanceOf(DecodingException.class)
          .hasMessageStartingWith("peer record: invalid peer id");
    }
  }

  @Test
  void notAProtobufOrTooLongIsADecodingException() {
    assertThatThrownBy(() -> PeerRecord.decode(hex("0a05")))
        .isInstanceOf(DecodingException.class)
        .hasMessageStartingWith("peer record: ");
    assertThatThrownBy(() -> PeerRecord.decode(new byte[PeerRecord.MAX_ENCODED_BYTES + 1]))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("exceed");
  }

  @Test
  void openingAnEnvelopeWhosePayloadIsNotAPeerRecordIsADecodingException() {
    byte[] envelope =
        SignedEnvelope.seal(KEY, PeerRecord.DOMAIN, PeerRecord.payloadType(), hex("ff")).encode();

    assertThat(catchThrowable(() -> PeerRecord.open(envelope)))
        .isInstanceOf(DecodingException.class)
        .isNotInstanceOf(InvalidEnvelopeException.class)
        .hasMessageStartingWith("peer record: ");
  }

  @Test
  void fromEnvelopeVerifiesAnEnvelopeThatWasOnlyDecoded() {
    byte[] envelope = new PeerRecord(PEER, 1, List.of(TCP)).seal(KEY).encode();
    envelope[envelope.length - 1] ^= 1; // last signature byte
    SignedEnvelope decoded = SignedEnvelope.decode(envelope);

    assertThatThrownBy(() -> PeerRecord.fromEnvelope(decoded))
        .isInstanceOf(InvalidEnvelopeException.class)
        .hasMessageContaining("signature is not valid");
  }

  @Test
  void anEnvelopeSealedForAnotherDomainOrTypeIsRejected() {
    byte[] payload = new PeerRecord(PEER, 1, List.of(TCP)).encode();
    SignedEnvelope otherDomain =
        SignedEnvelope.seal(KEY, "libp2p-routing-state", PeerRecord.payloadType(), payload);
    SignedEnvelope otherType = SignedEnvelope.seal(KEY, PeerRecord.DOMAIN, hex("0302"), payload);

    assertThatThrownBy(() -> PeerRecord.fromEnvelope(otherDomain))
        .isInstanceOf(InvalidEnvelopeException.class)
        .hasMessageContaining("signature is not valid");
    assertThatThrownBy(() -> PeerRecord.open(otherType.encode()))
        .isInstanceOf(InvalidEnvelopeException.class)
        .hasMessageContaining("payload type is 0302");
  }

  @Test
  void onlyThePeersOwnKeyCanSeal() {
    PeerRecord record = new PeerRecord(PEER, 1, List.of(TCP));

    assertThatThrownBy(() -> record.seal(OTHER_KEY))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(DecodingException.class)
        .hasMessageContaining("cannot sign for " + PEER);
  }

  @Test
  void zeroSeqAndNoAddressesAreLeftOutOfTheEncoding() {
    assertThat(hex(new PeerRecord(PEER, 0, List.of()).encode())).isEqualTo("0a26" + PEER_ID_HEX);
  }

  @Test
  void seqIsUnsigned64Bit() {
    PeerRecord max = new PeerRecord(PEER, -1, List.of());

    // 2^64-1 as a protobuf varint: nine bytes of ff and 01
    assertThat(hex(max.encode())).isEqualTo("0a26" + PEER_ID_HEX + "10" + "ff".repeat(9) + "01");
    assertThat(PeerRecord.decode(max.encode()).seq()).isEqualTo(-1);
    assertThat(max.toString()).contains("seq=18446744073709551615");
  }

  @Test
  void addressesAreKeptWithoutThePeersOwnP2p() {
    List<Multiaddr> addresses = new ArrayList<>(List.of(TCP.withPeerId(PEER)));
    PeerRecord record = new PeerRecord(PEER, 1, addresses);
    addresses.clear();

    assertThat(record.addresses()).containsExactly(TCP);
    assertThat(record).isEqualTo(new PeerRecord(PEER, 1, List.of(TCP))).hasSameHashCodeAs(record);
    assertThatThrownBy(() -> record.addresses().add(TCP))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> new PeerRecord(PEER, 1, List.of(TCP.withPeerId(OTHER))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void payloadTypeIsCopiedOut() {
    PeerRecord.payloadType()[0] = 9;

    assertThat(PeerRecord.payloadType()).containsExactly(0x03, 0x01);
    assertThat(PeerRecord.DOMAIN).isEqualTo("libp2p-peer-record");
  }

  @Property(seed = "42", tries = 200)
  void sealedRecordsOpenToThemselves(
      @ForAll @Size(32) byte[] seed,
      @ForAll long seq,
      @ForAll("addresses") List<Multiaddr> addresses) {
    PrivateKey key = Ed25519PrivateKey.fromSeed(seed);
    PeerRecord record = new PeerRecord(PeerId.fromPublicKey(key.publicKey()), seq, addresses);

    byte[] envelope = record.seal(key).encode();

    assertThat(PeerRecord.open(envelope)).isEqualTo(record);
    assertThat(PeerRecord.decode(record.encode())).isEqualTo(record);
    assertThat(SignedEnvelope.decode(envelope).payload()).isEqualTo(record.encode());
  }

  @Property(seed = "42", tries = 300)
  void corruptedEnvelopesNeverOpen(@ForAll int position, @ForAll byte mask) {
    byte[] envelope = new PeerRecord(PEER, 1, List.of(TCP)).seal(KEY).encode();
    envelope[Math.floorMod(position, envelope.length)] ^= mask == 0 ? 1 : mask;

    assertThatThrownBy(() -> PeerRecord.open(envelope)).isInstanceOf(DecodingException.class);
  }

  @Property(seed = "42")
  void anyBytesDecodeOrFailWithADecodingException(@ForAll @Size(max = 200) byte[] bytes) {
    assertThat(catchThrowable(() -> PeerRecord.decode(bytes)))
        .satisfiesAnyOf(
            t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(DecodingException.class));
    assertThat(catchThrowable(() -> PeerRecord.open(bytes)))
        .satisfiesAnyOf(
            t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(DecodingException.class));
  }

  /**
   * ip4 or ip6, then tcp or udp with any port: written as bytes here, so the round trip does not
   * lean on parse.
   */
  @Provide
  Arbitrary<List<Multiaddr>> addresses() {
    Arbitrary<byte[]> host =
        Arbitraries.oneOf(
            Arbitraries.bytes().array(byte[].class).ofSize(4).map(ip -> concat(hex("04"), ip)),
            Arbitraries.bytes().array(byte[].class).ofSize(16).map(ip -> concat(hex("29"), ip)));
    Arbitrary<byte[]> transport =
        Combinators.combine(
                Arbitraries.of(hex("06"), hex("9102")),
                Arbitraries.bytes().array(byte[].class).ofSize(2))
            .as(PeerRecordTest::concat);
    return Combinators.combine(host, transport)
        .as((h, t) -> Multiaddr.fromBytes(concat(h, t)))
        .list()
        .ofMaxSize(5);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

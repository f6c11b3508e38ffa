package io.reactivedht.transport.identify;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.envelope.PeerRecord;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.identify.IdentifyException.Reason;
import io.reactivedht.transport.identify.pb.IdentifyProto;
import io.reactivedht.transport.stream.Frames;
import io.reactivedht.transport.stream.PipedByteStream;
import io.reactivedht.transport.stream.StreamEndedException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Identify end to end over an in-memory pipe: {@code [0]} asks (or receives a push), {@code [1]}
 * answers.
 */
class IdentifyTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** WIRE §6.5: peer 12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq. */
  static final PrivateKey ALICE =
      Ed25519PrivateKey.fromSeed(
          hex("7e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"));

  /** WIRE §6.5: the all-zero seed, peer 12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN. */
  static final PrivateKey BOB = Ed25519PrivateKey.fromSeed(new byte[32]);

  static final PeerId ALICE_ID =
      PeerId.parse("12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq");
  static final PeerId BOB_ID = PeerId.parse("12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN");

  private final PipedByteStream[] pipe = PipedByteStream.pair();
  private final PipedByteStream asker = pipe[0];
  private final PipedByteStream answerer = pipe[1];

  @Test
  void theAnswerRoundTripsAndTheSignedRecordsAddressesWin() {
    List<Multiaddr> listen = List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/4001"));
    List<Multiaddr> certified =
        List.of(
            Multiaddr.parse("/ip4/192.0.2.42/tcp/443"),
            Multiaddr.parse("/dns4/example.com/tcp/443"));
    Multiaddr observed = Multiaddr.parse("/ip4/203.0.113.9/tcp/50000");
    IdentifyInfo alice =
        new IdentifyInfo(
            ALICE.publicKey(),
            listen,
            protocols("/ipfs/kad/1.0.0", "/ipfs/id/1.0.0"),
            observed,
            "ipfs/0.1.0",
            "reactive-dht/test",
            new PeerRecord(ALICE_ID, 7, certified).seal(ALICE));

    StepVerifier.create(Identify.respond(answerer, alice)).verifyComplete();
    StepVerifier.create(Identify.request(asker, ALICE_ID))
        .assertNext(
            info -> {
              assertThat(info).isEqualTo(alice);
              assertThat(info.peerId()).isEqualTo(ALICE_ID);
              assertThat(info.listenAddresses()).isEqualTo(listen);
              assertThat(info.addresses()).isEqualTo(certified);
              assertThat(info.peerRecord().seq()).isEqualTo(7);
              assertThat(info.protocols()).containsExactly("/ipfs/kad/1.0.0", "/ipfs/id/1.0.0");
              assertThat(info.observedAddress()).isEqualTo(observed);
            })
        .expectComplete()
        .verify(TIMEOUT);
    // the asker half-closed after reading: the answerer's side ends cleanly
    StepVerifier.create(answerer.read(Frames.available(1)))
        .expectError(StreamEndedException.class)
        .verify(TIMEOUT);
  }

  @Test
  void ourLocalInfoCarriesARecordSealedWithOurKey() {
    List<Multiaddr> listen = List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001/p2p/" + BOB_ID));
    IdentifyInfo bob =
        IdentifyInfo.local(BOB, 1_700_000_000_000L, listen, Set.of("/ipfs/ping/1.0.0"), "agent/1");
    Multiaddr observed = Multiaddr.parse("/ip4/127.0.0.1/tcp/5555");

    StepVerifier.create(Identify.respond(answerer, bob.withObservedAddress(observed)))
        .verifyComplete();
    StepVerifier.create(Identify.request(asker, BOB_ID))
        .assertNext(
            info -> {
              assertThat(info.peerId()).isEqualTo(BOB_ID);
              assertThat(info.protocolVersion()).isEqualTo("ipfs/0.1.0");
              assertThat(info.agentVersion()).isEqualTo("agent/1");
              assertThat(info.listenAddresses())
                  .containsExactly(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"));
              assertThat(info.peerRecord())
                  .isEqualTo(
                      new PeerRecord(
                          BOB_ID,
                          1_700_000_000_000L,
                          List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"))));
              assertThat(info.signedPeerRecord().signer()).isEqualTo(BOB_ID);
              assertThat(info.observedAddress()).isEqualTo(observed);
            })
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void aPublicKeyOfAnotherPeerIsRejected() {
    IdentifyInfo bob = IdentifyInfo.local(BOB, 1, List.of(), Set.of(), "bob");
    StepVerifier.create(Identify.respond(answerer, bob)).verifyComplete();
    expectRejection(Reason.PEER_MISMATCH);
  }

  @Test
  void aSignedRecordOfAnotherPeerIsRejected() {
    byte[] bobsRecord =
        new PeerRecord(BOB_ID, 1, List.of(Multiaddr.parse("/ip4/1.2.3.4/tcp/1")))
            .seal(BOB)
            .encode();
    sendFramesAndClose(
        aliceMessage().setSignedPeerRecord(ByteString.copyFrom(bobsRecord)).build().toByteArray());
    expectRejection(Reason.INVALID_SIGNED_RECORD);
  }

  @Test
  void aTamperedSignedRecordIsRejected() {
    byte[] record =
        new PeerRecord(ALICE_ID, 1, List.of(Multiaddr.parse("/ip4/1.2.3.4/tcp/1")))
            .seal(ALICE)
            .encode();
    record[record.length - 1] ^= 1; // the last signature byte
    sendFramesAndClose(
        aliceMessage().setSignedPeerRecord(ByteString.copyFrom(record)).build().toByteArray());
    expectRejection(Reason.INVALID_SIGNED_RECORD);
  }

  @Test
  void anAnswerSplitInTwoMessagesIsMerged() {
    // go's split: everything but the record first, then the record alone; protocols also appear in
    // both parts
    byte[] record =
        new PeerRecord(ALICE_ID, 3, List.of(Multiaddr.parse("/ip4/192.0.2.42/tcp/443")))
            .seal(ALICE)
            .encode();
    byte[] first =
        aliceMessage()
            .setAgentVersion("first")
            .addProtocols("/ipfs/id/1.0.0")
            .build()
            .toByteArray();
    byte[] second =
        IdentifyProto.Identify.newBuilder()
            .setAgentVersion("second")
            .addProtocols("/ipfs/kad/1.0.0")
            .setSignedPeerRecord(ByteString.copyFrom(record))
            .build()
            .toByteArray();
    sendFramesAndClose(first, second);

    StepVerifier.create(Identify.request(asker, ALICE_ID))
        .assertNext(
            info -> {
              assertThat(info.agentVersion()).isEqualTo("second");
              assertThat(info.protocols()).containsExactly("/ipfs/id/1.0.0", "/ipfs/kad/1.0.0");
              assertThat(info.listenAddresses())
                  .containsExactly(Multiaddr.parse("/ip4/10.0.0.1/tcp/4001"));
              assertThat(info.addresses())
                  .containsExactly(Multiaddr.parse("/ip4/192.0.2.42/tcp/443"));
            })
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void anOversizedMessageIsRejectedFromItsPrefixAlone() {
    answerer.write(
        new byte[] {(byte) 0x81, 0x40}); // varint 8193, one more than the limit; no body, no end
    expectRejection(Reason.FRAMING);
  }

  @Test
  void garbageIsRejected() {
    sendFramesAndClose(hex("ffffffff"));
    expectRejection(Reason.MALFORMED);
  }

  @Test
  void anUndecodablePublicKeyIsRejected() {
    sendFramesAndClose(
        aliceMessage()
            .setPublicKey(ByteString.copyFrom(hex("0801120401020304")))
            .build()
            .toByteArray());
    expectRejection(Reason.INVALID_PUBLIC_KEY);
  }

  @Test
  void aStreamEndingWithoutAMessageIsRejected() {
    answerer.closeWrite();
    expectRejection(Reason.MALFORMED);
  }

  @Test
  void moreThanTenMessagesAreRejected() {
    byte[][] messages = new byte[11][];
    for (int i = 0; i < messages.length; i++) {
      messages[i] =
          IdentifyProto.Identify.newBuilder().addProtocols("/p/" + i).build().toByteArray();
    }
    sendFramesAndClose(messages);
    expectRejection(Reason.TOO_MANY_MESSAGES);
  }

  @Test
  void anEndInsideAMessageFailsTheRequest() {
    answerer.write(new byte[] {5, 0x0a, 0x01});
    answerer.closeWrite();
    StepVerifier.create(Identify.request(asker, ALICE_ID))
        .expectError(StreamEndedException.class)
        .verify(TIMEOUT);
  }

  @Test
  void unparsableAddressesAndThoseOfOtherPeersAreDroppedAndOurP2pSuffixStripped() {
    byte[] message =
        IdentifyProto.Identify.newBuilder()
            .addListenAddrs(ByteString.copyFrom(hex("ff7f"))) // unknown protocol code
            .addListenAddrs(bytes("/ip4/1.2.3.4/tcp/1/p2p/" + BOB_ID))
            .addListenAddrs(bytes("/ip4/1.2.3.4/tcp/2/p2p/" + ALICE_ID))
            .addListenAddrs(bytes("/ip4/1.2.3.4/tcp/3"))
            .setObservedAddr(ByteString.copyFrom(hex("04010203"))) // truncated ip4
            .build()
            .toByteArray();
    sendFramesAndClose(message);

    // no public key sent: the identity peer id inlines it
    StepVerifier.create(Identify.request(asker, ALICE_ID))
        .assertNext(
            info -> {
              assertThat(info.publicKey()).isEqualTo(ALICE.publicKey());
              assertThat(info.listenAddresses())
                  .containsExactly(
                      Multiaddr.parse("/ip4/1.2.3.4/tcp/2"), Multiaddr.parse("/ip4/1.2.3.4/tcp/3"));
              assertThat(info.observedAddress()).isNull();
              assertThat(info.signedPeerRecord()).isNull();
              assertThat(info.addresses()).isEqualTo(info.listenAddresses());
            })
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void aPushReplacesThePushedFieldsAndKeepsTheOthers() {
    IdentifyInfo known =
        IdentifyInfo.local(
            ALICE,
            1,
            List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/1")),
            protocols("/ipfs/id/1.0.0"),
            "alice/1");
    IdentifyInfo updated =
        IdentifyInfo.local(
            ALICE,
            2,
            List.of(Multiaddr.parse("/ip4/10.0.0.2/tcp/2")),
            protocols("/ipfs/id/1.0.0", "/ipfs/kad/1.0.0"),
            "alice/1");
    StepVerifier.create(Identify.push(answerer, updated)).verifyComplete();
    StepVerifier.create(Identify.receivePush(asker, known))
        .assertNext(info -> assertThat(info).isEqualTo(updated))
        .expectComplete()
        .verify(TIMEOUT);

    // a partial push: only the protocols change
    PipedByteStream[] again = PipedByteStream.pair();
    again[1].write(
        Frames.varintPrefix(
            IdentifyProto.Identify.newBuilder()
                .addProtocols("/ipfs/ping/1.0.0")
                .build()
                .toByteArray()));
    again[1].closeWrite();
    StepVerifier.create(Identify.receivePush(again[0], updated))
        .assertNext(
            info -> {
              assertThat(info.protocols()).containsExactly("/ipfs/ping/1.0.0");
              assertThat(info.addresses()).isEqualTo(updated.addresses());
              assertThat(info.signedPeerRecord()).isEqualTo(updated.signedPeerRecord());
            })
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void aPushFromAnotherKeyIsRejected() {
    IdentifyInfo known = IdentifyInfo.local(ALICE, 1, List.of(), Set.of(), "alice/1");
    IdentifyInfo bob = IdentifyInfo.local(BOB, 1, List.of(), Set.of(), "bob");
    StepVerifier.create(Identify.push(answerer, bob)).verifyComplete();
    StepVerifier.create(Identify.receivePush(asker, known))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        IdentifyException.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(Reason.PEER_MISMATCH)))
        .verify(TIMEOUT);
  }

  /** Alice's key and one listen address, as a builder to add to. */
  private static IdentifyProto.Identify.Builder aliceMessage() {
    return IdentifyProto.Identify.newBuilder()
        .setPublicKey(ByteString.copyFrom(ALICE.publicKey().encoded()))
        .addListenAddrs(bytes("/ip4/10.0.0.1/tcp/4001"));
  }

  private void sendFramesAndClose(byte[]... messages) {
    for (byte[] message : messages) {
      answerer.write(Frames.varintPrefix(message));
    }
    answerer.closeWrite();
  }

  private void expectRejection(Reason reason) {
    StepVerifier.create(Identify.request(asker, ALICE_ID))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        IdentifyException.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(reason)))
        .verify(TIMEOUT);
  }

  private static Set<String> protocols(String... ids) {
    return new LinkedHashSet<>(List.of(ids));
  }

  private static ByteString bytes(String multiaddr) {
    return ByteString.copyFrom(Multiaddr.parse(multiaddr).bytes());
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }
}

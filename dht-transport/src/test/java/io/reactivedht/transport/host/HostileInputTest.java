package io.reactivedht.transport.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.multiformats.Varint;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.reactor.spi.PeerUnreachableException;
import io.reactivedht.transport.Libp2pOptions;
import io.reactivedht.transport.Libp2pTransport;
import io.reactivedht.transport.Seeds;
import io.reactivedht.transport.TransportInternals;
import io.reactivedht.transport.config.HostOptions;
import io.reactivedht.transport.config.YamuxConfig;
import io.reactivedht.transport.connection.DialException;
import io.reactivedht.transport.host.RawYamux.Frame;
import io.reactivedht.transport.multistream.MultistreamSelect;
import io.reactivedht.transport.noise.NoiseException;
import io.reactivedht.transport.noise.NoiseSecurity;
import io.reactivedht.transport.noise.ScriptedInitiator;
import io.reactivedht.transport.noise.SecureChannel;
import io.reactivedht.transport.resource.ResourceScope;
import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.Frames;
import io.reactivedht.transport.tcp.TcpAddresses;
import io.reactivedht.transport.tcp.TcpByteStream;
import io.reactivedht.transport.tcp.TcpTransport;
import io.reactivedht.transport.yamux.YamuxSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * Issue 4, bad input at every layer: a node on loopback TCP serving the DHT is attacked by a
 * hand-driven client built from our own layers. After each attack the attacker's connection or
 * stream is closed or reset, the node logged why, its connection count is back where it was, and an
 * honest client still gets FIND_NODE answered.
 */
class HostileInputTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_INBOUND_STREAMS = 8;
  private static final String KAD = Libp2pOptions.IPFS_KAD;
  private static final LoopResources LOOPS = LoopResources.create("hostile-test", 1, true);
  private static final TcpTransport TCP = new TcpTransport(LOOPS, TIMEOUT);
  private static final DhtRequest.FindNode FIND_NODE = new DhtRequest.FindNode(bytes("target"));

  private final SecureRandom random = Seeds.random(4);
  private final PrivateKey attackerKey = Ed25519PrivateKey.generate(random);
  private final PeerInfo answer =
      PeerInfo.of(
          PeerId.fromPublicKey(Ed25519PrivateKey.generate(random).publicKey()),
          Multiaddr.parse("/ip4/10.0.0.1/tcp/4001"));
  private final LogCapture log = LogCapture.start();
  private final List<Libp2pTransport> transports = new ArrayList<>();
  private final List<ByteStream> attackers = new ArrayList<>();
  private Libp2pTransport node;
  private Libp2pTransport honest;

  /**
   * Errors Reactor had nowhere to deliver: each would be an ERROR log with a stack trace per
   * attack.
   */
  private final List<Throwable> dropped = new CopyOnWriteArrayList<>();

  @BeforeEach
  void collectDroppedErrors() {
    Hooks.onErrorDropped(dropped::add);
  }

  @AfterEach
  void stop() {
    try {
      assertThat(dropped).as("errors dropped by Reactor during the attack").isEmpty();
    } finally {
      Hooks.resetOnErrorDropped();
      attackers.forEach(ByteStream::reset);
      transports.forEach(t -> t.close().block(TIMEOUT));
      log.close();
    }
  }

  // ---- 1. multistream-select

  @Test
  void garbageInsteadOfTheMultistreamHeaderClosesTheConnection() {
    startNode(UnaryOperator.identity());
    TcpByteStream raw = dial();

    raw.write(
        bytes(
            "GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: curl/8.0\r\nAccept: */*\r\n"
                + "Connection: keep-alive\r\n\r\n"));

    assertEnds(raw);
    assertLogged("inbound upgrade", "multistream");
    assertNodeHealthy(1);
  }

  @Test
  void aMultistreamLineLongerThan1024BytesClosesTheConnectionFromItsPrefix() {
    startNode(UnaryOperator.identity());
    TcpByteStream raw = dial();

    raw.write(new byte[] {(byte) 0xD1, 0x0F}); // uvarint 2001, and no line behind it

    assertEnds(raw);
    assertLogged(
        "inbound upgrade", "multistream line: declared length exceeds the maximum of 1024 bytes");
    assertNodeHealthy(1);
  }

  @Test
  void endlessNaProposalsCloseTheConnection() {
    startNode(UnaryOperator.identity());
    TcpByteStream raw = dial();

    raw.write(MultistreamSelect.encode(MultistreamSelect.PROTOCOL_ID));
    for (int i = 0; i < 100; i++) {
      raw.write(MultistreamSelect.encode("/not-noise/" + i));
    }

    assertEnds(raw);
    assertLogged("inbound upgrade", "proposals refused");
    assertNodeHealthy(1);
  }

  // ---- 2. Noise

  @Test
  void anInitiatorWhoseSignatureDoesNotCoverItsStaticKeyIsRefused() {
    startNode(UnaryOperator.identity());
    TcpByteStream raw = dial();
    MultistreamSelect.select(raw, List.of(NoiseSecurity.PROTOCOL_ID)).block(TIMEOUT);
    ScriptedInitiator initiator = new ScriptedInitiator(attackerKey, random);

    raw.write(initiator.message1());
    initiator.readMessage2(raw.read(Frames.u16Prefixed()).block(TIMEOUT));
    raw.write(initiator.message3WithForgedSignature());

    assertEnds(raw);
    assertLogged("inbound upgrade", "identity signature does not cover the remote static key");
    assertNodeHealthy(1);
  }

  @Test
  void aDialerRefusesARemoteThatIsNotThePeerItExpected() {
    startNode(UnaryOperator.identity());
    PeerId someoneElse = PeerId.fromPublicKey(Ed25519PrivateKey.generate(random).publicKey());
    TcpByteStream raw = dial();
    MultistreamSelect.select(raw, List.of(NoiseSecurity.PROTOCOL_ID)).block(TIMEOUT);

    assertThatThrownBy(
            () -> new NoiseSecurity(attackerKey).secureOutbound(raw, someoneElse).block(TIMEOUT))
        .isInstanceOfSatisfying(
            NoiseException.class,
            e -> assertThat(e.reason()).isEqualTo(NoiseException.Reason.PEER_ID_MISMATCH));
    assertEnds(raw);

    // the same through the host: the typed reason travels as a suppressed exception of the
    // DialException
    assertThatThrownBy(
            () ->
                honest
                    .send(new PeerInfo(someoneElse, node.listenAddresses()), FIND_NODE)
                    .block(TIMEOUT))
        .isInstanceOf(PeerUnreachableException.class)
        .cause()
        .isInstanceOfSatisfying(
            DialException.class,
            e ->
                assertThat(e.getSuppressed())
                    .anySatisfy(
                        s ->
                            assertThat(s)
                                .isInstanceOfSatisfying(
                                    NoiseException.class,
                                    n ->
                                        assertThat(n.reason())
                                            .isEqualTo(NoiseException.Reason.PEER_ID_MISMATCH))));
    assertNodeHealthy(1);
  }

  @Test
  void aGarbageFirstHandshakeMessageIsRefused() {
    startNode(UnaryOperator.identity());
    TcpByteStream raw = dial();
    MultistreamSelect.select(raw, List.of(NoiseSecurity.PROTOCOL_ID)).block(TIMEOUT);

    raw.write(new byte[] {0x00, 0x1F}); // 31 bytes: not an X25519 key
    raw.write(random(31, 1));

    assertEnds(raw);
    assertLogged("inbound upgrade", "handshake message 1 has 31 bytes");
    assertNodeHealthy(1);
  }

  @Test
  void aFirstHandshakeMessageOfTheLargestFrameLengthIsRefused() {
    startNode(UnaryOperator.identity());
    TcpByteStream raw = dial();
    MultistreamSelect.select(raw, List.of(NoiseSecurity.PROTOCOL_ID)).block(TIMEOUT);

    raw.write(new byte[] {(byte) 0xFF, (byte) 0xFF});
    raw.write(random(65535, 2));

    assertEnds(raw);
    assertLogged("inbound upgrade", "handshake message 1 has 65535 bytes");
    assertNodeHealthy(1);
  }

  @Test
  void aTransportFrameThatFailsDecryptionClosesTheConnection() {
    startNode(UnaryOperator.identity());
    Upgraded attacker = upgrade();

    attacker
        .raw()
        .write(
            new byte[] {(byte) 0xFF, (byte) 0xFF}); // beneath our Noise layer: not encrypted by it
    attacker.raw().write(random(65535, 3));

    assertEnds(attacker.channel().stream());
    assertLogged("YamuxSession", "NoiseException");
    assertNodeHealthy(1);
  }

  // ---- 3. yamux

  @Test
  void aFrameWithAnotherVersionEndsTheSessionWithAProtocolError() {
    startNode(UnaryOperator.identity());
    Upgraded attacker = upgrade();
    RawYamux yamux = attacker.yamux();

    yamux.send(1, RawYamux.WINDOW_UPDATE, RawYamux.SYN, 1, 0, new byte[0]);

    Frame goAway = awaitGoAway(yamux);
    assertThat(goAway.length()).as("GoAway code").isEqualTo(1); // protocol error
    assertEnds(attacker.channel().stream());
    assertLogged("YamuxSession", "unsupported yamux version 1");
    assertNodeHealthy(1);
  }

  @Test
  void dataForAStreamNeverOpenedIsDroppedAndTheSessionStaysUsable() {
    startNode(UnaryOperator.identity());
    Upgraded attacker = upgrade();
    RawYamux yamux = attacker.yamux();

    yamux.data(0, 1001, bytes("nobody opened this stream"));
    yamux.data(RawYamux.FIN, 1003, bytes("nor this one"));

    DhtResponse response = yamux.findNode(1, KAD, FIND_NODE);
    assertThat(response).isEqualTo(new DhtResponse.FindNodeResponse(List.of(answer)));
    assertThat(connections()).isEqualTo(2);
    attacker.raw().reset();
    assertNodeHealthy(1);
  }

  @Test
  void dataBeyondTheReceiveWindowEndsTheSessionWithAProtocolError() {
    startNode(UnaryOperator.identity());
    Upgraded attacker = upgrade();
    RawYamux yamux = attacker.yamux();

    yamux.windowUpdate(RawYamux.SYN, 1, 0);
    int beyond = YamuxConfig.PROTOCOL_WINDOW + 1;
    yamux.send(
        0, RawYamux.DATA, 0, 1, beyond, new byte[1024]); // the header alone breaks the window

    Frame goAway = awaitGoAway(yamux);
    assertThat(goAway.length()).as("GoAway code").isEqualTo(1);
    assertEnds(attacker.channel().stream());
    assertLogged("YamuxSession", "exceed the receive window");
    assertNodeHealthy(1);
  }

  @Test
  void aSynFloodBeyondTheInboundStreamLimitIsAnsweredWithRstAndTheSessionSurvives() {
    startNode(UnaryOperator.identity());
    Upgraded attacker = upgrade();
    RawYamux yamux = attacker.yamux();
    int flood = MAX_INBOUND_STREAMS + 8;

    for (int i = 0; i < flood; i++) {
      yamux.windowUpdate(RawYamux.SYN, 1 + 2 * i, 0);
    }
    List<Integer> acked = new ArrayList<>();
    List<Integer> refused = new ArrayList<>();
    while (acked.size() + refused.size() < flood) {
      Frame frame = yamux.next();
      if (frame.streamId() % 2 == 1 && frame.has(RawYamux.ACK)) {
        acked.add(frame.streamId());
      } else if (frame.streamId() % 2 == 1 && frame.has(RawYamux.RST)) {
        refused.add(frame.streamId());
      }
    }
    assertThat(acked).hasSize(MAX_INBOUND_STREAMS);
    assertThat(refused).hasSize(flood - MAX_INBOUND_STREAMS);

    for (int id : acked) {
      yamux.windowUpdate(RawYamux.RST, id, 0);
    }
    DhtResponse response = yamux.findNode(1 + 2 * flood, KAD, FIND_NODE);
    assertThat(response).isEqualTo(new DhtResponse.FindNodeResponse(List.of(answer)));
    attacker.raw().reset();
    assertNodeHealthy(1);
  }

  // ---- 4. the DHT protocol

  @Test
  void aFiveMebibyteLengthPrefixResetsOnlyThatStreamBeforeAnyBodyArrives() {
    startNode(UnaryOperator.identity());
    RawYamux yamux = upgrade().yamux();

    // only the prefix is sent: the node can reset the stream only by judging it
    yamux.openAndSend(1, KAD, Varint.encode(5L * 1024 * 1024));

    yamux.awaitFlag(1, RawYamux.RST);
    assertLogged("Protocols", "dht message: declared length exceeds the maximum of 4194304 bytes");
    assertThat(yamux.findNode(3, KAD, FIND_NODE))
        .isEqualTo(new DhtResponse.FindNodeResponse(List.of(answer)));
    assertNodeHealthy(2);
  }

  @Test
  void hugeMessagesFromOnePeersTwoConnectionsStayWithinThePeersBudget() {
    long perPeer = 6L << 20; // less than its two connections' 2 x 4 MiB
    startNode(host -> attackLimits(host, 12L << 20, perPeer, 4L << 20));
    ResourceScope memory = TransportInternals.host(node).resources();

    attackWithHugeMessages(List.of(upgrade(2), upgrade(3)), memory, perPeer);

    assertLogged("more bytes would exceed the memory budget of the peer");
    assertThat(memory.used()).isLessThanOrEqualTo(perPeer);
    assertNodeHealthy(3);
  }

  @Test
  void anAttackerSendingAllEveryWindowUpdateGrantsStaysWithinThePeersBudget() {
    long perPeer = 6L << 20;
    startNode(host -> attackLimits(host, 12L << 20, perPeer, 4L << 20));
    ResourceScope memory = TransportInternals.host(node).resources();
    Upgraded connection = upgrade();
    // a short read timeout: the attack ends when the node grants nothing more for a second
    RawYamux yamux = new RawYamux(connection.channel().stream(), Duration.ofSeconds(1));
    byte[] chunk = new byte[64 * 1024];
    for (int stream = 1; stream < 2 * 16; stream += 2) {
      yamux.openAndSend(stream, KAD, Varint.encode((4L << 20) - 100));
      for (int i = 0; i < 3; i++) {
        yamux.data(0, stream, chunk);
      }
    }

    long granted = 0;
    for (RawYamux.Frame frame = nextOrNull(yamux); frame != null; frame = nextOrNull(yamux)) {
      if (frame.type() == RawYamux.WINDOW_UPDATE && !frame.has(RawYamux.RST)) {
        granted += frame.length();
        for (int left = frame.length(); left > 0; left -= chunk.length) {
          yamux.dataSent(
              frame.streamId(), Arrays.copyOf(chunk, Math.min(left, chunk.length)), TIMEOUT);
        }
      }
      assertThat(memory.used()).isLessThanOrEqualTo(perPeer);
    }

    assertThat(granted).as("the node grew windows beyond the first 256 KiB").isPositive();
    assertThat(memory.used()).isLessThanOrEqualTo(perPeer);
    assertNodeHealthy(2);
  }

  /** The next frame, or null when none came within the reader's timeout. */
  private static RawYamux.@Nullable Frame nextOrNull(RawYamux yamux) {
    try {
      return yamux.next();
    } catch (RuntimeException quiet) {
      return null;
    }
  }

  @Test
  void hugeMessagesSpreadOverSeveralPeersStayWithinTheNodesBudget() {
    long perNode = 12L << 20;
    startNode(host -> attackLimits(host, perNode, 4L << 20, 4L << 20));
    ResourceScope memory = TransportInternals.host(node).resources();
    List<Upgraded> peers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      peers.add(upgrade(Ed25519PrivateKey.generate(random), 2 + i));
    }

    // 4 peers x 48 streams x 192 KiB = 36 MiB offered against the node's 12: the peers fill it
    attackWithHugeMessages(peers, memory, perNode);

    assertLogged("more bytes would exceed the memory budget of the node");
    for (Upgraded peer : peers) {
      peer.raw().reset();
    }
    await("the attackers' bytes are given back", () -> memory.used() == 0);
    assertNodeHealthy(1);
  }

  @Test
  void aPeersStreamsOverAllItsConnectionsAreCappedByThePeerLimit() {
    startNode(
        host ->
            host.withResources(host.resources().withInboundStreams(4096, 6, 32))
                .withYamux(YamuxConfig.DEFAULT.withMaxInboundStreams(64)));
    ResourceScope memory = TransportInternals.host(node).resources();
    RawYamux first = upgrade(2).yamux();
    RawYamux second = upgrade(3).yamux();
    for (int stream = 1; stream <= 7; stream += 2) { // 4 streams on the first connection
      first.openAndSend(stream, KAD, Varint.encode(100));
    }
    await("the node counts 4 streams", () -> memory.streams() == 4);

    second.openAndSend(1, KAD, Varint.encode(100));
    second.openAndSend(3, KAD, Varint.encode(100));
    second.openAndSend(5, KAD, Varint.encode(100)); // the peer's seventh

    second.awaitFlag(5, RawYamux.RST);
    assertThat(memory.streams()).isEqualTo(6);
    assertNodeHealthy(3);
  }

  @Test
  void aConnectionsStreamsOfOneProtocolAreCappedByTheProtocolLimit() {
    startNode(host -> host.withResources(host.resources().withInboundStreams(4096, 256, 4)));
    RawYamux yamux = upgrade().yamux();
    for (int stream = 1; stream <= 7; stream += 2) { // 4 requests that never finish
      yamux.openAndSend(stream, KAD, Varint.encode(100));
    }

    yamux.openAndSend(9, KAD, Varint.encode(100));

    yamux.awaitFlag(9, RawYamux.RST);
    assertLogged("over the limit of 4 inbound " + KAD + " streams on one connection");
    assertNodeHealthy(2);
  }

  /** Room for 64 streams per connection and the given memory limits. */
  private static HostOptions attackLimits(HostOptions host, long node, long peer, long connection) {
    return host.withResources(host.resources().withMemory(node, peer, connection))
        .withYamux(YamuxConfig.DEFAULT.withMaxInboundStreams(64));
  }

  /**
   * 48 streams per connection, each announcing a message of nearly 4 MiB and sending 192 KiB of its
   * initial window; the node's scope never holds more than {@code atMost}.
   */
  private static void attackWithHugeMessages(
      List<Upgraded> connections, ResourceScope memory, long atMost) {
    byte[] chunk = new byte[64 * 1024];
    for (Upgraded connection : connections) {
      RawYamux yamux = connection.yamux();
      for (int stream = 1; stream < 2 * 48; stream += 2) {
        yamux.openAndSend(stream, KAD, Varint.encode((4L << 20) - 100));
        for (int i = 0; i < 3; i++) {
          yamux.data(0, stream, chunk);
        }
        assertThat(memory.used()).isLessThanOrEqualTo(atMost);
      }
    }
  }

  @Test
  void aThousandConnectionsFromOneIpTakeOnlyItsSlotsAndTheReserveKeepsOurDialsWorking()
      throws IOException {
    startNode(
        host ->
            host.withHandshakeTimeout(Duration.ofMinutes(5)) // the held sockets stay upgrading
                .withLimits(
                    host.limits()
                        .withMaxConnections(40)
                        .withOutboundReserve(8)
                        .withMaxInboundPerIp(16)));
    List<Socket> held = new ArrayList<>();
    try {
      // one host: 1,000 attempts, as with throwaway peer ids; only the first 16 get a slot. The
      // others are closed only once refused, in batches, so that no slot is ever given back.
      held.addAll(connectFrom("127.0.0.2", 16));
      held.forEach(HostileInputTest::assertUpgrading);
      for (int batch = 1; batch <= 8; batch++) {
        List<Socket> refused = connectFrom("127.0.0.2", 123);
        long expected = 123L * batch;
        await(
            expected + " refusals of 127.0.0.2",
            () -> refusals("at the limit of 16 inbound connections from 127.0.0.2") == expected);
        for (Socket socket : refused) {
          socket.close();
        }
      }
      // a second host fills the inbound slots: 40 - 8 kept for our dials = 32, of which the honest
      // peer has 1 and 127.0.0.2 16
      List<Socket> second = connectFrom("127.0.0.3", 15);
      held.addAll(second);
      second.forEach(HostileInputTest::assertUpgrading);
      held.addAll(connectFrom("127.0.0.4", 1));
      assertLogged("refusing inbound connection", "127.0.0.4", "at the connection limit");

      // our own dial still gets through, on a slot of the reserve, and the honest peer is served
      Libp2pTransport unknown = start(Libp2pOptions.defaults(Ed25519PrivateKey.generate(random)));
      assertThat(
              TransportInternals.host(node)
                  .connect(unknown.localPeer(), unknown.listenAddresses())
                  .block(TIMEOUT))
          .isNotNull();
      assertNodeHealthy(2);
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  private List<Socket> connectFrom(String sourceIp, int count) throws IOException {
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Socket socket = new Socket();
      socket.bind(new InetSocketAddress(sourceIp, 0));
      socket.connect(
          TcpAddresses.toSocketAddress(node.listenAddresses().get(0)).orElseThrow(), 5_000);
      sockets.add(socket);
    }
    return sockets;
  }

  /** The node took the connection: it answers with its multistream header. */
  private static void assertUpgrading(Socket socket) {
    try {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      assertThat(socket.getInputStream().read()).as("the node's first byte").isNotNegative();
    } catch (IOException e) {
      throw new AssertionError("the node did not take " + socket, e);
    }
  }

  private long refusals(String text) {
    return log.messages().stream().filter(m -> m.contains(text)).count();
  }

  @Test
  void aMalformedProtobufResetsOnlyThatStream() {
    startNode(UnaryOperator.identity());
    RawYamux yamux = upgrade().yamux();

    yamux.openAndSend(1, KAD, Frames.varintPrefix(new byte[] {0x0f, 0x04})); // wire type 7

    yamux.awaitFlag(1, RawYamux.RST);
    assertLogged("Protocols", "malformed protobuf");
    assertThat(yamux.findNode(3, KAD, FIND_NODE))
        .isEqualTo(new DhtResponse.FindNodeResponse(List.of(answer)));
    assertNodeHealthy(2);
  }

  @Test
  void aRequestOfAnUnknownTypeResetsOnlyThatStream() {
    startNode(UnaryOperator.identity());
    RawYamux yamux = upgrade().yamux();

    yamux.openAndSend(1, KAD, Frames.varintPrefix(new byte[] {0x08, 0x63})); // type = 99

    yamux.awaitFlag(1, RawYamux.RST);
    assertLogged("Protocols", "unknown message type 99");
    assertThat(yamux.findNode(3, KAD, FIND_NODE))
        .isEqualTo(new DhtResponse.FindNodeResponse(List.of(answer)));
    assertNodeHealthy(2);
  }

  // ---- 5. slowloris

  @Test
  void aConnectionThatNeverCompletesTheHandshakeIsClosedAfterTheHandshakeTimeout() {
    startNode(options -> options.withHandshakeTimeout(Duration.ofSeconds(1)));
    TcpByteStream silent = dial();
    TcpByteStream stalled = dial();
    MultistreamSelect.select(stalled, List.of(NoiseSecurity.PROTOCOL_ID)).block(TIMEOUT);
    stalled.write(new byte[] {0x00, 0x20, 1, 2, 3}); // 3 of the 32 bytes of message 1

    assertEnds(silent);
    assertEnds(stalled);
    assertLogged("inbound upgrade", "TimeoutException");
    assertNodeHealthy(1);
  }

  @Test
  void connectionsStuckInTheHandshakeCountAgainstTheConnectionLimit() {
    // a handshake timeout longer than every wait here: only the limit can close the second
    // connection in time
    startNode(
        options ->
            options
                .withHandshakeTimeout(Duration.ofMinutes(5))
                .withLimits(options.limits().withMaxConnections(2)));
    TcpByteStream stalled = dial();
    MultistreamSelect.select(stalled, List.of(NoiseSecurity.PROTOCOL_ID))
        .block(TIMEOUT); // the node is upgrading it

    TcpByteStream oneTooMany = dial();

    assertEnds(oneTooMany);
    assertLogged("ConnectionManager", "refusing inbound connection", "at the connection limit");
    assertNodeHealthy(1);
    stalled.reset();
    await(
        "the stalled upgrade gave its place back",
        () -> {
          TcpByteStream probe = dial();
          try {
            return MultistreamSelect.select(probe, List.of(NoiseSecurity.PROTOCOL_ID))
                    .block(TIMEOUT)
                != null;
          } catch (RuntimeException refused) {
            return false;
          } finally {
            probe.reset();
          }
        });
  }

  // ---- 6. a peer that never answers (the honest side gives up)

  @Test
  void aRequestToAPeerThatNeverAnswersIsCancelledCleanly() {
    startNode(UnaryOperator.identity());
    Libp2pTransport mute = start(Libp2pOptions.defaults(Ed25519PrivateKey.generate(random)));
    mute.serve((from, request) -> Mono.never());
    PeerInfo muteInfo = new PeerInfo(mute.localPeer(), mute.listenAddresses());

    assertThatThrownBy(
            () -> node.send(muteInfo, FIND_NODE).timeout(Duration.ofMillis(300)).block(TIMEOUT))
        .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);

    await(
        "the mute peer's side of the stream was reset",
        () ->
            TransportInternals.host(mute).connectionCount() == 1
                && log.contains("Protocols", "reset"));
    assertNodeHealthy(2);
  }

  // ---- the node, the honest client and the attacker

  /** Starts the node (serving FIND_NODE) and the honest client, and has the client ask once. */
  private void startNode(UnaryOperator<HostOptions> tweak) {
    HostOptions host =
        tweak.apply(
            HostOptions.defaults(Ed25519PrivateKey.generate(random))
                .withHandshakeTimeout(HANDSHAKE_TIMEOUT)
                .withYamux(YamuxConfig.DEFAULT.withMaxInboundStreams(MAX_INBOUND_STREAMS)));
    Libp2pOptions options = Libp2pOptions.defaults(host.identity());
    node = start(new Libp2pOptions(host, options.protocolId(), options.maxMessageSize()));
    node.serve(
        (from, request) ->
            request instanceof DhtRequest.FindNode
                ? Mono.just(new DhtResponse.FindNodeResponse(List.of(answer)))
                : Mono.error(
                    new IllegalArgumentException("this test node answers only FIND_NODE")));
    honest = start(Libp2pOptions.defaults(Ed25519PrivateKey.generate(random)));
    assertNodeHealthy(1);
  }

  private Libp2pTransport start(Libp2pOptions options) {
    Libp2pTransport transport = Libp2pTransport.start(options).block(TIMEOUT);
    transports.add(transport);
    return transport;
  }

  /**
   * The honest client gets FIND_NODE answered, and the node is back to {@code connections}
   * connections.
   */
  private void assertNodeHealthy(int connections) {
    DhtResponse response =
        honest
            .send(new PeerInfo(node.localPeer(), node.listenAddresses()), FIND_NODE)
            .block(TIMEOUT);
    assertThat(response).isEqualTo(new DhtResponse.FindNodeResponse(List.of(answer)));
    await(
        "the node has " + connections + " connections (has " + connections() + ")",
        () -> connections() == connections);
  }

  private int connections() {
    return TransportInternals.host(node).connectionCount();
  }

  private TcpByteStream dial() {
    TcpByteStream raw = TCP.dial(node.listenAddresses().get(0)).block(TIMEOUT);
    attackers.add(raw);
    return raw;
  }

  /** An attacker connection upgraded honestly to a secured channel with yamux selected. */
  private record Upgraded(TcpByteStream raw, SecureChannel channel) {
    RawYamux yamux() {
      return new RawYamux(channel.stream(), TIMEOUT);
    }
  }

  private Upgraded upgrade() {
    return upgrade(2);
  }

  /** An attacker connection, after which the node has {@code connectionsAfter} connections. */
  private Upgraded upgrade(int connectionsAfter) {
    return upgrade(attackerKey, connectionsAfter);
  }

  /** A connection of the attacker with {@code key}. */
  private Upgraded upgrade(PrivateKey key, int connectionsAfter) {
    TcpByteStream raw = dial();
    MultistreamSelect.select(raw, List.of(NoiseSecurity.PROTOCOL_ID)).block(TIMEOUT);
    SecureChannel channel =
        new NoiseSecurity(key).secureOutbound(raw, node.localPeer()).block(TIMEOUT);
    MultistreamSelect.select(channel.stream(), List.of(YamuxSession.PROTOCOL_ID)).block(TIMEOUT);
    await("the node registered the attacker's connection", () -> connections() == connectionsAfter);
    return new Upgraded(raw, channel);
  }

  /** Reads frames until the node's GoAway. */
  private static Frame awaitGoAway(RawYamux yamux) {
    while (true) {
      Frame frame = yamux.next();
      if (frame.type() == RawYamux.GO_AWAY) {
        return frame;
      }
    }
  }

  /** Reads (and drops) whatever the node still sends until the stream ends or is reset. */
  private static void assertEnds(ByteStream stream) {
    Throwable ended = null;
    while (ended == null) {
      try {
        stream.read(Frames.available(64 * 1024)).block(TIMEOUT);
      } catch (IllegalStateException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("Timeout")) {
          throw new AssertionError("the node left the attacker's connection open", e);
        }
        ended = e;
      } catch (RuntimeException e) {
        ended = e;
      }
    }
    assertThat(ended).isNotInstanceOf(IllegalStateException.class);
  }

  private void assertLogged(String... parts) {
    await(
        "a log message containing " + List.of(parts) + " among " + log.messages(),
        () -> log.contains(parts));
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + TIMEOUT + ": " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static byte[] random(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

package io.reactivedht.transport.host;

import io.reactivedht.core.wire.DhtCodec;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.transport.multistream.MultistreamSelect;
import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.Frames;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Yamux spoken by hand over a secured channel, so a test can send any frame, valid or not, and see
 * every frame the node sends back (WIRE 5.1: 12-byte big-endian header, then the payload of a Data
 * frame).
 */
final class RawYamux {
  static final int DATA = 0;
  static final int WINDOW_UPDATE = 1;
  static final int PING = 2;
  static final int GO_AWAY = 3;
  static final int SYN = 0x1;
  static final int ACK = 0x2;
  static final int FIN = 0x4;
  static final int RST = 0x8;

  /** One frame the node sent; {@code body} is empty except for Data. */
  record Frame(int version, int type, int flags, int streamId, int length, byte[] body) {
    boolean has(int flag) {
      return (flags & flag) != 0;
    }

    @Override
    public String toString() {
      return "Frame[type="
          + type
          + ", flags="
          + flags
          + ", stream="
          + streamId
          + ", length="
          + length
          + "]";
    }
  }

  private final ByteStream channel;
  private final Duration timeout;

  /** Every frame read so far, in order. */
  final List<Frame> received = new ArrayList<>();

  RawYamux(ByteStream channel, Duration timeout) {
    this.channel = channel;
    this.timeout = timeout;
  }

  /**
   * Writes one frame: a header with {@code version} and {@code length} as given, then {@code
   * payload}.
   */
  void send(int version, int type, int flags, int streamId, int length, byte[] payload) {
    var unused = write(version, type, flags, streamId, length, payload);
  }

  private Mono<Void> write(
      int version, int type, int flags, int streamId, int length, byte[] payload) {
    ByteBuffer frame = ByteBuffer.allocate(12 + payload.length);
    frame
        .put((byte) version)
        .put((byte) type)
        .putShort((short) flags)
        .putInt(streamId)
        .putInt(length)
        .put(payload);
    return channel.write(frame.array());
  }

  /** A version-0 Data frame carrying {@code payload}. */
  void data(int flags, int streamId, byte[] payload) {
    send(0, DATA, flags, streamId, payload.length, payload);
  }

  /**
   * A version-0 Data frame carrying {@code payload}, waiting until the frame was handed to the
   * socket: an attacker that honours every window the node grants must not queue more than its own
   * connection lets it.
   */
  void dataSent(int streamId, byte[] payload, Duration timeout) {
    write(0, DATA, 0, streamId, payload.length, payload).block(timeout);
  }

  /**
   * A version-0 WindowUpdate frame without payload (how streams are opened, acknowledged and
   * reset).
   */
  void windowUpdate(int flags, int streamId, int delta) {
    send(0, WINDOW_UPDATE, flags, streamId, delta, new byte[0]);
  }

  /**
   * Reads the next frame the node sends; fails if the connection ends or nothing comes within the
   * timeout.
   */
  Frame next() {
    ByteBuffer header = ByteBuffer.wrap(channel.read(Frames.exactly(12)).block(timeout));
    int version = Byte.toUnsignedInt(header.get());
    int type = Byte.toUnsignedInt(header.get());
    int flags = Short.toUnsignedInt(header.getShort());
    int streamId = header.getInt();
    int length = header.getInt();
    byte[] body =
        type == DATA && length > 0
            ? channel.read(Frames.exactly(length)).block(timeout)
            : new byte[0];
    Frame frame = new Frame(version, type, flags, streamId, length, body);
    received.add(frame);
    return frame;
  }

  /** Reads frames until one on {@code streamId} has {@code flag}. */
  Frame awaitFlag(int streamId, int flag) {
    while (true) {
      Frame frame = next();
      if (frame.streamId() == streamId && frame.has(flag)) {
        return frame;
      }
    }
  }

  /**
   * Runs a FIND_NODE exchange on a new stream {@code streamId} by hand: SYN, the multistream header
   * and proposal, then the request, all pipelined; returns the decoded response once the node's
   * Data frames hold it.
   */
  DhtResponse findNode(int streamId, String protocol, DhtRequest.FindNode request) {
    openAndSend(streamId, protocol, Frames.varintPrefix(DhtCodec.encodeRequest(request)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (true) {
      Frame frame = next();
      if (frame.streamId() != streamId) {
        continue;
      }
      if (frame.has(RST)) {
        throw new AssertionError("the node reset stream " + streamId);
      }
      bytes.writeBytes(frame.body());
      byte[] message = afterNegotiation(bytes.toByteArray(), protocol);
      if (message != null) {
        return DhtCodec.decodeResponse(message, request);
      }
    }
  }

  /**
   * Opens stream {@code streamId} (SYN) and sends the negotiation of {@code protocol} followed by
   * {@code bytes}.
   */
  void openAndSend(int streamId, String protocol, byte[] bytes) {
    windowUpdate(SYN, streamId, 0);
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    payload.writeBytes(MultistreamSelect.encode(MultistreamSelect.PROTOCOL_ID));
    payload.writeBytes(MultistreamSelect.encode(protocol));
    payload.writeBytes(bytes);
    data(0, streamId, payload.toByteArray());
  }

  /** The DHT message after the node's two multistream lines, or null while incomplete. */
  private static byte[] afterNegotiation(byte[] received, String protocol) {
    ByteBuffer buffer = ByteBuffer.wrap(received).asReadOnlyBuffer();
    byte[] header = Frames.varintPrefixed(1024, "line").decode(buffer);
    byte[] echo = header == null ? null : Frames.varintPrefixed(1024, "line").decode(buffer);
    if (echo == null) {
      return null;
    }
    if (!new String(echo, java.nio.charset.StandardCharsets.UTF_8).equals(protocol + "\n")) {
      throw new AssertionError("the node did not accept " + protocol);
    }
    return Frames.varintPrefixed(4 * 1024 * 1024, "dht message").decode(buffer);
  }
}

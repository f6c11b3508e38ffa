package io.reactivedht.transport.identify;

import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.transport.identify.IdentifyException.Reason;
import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.Exchanges;
import io.reactivedht.transport.stream.FrameDecoder;
import io.reactivedht.transport.stream.Frames;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The libp2p Identify protocols (WIRE §9.2) on a stream already negotiated for them. The answerer
 * or pusher writes its info as one {@code varint(len) || protobuf} message and half-closes; the
 * reader reads messages until the end of the stream and merges them (go splits large answers in
 * two), at most {@value #MAX_MESSAGES} of at most {@value #MAX_MESSAGE_BYTES} bytes each, as go and
 * js do.
 *
 * <p>A read that fails (bad framing, a rejected message, the stream reset) or is cancelled resets
 * the stream.
 */
public final class Identify {
  /** Ask a peer who it is: it answers and closes. */
  public static final String PROTOCOL_ID = "/ipfs/id/1.0.0";

  /** Tell a peer our info changed: we write and close. */
  public static final String PUSH_PROTOCOL_ID = "/ipfs/id/push/1.0.0";

  /**
   * The longest message read or written (go {@code signedIDSize}, js {@code
   * MAX_IDENTIFY_MESSAGE_SIZE}).
   */
  public static final int MAX_MESSAGE_BYTES = 8192;

  /** The most messages read from one stream (go and js). */
  public static final int MAX_MESSAGES = 10;

  private static final FrameDecoder<byte[]> MESSAGE =
      rejectingAs(Reason.FRAMING, Frames.varintPrefixed(MAX_MESSAGE_BYTES, "message"));

  private Identify() {}

  /**
   * Reads the remote's answer on a stream we opened for {@link #PROTOCOL_ID}, then half-closes our
   * side.
   *
   * @param remote the peer the secure channel authenticated
   * @return its checked info; fails with {@link IdentifyException} if rejected
   */
  public static Mono<IdentifyInfo> request(ByteStream stream, PeerId remote) {
    return readAll(stream, messages -> IdentifyCodec.decode(messages, remote))
        .flatMap(info -> stream.closeWrite().thenReturn(info));
  }

  /**
   * Answers a request on a stream opened to us for {@link #PROTOCOL_ID}: writes {@code ours} and
   * half-closes.
   *
   * @param ours our info, with the address we see the asker at (see {@link
   *     IdentifyInfo#withObservedAddress})
   */
  public static Mono<Void> respond(ByteStream stream, IdentifyInfo ours) {
    return writeAndClose(stream, ours);
  }

  /**
   * Pushes {@code ours} on a stream we opened for {@link #PUSH_PROTOCOL_ID}: writes it and
   * half-closes.
   */
  public static Mono<Void> push(ByteStream stream, IdentifyInfo ours) {
    return writeAndClose(stream, ours);
  }

  /**
   * Reads a push on a stream opened to us for {@link #PUSH_PROTOCOL_ID}, from a peer we already
   * identified.
   *
   * @param known what we knew about the peer; the pushed fields replace its fields
   * @return the updated info; fails with {@link IdentifyException} if rejected
   */
  public static Mono<IdentifyInfo> receivePush(ByteStream stream, IdentifyInfo known) {
    return readAll(stream, messages -> IdentifyCodec.applyPush(known, messages))
        .flatMap(info -> stream.closeWrite().thenReturn(info));
  }

  private static Mono<Void> writeAndClose(ByteStream stream, IdentifyInfo ours) {
    return Mono.defer(
        () -> {
          byte[] message = IdentifyCodec.encode(ours);
          if (message.length > MAX_MESSAGE_BYTES) {
            return Mono.error(
                new IllegalArgumentException(
                    "identify: our message is "
                        + message.length
                        + " bytes, more than "
                        + MAX_MESSAGE_BYTES));
          }
          return stream.write(Frames.varintPrefix(message)).then(stream.closeWrite());
        });
  }

  private static Mono<IdentifyInfo> readAll(
      ByteStream stream, Function<List<byte[]>, IdentifyInfo> decode) {
    return Exchanges.resetOnFailure(readFrom(stream, new ArrayList<>()).map(decode), stream);
  }

  /** Reads messages into {@code messages} until the stream ends between two of them. */
  private static Mono<List<byte[]>> readFrom(ByteStream stream, List<byte[]> messages) {
    return Exchanges.hasMore(stream)
        .flatMap(
            more -> {
              if (!more) {
                return Mono.just(messages);
              }
              if (messages.size() == MAX_MESSAGES) {
                return Mono.error(
                    new IdentifyException(
                        Reason.TOO_MANY_MESSAGES, "more than " + MAX_MESSAGES + " messages"));
              }
              return stream
                  .read(MESSAGE)
                  .flatMap(
                      message -> {
                        messages.add(message);
                        return readFrom(stream, messages);
                      });
            });
  }

  private static <T> FrameDecoder<T> rejectingAs(Reason reason, FrameDecoder<T> decoder) {
    return buffered -> {
      try {
        return decoder.decode(buffered);
      } catch (DecodingException e) {
        throw new IdentifyException(reason, String.valueOf(e.getMessage()), e);
      }
    };
  }
}

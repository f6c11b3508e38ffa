package io.reactivedht.transport.multistream;

import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.FrameDecoder;
import io.reactivedht.transport.stream.Frames;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Negotiates a protocol over a {@link ByteStream}, as the initiator ({@link #select}) or the
 * responder ({@link #respond}). On failure the stream is left to the caller, who resets it.
 */
public final class MultistreamSelect {
  /** The header both sides send first. */
  public static final String PROTOCOL_ID = "/multistream/1.0.0";

  /** The longest line accepted, newline included (go's and js's limit). */
  public static final int MAX_LINE = 1024;

  /** How many proposals a responder answers before giving up on the initiator. */
  static final int MAX_PROPOSALS = 32;

  private static final String NA = "na";
  private static final String LS = "ls";
  private static final FrameDecoder<byte[]> LINE =
      Frames.varintPrefixed(MAX_LINE, "multistream line");

  private MultistreamSelect() {}

  /**
   * Proposes {@code protocols} in order, the first pipelined with the header.
   *
   * @return the protocol the responder accepted; fails with {@link MultistreamException} if it
   *     accepted none
   */
  public static Mono<String> select(ByteStream stream, List<String> protocols) {
    if (protocols.isEmpty()) {
      return Mono.error(new IllegalArgumentException("multistream: nothing to propose"));
    }
    return Mono.defer(
        () -> {
          stream.write(concat(encode(PROTOCOL_ID), encode(protocols.get(0))));
          return readLine(stream)
              .flatMap(header -> expectHeader(header))
              .then(awaitAnswer(stream, protocols, 0));
        });
  }

  private static Mono<String> awaitAnswer(ByteStream stream, List<String> protocols, int index) {
    String proposed = protocols.get(index);
    return readLine(stream)
        .flatMap(
            answer -> {
              if (answer.equals(proposed)) {
                return Mono.just(proposed);
              }
              if (!answer.equals(NA)) {
                return Mono.error(
                    new MultistreamException(
                        "multistream: expected '" + proposed + "' or 'na', got '" + answer + "'"));
              }
              if (index + 1 == protocols.size()) {
                return Mono.error(
                    new MultistreamException(
                        "multistream: the peer supports none of " + protocols));
              }
              stream.write(encode(protocols.get(index + 1)));
              return awaitAnswer(stream, protocols, index + 1);
            });
  }

  /**
   * Proposes only {@code protocol}, known to be supported (go's lazy select): the header and the
   * proposal are written now and the returned stream can be written to at once, so the first
   * message travels with the negotiation; the peer's answer is checked before the first read.
   *
   * @return the stream; its first read fails with {@link MultistreamException} if the peer refused
   *     the protocol
   */
  public static ByteStream selectOptimistically(ByteStream stream, String protocol) {
    stream.write(concat(encode(PROTOCOL_ID), encode(protocol)));
    Mono<Void> answer =
        readLine(stream)
            .flatMap(MultistreamSelect::expectHeader)
            .then(readLine(stream))
            .flatMap(
                line ->
                    line.equals(protocol)
                        ? Mono.<Void>empty()
                        : Mono.error(
                            new MultistreamException(
                                "multistream: the peer refused '" + protocol + "'")));
    return new OptimisticStream(stream, answer.cache());
  }

  /**
   * Answers the initiator's proposals: echoes the first one in {@code supported}, {@code na} to the
   * others.
   *
   * @return the protocol agreed; fails with {@link MultistreamException} after {@value
   *     #MAX_PROPOSALS} refused proposals or on a malformed line
   */
  public static Mono<String> respond(ByteStream stream, Set<String> supported) {
    return Mono.defer(
        () -> {
          stream.write(encode(PROTOCOL_ID));
          return readLine(stream)
              .flatMap(header -> expectHeader(header))
              .then(answer(stream, supported, 0));
        });
  }

  private static Mono<String> answer(ByteStream stream, Set<String> supported, int refused) {
    if (refused == MAX_PROPOSALS) {
      return Mono.error(
          new MultistreamException("multistream: " + refused + " proposals refused, giving up"));
    }
    return readLine(stream)
        .flatMap(
            proposal -> {
              if (supported.contains(proposal)) {
                stream.write(encode(proposal));
                return Mono.just(proposal);
              }
              stream.write(proposal.equals(LS) ? listing(supported) : encode(NA));
              return answer(stream, supported, refused + 1);
            });
  }

  private static Mono<Void> expectHeader(String header) {
    return header.equals(PROTOCOL_ID)
        ? Mono.empty()
        : Mono.error(
            new MultistreamException(
                "multistream: expected the header " + PROTOCOL_ID + ", got '" + header + "'"));
  }

  private static Mono<String> readLine(ByteStream stream) {
    return stream.read(LINE).map(MultistreamSelect::decodeLine);
  }

  /** The text of one line, without its newline. */
  static String decodeLine(byte[] line) {
    if (line.length == 0 || line[line.length - 1] != '\n') {
      throw new MultistreamException("multistream: line without a trailing newline");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(line, 0, line.length - 1))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MultistreamException("multistream: line is not UTF-8");
    }
  }

  /** One line on the wire: {@code uvarint(n) || text || '\n'}. */
  public static byte[] encode(String text) {
    byte[] utf8 = (text + "\n").getBytes(StandardCharsets.UTF_8);
    if (utf8.length > MAX_LINE) {
      throw new IllegalArgumentException("multistream: line longer than " + MAX_LINE + " bytes");
    }
    return Frames.varintPrefix(utf8);
  }

  /** js's answer to {@code ls}: one line holding each protocol as its own line. */
  private static byte[] listing(Set<String> supported) {
    byte[] body = new byte[0];
    for (String protocol : supported.stream().sorted().toList()) {
      body = concat(body, encode(protocol));
    }
    body = concat(body, new byte[] {'\n'});
    return body.length > MAX_LINE ? encode(NA) : Frames.varintPrefix(body);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

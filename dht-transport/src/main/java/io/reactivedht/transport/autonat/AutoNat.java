package io.reactivedht.transport.autonat;

import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.Exchanges;
import io.reactivedht.transport.stream.FrameDecoder;
import io.reactivedht.transport.stream.Frames;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The AutoNAT v1 exchange on a stream already negotiated for {@link #PROTOCOL_ID}: the client
 * writes one varint-prefixed DIAL, the server answers one varint-prefixed DIAL_RESPONSE; each then
 * half-closes. A failed or cancelled exchange resets the stream.
 */
public final class AutoNat {
  /** The protocol id. */
  public static final String PROTOCOL_ID = "/libp2p/autonat/1.0.0";

  /** The longest message read or written (go {@code maxMsgSize}). */
  public static final int MAX_MESSAGE_BYTES = 4096;

  private static final FrameDecoder<byte[]> FRAME =
      Frames.varintPrefixed(MAX_MESSAGE_BYTES, "autonat message");
  private static final FrameDecoder<byte[]> MESSAGE =
      buffered -> {
        try {
          return FRAME.decode(buffered);
        } catch (DecodingException e) {
          throw e instanceof AutoNatException
              ? e
              : new AutoNatException(String.valueOf(e.getMessage()), e);
        }
      };

  private AutoNat() {}

  /** Client: sends {@code request}, half-closes, reads the answer. */
  public static Mono<DialResponse> request(ByteStream stream, DialRequest request) {
    return Exchanges.resetOnFailure(
        Mono.defer(
            () -> {
              // write and closeWrite act when called (in call order); the Monos only report
              // completion
              Mono<Void> written = stream.write(Frames.varintPrefix(AutoNatCodec.encode(request)));
              Mono<Void> closed = stream.closeWrite();
              return written
                  .then(closed)
                  .then(stream.read(MESSAGE))
                  .map(AutoNatCodec::decodeResponse);
            }),
        stream);
  }

  /**
   * Server: reads a DIAL, answers it with {@code answer} (a DIAL that does not decode gets
   * E_BAD_REQUEST), half-closes. A badly framed or oversized message fails the exchange and resets
   * the stream.
   */
  public static Mono<Void> serve(
      ByteStream stream, Function<DialRequest, Mono<DialResponse>> answer) {
    Mono<DialResponse> response =
        stream
            .read(MESSAGE)
            .flatMap(
                message -> {
                  DialRequest request;
                  try {
                    request = AutoNatCodec.decodeRequest(message);
                  } catch (AutoNatException e) {
                    return Mono.just(
                        DialResponse.failure(
                            DialResponse.Status.E_BAD_REQUEST, String.valueOf(e.getMessage())));
                  }
                  return answer.apply(request);
                });
    return Exchanges.resetOnFailure(
        response
            .flatMap(r -> stream.write(Frames.varintPrefix(AutoNatCodec.encode(r))))
            .then(Mono.defer(stream::closeWrite)),
        stream);
  }
}

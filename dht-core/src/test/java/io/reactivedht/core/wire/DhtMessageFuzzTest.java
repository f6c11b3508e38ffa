package io.reactivedht.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.record.Record;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the kad DHT wire decoders: the Message protobuf as a request ({@link
 * DhtCodec#decodeRequest}) and as the response to each kind of request ({@link
 * DhtCodec#decodeResponse}), and the varint length-prefix framing ({@link MessageFraming#next}).
 * Any input either decodes or throws {@link MalformedMessageException} (a {@link
 * DecodingException}); a decoded message re-encodes to bytes that decode to an equal one, and a
 * decoded frame is what framing its message produces. Regression inputs: {@code
 * DhtMessageFuzzTestInputs/<method>/}.
 */
class DhtMessageFuzzTest {
  private static final byte[] KEY = {'/', 'p', 'k', '/', 1, 2, 3};

  /** The requests a response can answer, chosen by the first input byte. */
  private static final List<DhtRequest> REQUESTS =
      List.of(
          new DhtRequest.FindNode(KEY),
          new DhtRequest.GetValue(KEY),
          new DhtRequest.PutValue(Record.of(KEY, new byte[] {42})),
          new DhtRequest.GetProviders(KEY),
          new DhtRequest.Ping());

  @FuzzTest
  void request(byte[] data) {
    DhtRequest request;
    try {
      request = DhtCodec.decodeRequest(data);
    } catch (MalformedMessageException expected) {
      return;
    }
    assertThat(DhtCodec.decodeRequest(DhtCodec.encodeRequest(request))).isEqualTo(request);
  }

  @FuzzTest
  void response(byte[] data) {
    if (data.length == 0) {
      return;
    }
    DhtRequest request = REQUESTS.get((data[0] & 0xFF) % REQUESTS.size());
    byte[] message = Arrays.copyOfRange(data, 1, data.length);
    DhtResponse response;
    try {
      response = DhtCodec.decodeResponse(message, request);
    } catch (MalformedMessageException expected) {
      return;
    }
    assertThat(DhtCodec.decodeResponse(DhtCodec.encodeResponse(response, request), request))
        .isEqualTo(response);
  }

  /** Reads frames off the input as a stream would, with the default and with a small maximum. */
  @FuzzTest
  void framing(byte[] data) {
    if (data.length == 0) {
      return;
    }
    MessageFraming framing =
        (data[0] & 1) == 0 ? MessageFraming.DEFAULT : new MessageFraming(data[0] & 0xFF);
    int offset = 1;
    try {
      while (offset < data.length) {
        MessageFraming.Frame frame = framing.next(data, offset, data.length - offset);
        if (frame == null) {
          assertThat(
                  framing.header(data, offset, data.length - offset) == null
                      || framing.header(data, offset, data.length - offset).frameLength()
                          > data.length - offset)
              .isTrue();
          return;
        }
        assertThat(framing.frame(frame.message()))
            .isEqualTo(Arrays.copyOfRange(data, offset, offset + frame.frameLength()));
        offset += frame.frameLength();
      }
    } catch (MalformedMessageException expected) {
      // a bad or too large length prefix
    }
  }
}

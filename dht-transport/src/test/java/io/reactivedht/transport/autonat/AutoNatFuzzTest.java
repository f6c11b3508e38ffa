package io.reactivedht.transport.autonat;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the AutoNAT (v1) message decoders: a DIAL request as the server reads it ({@link
 * AutoNatCodec#decodeRequest}) and a DIAL_RESPONSE as the client reads it ({@link
 * AutoNatCodec#decodeResponse}). Any input either decodes (and re-encodes to a message that decodes
 * to an equal value) or throws {@link AutoNatException}. Regression inputs: {@code
 * AutoNatFuzzTestInputs/<method>/}.
 */
class AutoNatFuzzTest {
  @FuzzTest
  void request(byte[] data) {
    DialRequest request;
    try {
      request = AutoNatCodec.decodeRequest(data);
    } catch (AutoNatException expected) {
      return;
    }
    assertThat(AutoNatCodec.decodeRequest(AutoNatCodec.encode(request))).isEqualTo(request);
  }

  @FuzzTest
  void response(byte[] data) {
    DialResponse response;
    try {
      response = AutoNatCodec.decodeResponse(data);
    } catch (AutoNatException expected) {
      return;
    }
    assertThat(AutoNatCodec.decodeResponse(AutoNatCodec.encode(response))).isEqualTo(response);
  }
}

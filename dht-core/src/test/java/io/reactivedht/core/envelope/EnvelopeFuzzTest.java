package io.reactivedht.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.reactivedht.core.multiformats.DecodingException;

/**
 * Fuzzes the signed envelope ({@link SignedEnvelope#decode}, {@link SignedEnvelope#open}) and the
 * peer record ({@link PeerRecord#decode}, {@link PeerRecord#open}) decoders: any input either
 * decodes or throws {@link DecodingException} (of which {@link InvalidEnvelopeException} is one). A
 * decoded envelope or record re-encodes to bytes that decode to an equal value. Regression inputs:
 * {@code EnvelopeFuzzTestInputs/<method>/}.
 */
class EnvelopeFuzzTest {
  @FuzzTest
  void envelope(byte[] data) {
    SignedEnvelope envelope;
    try {
      envelope = SignedEnvelope.decode(data);
    } catch (DecodingException expected) {
      return;
    }
    assertThat(SignedEnvelope.decode(envelope.encode())).isEqualTo(envelope);
    envelope.isValidFor(PeerRecord.DOMAIN);
    try {
      PeerRecord.fromEnvelope(envelope);
    } catch (DecodingException expected) {
      // a bad signature, payload type or payload
    }
  }

  @FuzzTest
  void peerRecord(byte[] data) {
    PeerRecord record;
    try {
      record = PeerRecord.decode(data);
    } catch (DecodingException expected) {
      return;
    }
    assertThat(PeerRecord.decode(record.encode())).isEqualTo(record);
  }
}

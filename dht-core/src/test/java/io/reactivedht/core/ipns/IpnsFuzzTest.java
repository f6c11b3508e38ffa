package io.reactivedht.core.ipns;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.reactivedht.core.multiformats.DecodingException;

/**
 * Fuzzes the IPNS record decoders: the IpnsEntry protobuf ({@link IpnsRecord#decode}) and the
 * DAG-CBOR data map inside it ({@link IpnsData#decode}). Any input either decodes or throws {@link
 * DecodingException}; a decoded record re-encodes to bytes that decode to an equal record, and
 * decoded data re-encodes to data with the same fields. Regression inputs: {@code
 * IpnsFuzzTestInputs/<method>/}.
 */
class IpnsFuzzTest {
  @FuzzTest
  void record(byte[] data) {
    IpnsRecord record;
    try {
      record = IpnsRecord.decode(data);
    } catch (DecodingException expected) {
      return;
    }
    assertThat(IpnsRecord.decode(record.encode())).isEqualTo(record);
    assertThat(record.toString()).isNotEmpty();
    record.mismatchedV1Field();
  }

  @FuzzTest
  void cborData(byte[] data) {
    IpnsData decoded;
    try {
      decoded = IpnsData.decode(data);
    } catch (DecodingException expected) {
      return;
    }
    IpnsData again = IpnsData.decode(decoded.encode());
    assertThat(again.value).isEqualTo(decoded.value);
    assertThat(again.validity).isEqualTo(decoded.validity);
    assertThat(again.validityType).isEqualTo(decoded.validityType);
    assertThat(again.sequence).isEqualTo(decoded.sequence);
    assertThat(again.ttlNanos).isEqualTo(decoded.ttlNanos);
    assertThat(again.encode()).isEqualTo(decoded.encode());
  }
}

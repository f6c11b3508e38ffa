package io.reactivedht.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.record.Record;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import org.jspecify.annotations.Nullable;

/**
 * IPNS records survive create, encode, decode and validate with any value, sequence, validity and
 * TTL; and no single corrupted byte yields a valid record with other signed content.
 */
class IpnsRoundTripPropertyTest {
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant LAST_WRITABLE = Instant.parse("9999-12-31T23:59:59.999999999Z");
  private final IpnsValidator validator = new IpnsValidator();

  @Property(seed = "42", tries = 300)
  void createEncodeDecodeValidate(
      @ForAll @Size(32) byte[] seed,
      @ForAll @Size(max = 2000) byte[] value,
      @ForAll long sequence,
      @ForAll("futureValidities") Instant validity,
      @ForAll long ttlNanos,
      @ForAll boolean withV1Fields) {
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(seed);
    Duration ttl = unsignedNanos(ttlNanos);
    byte[] routingKey = new IpnsName(PeerId.fromPublicKey(key.publicKey())).routingKey();

    byte[] encoded = IpnsRecord.create(key, value, sequence, validity, ttl, withV1Fields).encode();
    IpnsRecord decoded = IpnsRecord.decode(encoded);

    assertThat(decoded.value()).isEqualTo(value);
    assertThat(decoded.sequence()).isEqualTo(sequence);
    assertThat(decoded.validity()).isEqualTo(validity);
    assertThat(decoded.ttl()).isEqualTo(ttl);
    assertThat(decoded.validityType()).isZero();
    assertThat(decoded.hasV1Fields()).isEqualTo(withV1Fields);
    assertThat(decoded.encode()).isEqualTo(encoded);
    validator.validate(Record.of(routingKey, encoded), NOW);
    validator.validate(Record.of(routingKey, encoded), validity);
    assertThat(validator.select(routingKey, List.of(encoded))).isZero();
  }

  /**
   * Without V1 fields every byte is covered: a corrupted byte fails validation or changes nothing.
   */
  @Property(seed = "7", tries = 1000)
  void aFlippedByteInAV2OnlyRecordFailsValidationOrYieldsAnEqualRecord(
      @ForAll @Size(32) byte[] seed,
      @ForAll @Size(max = 200) byte[] value,
      @ForAll long sequence,
      @ForAll("futureValidities") Instant validity,
      @ForAll int position,
      @ForAll @IntRange(min = 1, max = 255) int mask) {
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(seed);
    IpnsRecord original =
        IpnsRecord.create(key, value, sequence, validity, Duration.ofMinutes(5), false);

    IpnsRecord survivor = validAfterFlip(key, original, position, mask);

    Statistics.label("after the flip").collect(survivor == null ? "rejected" : "valid");
    if (survivor != null) {
      assertThat(survivor).isEqualTo(original);
    }
  }

  /**
   * The V1 copies and signatureV1 are not signed by signatureV2 (a corrupted signatureV1, or a V1
   * field tag turned into an unknown field, can still validate), but whatever validates carries the
   * original signed content.
   */
  @Property(seed = "11", tries = 1000)
  void aFlippedByteInAV1RecordFailsValidationOrKeepsTheSignedContent(
      @ForAll @Size(32) byte[] seed,
      @ForAll @Size(max = 200) byte[] value,
      @ForAll long sequence,
      @ForAll("futureValidities") Instant validity,
      @ForAll int position,
      @ForAll @IntRange(min = 1, max = 255) int mask) {
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(seed);
    IpnsRecord original =
        IpnsRecord.create(key, value, sequence, validity, Duration.ofMinutes(5), true);

    IpnsRecord survivor = validAfterFlip(key, original, position, mask);

    Statistics.label("after the flip").collect(survivor == null ? "rejected" : "valid");
    if (survivor != null) {
      assertThat(survivor.data()).isEqualTo(original.data());
      assertThat(survivor.signatureV2()).isEqualTo(original.signatureV2());
      assertThat(survivor.value()).isEqualTo(original.value());
      assertThat(survivor.sequence()).isEqualTo(original.sequence());
      assertThat(survivor.validity()).isEqualTo(original.validity());
      assertThat(survivor.mismatchedV1Field()).isEmpty();
    }
  }

  /**
   * The record decoded from {@code original} with one byte xor-ed with {@code mask}, if it
   * validates; else null.
   */
  private @Nullable IpnsRecord validAfterFlip(
      Ed25519PrivateKey key, IpnsRecord original, int position, int mask) {
    byte[] bytes = original.encode();
    int index = Math.floorMod(position, bytes.length);
    bytes[index] ^= (byte) mask;
    byte[] routingKey = new IpnsName(PeerId.fromPublicKey(key.publicKey())).routingKey();
    try {
      validator.validate(Record.of(routingKey, bytes), NOW);
    } catch (InvalidRecordException rejected) {
      return null;
    }
    return IpnsRecord.decode(bytes);
  }

  @Provide
  Arbitrary<Instant> futureValidities() {
    return Arbitraries.longs()
        .between(NOW.getEpochSecond(), LAST_WRITABLE.getEpochSecond())
        .flatMap(
            seconds ->
                Arbitraries.integers()
                    .between(0, 999_999_999)
                    .map(nanos -> Instant.ofEpochSecond(seconds, nanos)))
        .filter(instant -> !instant.isBefore(NOW))
        .edgeCases(edges -> edges.add(NOW).add(LAST_WRITABLE));
  }

  private static Duration unsignedNanos(long nanos) {
    return Duration.ofSeconds(
        Long.divideUnsigned(nanos, 1_000_000_000L), Long.remainderUnsigned(nanos, 1_000_000_000L));
  }
}

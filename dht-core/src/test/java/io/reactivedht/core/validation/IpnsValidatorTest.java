package io.reactivedht.core.validation;

import static io.reactivedht.core.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.reactivedht.core.crypto.Ed25519PrivateKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.ipns.pb.IpnsProto.IpnsEntry;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.validation.InvalidRecordException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class IpnsValidatorTest {
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant LATER = NOW.plus(Duration.ofDays(1));
  private static final Instant EARLIER = NOW.minus(Duration.ofDays(1));
  private static final Duration TTL = Duration.ofMinutes(5);
  private static final Ed25519PrivateKey KEY =
      Ed25519PrivateKey.fromSeed(
          hex("7e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"));
  private static final Ed25519PrivateKey OTHER_KEY = Ed25519PrivateKey.fromSeed(new byte[32]);
  private static final byte[] ROUTING_KEY =
      new IpnsName(PeerId.fromPublicKey(KEY.publicKey())).routingKey();
  private static final byte[] PATH = "/ipfs/bafkqaaa".getBytes(StandardCharsets.UTF_8);

  private final IpnsValidator validator = new IpnsValidator();

  @Test
  void acceptsAFreshRecordUntilAndIncludingItsValidity() {
    byte[] record = create(1, LATER, true).encode();

    assertThatCode(() -> validate(record, NOW)).doesNotThrowAnyException();
    assertThatCode(() -> validate(record, LATER)).doesNotThrowAnyException();
    assertRejected(() -> validate(record, LATER.plusNanos(1)), Reason.EXPIRED);
  }

  @Test
  void aRecordVerifiedOnceIsNotVerifiedAgainButStillExpires() {
    byte[] record = create(1, LATER, true).encode();

    validate(record, NOW);
    validate(record, NOW);
    assertRejected(() -> validate(record, LATER.plusNanos(1)), Reason.EXPIRED);

    assertThat(validator.signatureChecks()).isEqualTo(1);
  }

  @Test
  void aRecordThatFailedIsCheckedAgainEveryTime() {
    byte[] forged = IpnsRecord.create(OTHER_KEY, PATH, 1, LATER, TTL, false).encode();

    assertRejected(() -> validate(forged, NOW), Reason.BAD_SIGNATURE);
    assertRejected(() -> validate(forged, NOW), Reason.BAD_SIGNATURE);

    assertThat(validator.signatureChecks()).isEqualTo(2);
  }

  @Test
  void theSizeIsCheckedBeforeParsing() {
    byte[] garbage = new byte[IpnsRecord.MAX_SIZE + 1];
    Arrays.fill(garbage, (byte) 0xFF);

    assertRejected(() -> validate(garbage, NOW), Reason.TOO_LARGE);
    assertRejected(
        () -> validate(Arrays.copyOf(garbage, IpnsRecord.MAX_SIZE), NOW), Reason.MALFORMED_VALUE);
  }

  @Test
  void aRecordOfExactly10KiBIsValidAndCreateRefusesAByteMore() {
    // A long value costs its length plus two more bytes than an empty one: its CBOR head grows from
    // 1 to 3
    // bytes (lengths 256..65535) and the protobuf length of data from 1 to 2 bytes (128..16383).
    int emptyValueSize = IpnsRecord.create(KEY, new byte[0], 1, LATER, TTL, false).encodedSize();
    int valueLength = IpnsRecord.MAX_SIZE - emptyValueSize - 3;
    byte[] largest = IpnsRecord.create(KEY, new byte[valueLength], 1, LATER, TTL, false).encode();
    int oneMore = valueLength + 1;

    assertThat(largest.length).isEqualTo(10240);
    assertThatCode(() -> validate(largest, NOW)).doesNotThrowAnyException();
    assertThatThrownBy(() -> IpnsRecord.create(KEY, new byte[oneMore], 1, LATER, TTL, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10241 bytes exceeds 10240");
  }

  @Test
  void theKeyMustBeIpnsAndAPeerId() {
    byte[] record = create(1, LATER, false).encode();
    byte[] peerId = PeerId.fromPublicKey(KEY.publicKey()).bytes();

    assertRejected(
        () -> validator.validate(Record.of(concat("/pk/", peerId), record), NOW),
        Reason.INVALID_KEY);
    assertRejected(
        () -> validator.validate(Record.of(concat("/ipns/", new byte[0]), record), NOW),
        Reason.INVALID_KEY);
    assertRejected(
        () ->
            validator.validate(Record.of(concat("/ipns/", Arrays.copyOf(peerId, 37)), record), NOW),
        Reason.INVALID_KEY);
    assertRejected(
        () -> validator.validate(Record.of(concat("/ipns/", concat("x", peerId)), record), NOW),
        Reason.INVALID_KEY);
  }

  @Test
  void malformedProtobufAndData() {
    assertRejected(() -> validate(hex("0a"), NOW), Reason.MALFORMED_VALUE);
    assertRejected(() -> validate(hex("4240"), NOW), Reason.MALFORMED_VALUE);
    IpnsEntry badCbor =
        entry(create(1, LATER, false)).toBuilder().setData(ByteString.copyFrom(hex("a0"))).build();
    assertRejected(() -> validate(badCbor.toByteArray(), NOW), Reason.MALFORMED_VALUE);
  }

  @Test
  void signatureV2AndDataMustBePresentAndNonEmpty() {
    IpnsEntry entry = entry(create(1, LATER, true));

    assertRejected(
        () -> validate(entry.toBuilder().clearSignatureV2().build().toByteArray(), NOW),
        Reason.MISSING_SIGNATURE);
    assertRejected(
        () ->
            validate(entry.toBuilder().setSignatureV2(ByteString.EMPTY).build().toByteArray(), NOW),
        Reason.MISSING_SIGNATURE);
    assertRejected(
        () -> validate(entry.toBuilder().clearData().build().toByteArray(), NOW),
        Reason.MISSING_SIGNATURE);
    assertRejected(
        () -> validate(entry.toBuilder().setData(ByteString.EMPTY).build().toByteArray(), NOW),
        Reason.MISSING_SIGNATURE);
    assertRejected(() -> validate(new byte[0], NOW), Reason.MISSING_SIGNATURE);
  }

  @Test
  void theEmbeddedPublicKeyMustBeTheNames() {
    IpnsEntry entry = entry(create(1, LATER, false));
    byte[] own = KEY.publicKey().encoded();
    byte[] other = OTHER_KEY.publicKey().encoded();

    assertThatCode(() -> validate(withPubKey(entry, own), NOW)).doesNotThrowAnyException();
    assertThatCode(() -> validate(withPubKey(entry, new byte[0]), NOW))
        .as("empty counts as absent")
        .doesNotThrowAnyException();
    assertRejected(() -> validate(withPubKey(entry, other), NOW), Reason.PUBLIC_KEY_MISMATCH);
    assertRejected(() -> validate(withPubKey(entry, hex("0801")), NOW), Reason.MALFORMED_VALUE);
  }

  @Test
  void aRecordSignedByAnotherKeyFailsTheSignature() {
    IpnsRecord foreign = IpnsRecord.create(OTHER_KEY, PATH, 1, LATER, TTL, false);

    assertRejected(() -> validate(foreign.encode(), NOW), Reason.BAD_SIGNATURE);
  }

  @Test
  void checksRunInTheSpecsOrder() {
    IpnsEntry expired = entry(create(1, EARLIER, true));
    IpnsEntry badSignature =
        expired.toBuilder().setSignatureV2(ByteString.copyFrom(new byte[64])).build();
    IpnsEntry v1Mismatch = expired.toBuilder().setSequence(2).build();

    assertRejected(() -> validate(expired.toByteArray(), NOW), Reason.EXPIRED);
    assertRejected(() -> validate(v1Mismatch.toByteArray(), NOW), Reason.FIELD_MISMATCH);
    assertRejected(
        () ->
            validate(
                v1Mismatch.toBuilder()
                    .setSignatureV2(badSignature.getSignatureV2())
                    .build()
                    .toByteArray(),
                NOW),
        Reason.BAD_SIGNATURE);
    assertRejected(
        () -> validate(withPubKey(badSignature, OTHER_KEY.publicKey().encoded()), NOW),
        Reason.PUBLIC_KEY_MISMATCH);
    byte[] oversize = Arrays.copyOf(badSignature.toByteArray(), IpnsRecord.MAX_SIZE + 1);
    assertRejected(
        () -> validator.validate(Record.of(concat("/ipns/", new byte[] {1}), oversize), NOW),
        Reason.INVALID_KEY);
  }

  @Test
  void v1FieldsAreComparedOneByOne() {
    IpnsEntry entry = entry(create(1, LATER, true));

    assertFieldMismatch(
        entry.toBuilder().setValue(ByteString.copyFromUtf8("/ipfs/other")), "value");
    assertFieldMismatch(
        entry.toBuilder().setValidity(ByteString.copyFromUtf8("2099-01-01T00:00:00Z")), "validity");
    assertFieldMismatch(entry.toBuilder().setValidityType(1), "validityType");
    assertFieldMismatch(entry.toBuilder().clearSequence(), "sequence");
    assertFieldMismatch(entry.toBuilder().setTtl(1), "ttl");
    assertThatCode(() -> validate(entry.toBuilder().clearSignatureV1().build().toByteArray(), NOW))
        .as("value alone still makes the V1 fields count, and they agree")
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                validate(
                    entry.toBuilder()
                        .setSignatureV1(ByteString.copyFromUtf8("junk"))
                        .build()
                        .toByteArray(),
                    NOW))
        .as("signatureV1 is never verified")
        .doesNotThrowAnyException();
  }

  @Test
  void selectPrefersHigherSequenceThenLaterValidityThenGreaterBytes() {
    byte[] seq1 = create(1, LATER, false).encode();
    byte[] seq2 = create(2, NOW, false).encode();
    byte[] seqMax = create(-1, NOW, false).encode(); // 2^64-1, unsigned
    byte[] seq2Later = create(2, NOW.plusNanos(1), false).encode();
    byte[] seq2LaterV1 = create(2, NOW.plusNanos(1), true).encode();

    assertThat(validator.select(ROUTING_KEY, List.of(seq1))).isZero();
    assertThat(validator.select(ROUTING_KEY, List.of(seq1, seq2))).isEqualTo(1);
    assertThat(validator.select(ROUTING_KEY, List.of(seq2, seq1))).isZero();
    assertThat(validator.select(ROUTING_KEY, List.of(seq1, seqMax, seq2))).isEqualTo(1);
    assertThat(validator.select(ROUTING_KEY, List.of(seq2, seq2Later))).isEqualTo(1);
    // same sequence and validity: the bytewise greater wins (the V2-only record starts 0x42, the V1
    // one 0x0a)
    assertThat(validator.select(ROUTING_KEY, List.of(seq2LaterV1, seq2Later))).isEqualTo(1);
    assertThat(validator.select(ROUTING_KEY, List.of(seq2Later, seq2LaterV1))).isZero();
    assertThat(validator.select(ROUTING_KEY, List.of(seq2Later, seq2Later.clone())))
        .as("first of equals")
        .isZero();
  }

  @Test
  void selectRejectsValuesThatDoNotDecode() {
    byte[] good = create(1, LATER, false).encode();

    assertRejected(
        () -> validator.select(ROUTING_KEY, List.of(good, hex("ff"))), Reason.MALFORMED_VALUE);
    assertThatThrownBy(() -> validator.select(ROUTING_KEY, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void assertFieldMismatch(IpnsEntry.Builder entry, String field) {
    assertThatThrownBy(() -> validate(entry.build().toByteArray(), NOW))
        .isInstanceOfSatisfying(
            InvalidRecordException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.FIELD_MISMATCH))
        .hasMessageContaining("V1 field " + field + " ");
  }

  private void validate(byte[] value, Instant now) {
    validator.validate(Record.of(ROUTING_KEY, value), now);
  }

  private static IpnsRecord create(long sequence, Instant validity, boolean withV1Fields) {
    return IpnsRecord.create(KEY, PATH, sequence, validity, TTL, withV1Fields);
  }

  private static IpnsEntry entry(IpnsRecord record) {
    try {
      return IpnsEntry.parseFrom(record.encode());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] withPubKey(IpnsEntry entry, byte[] pubKey) {
    return entry.toBuilder().setPubKey(ByteString.copyFrom(pubKey)).build().toByteArray();
  }

  private static byte[] concat(String prefix, byte[] rest) {
    byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(head, head.length + rest.length);
    System.arraycopy(rest, 0, out, head.length, rest.length);
    return out;
  }

  private static void assertRejected(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidRecordException.class,
            e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
  }
}

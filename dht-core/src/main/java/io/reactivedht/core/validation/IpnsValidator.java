package io.reactivedht.core.validation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.InvalidProtocolBufferException;
import io.reactivedht.core.crypto.PublicKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.ipns.pb.IpnsProto.IpnsEntry;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.validation.InvalidRecordException.Reason;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@code ipns} namespace: {@code /ipns/<binary peer id>} holds a serialized IPNS record signed
 * by that peer's key (ipfs/specs {@code ipns-record.md}, "Record Verification").
 *
 * <p>{@link #validate} checks, in this order, failing on the first problem: the key is {@code
 * /ipns/} and a peer id; the value is at most {@link IpnsRecord#MAX_SIZE} bytes (before any
 * parsing); it decodes, with {@code signatureV2} and {@code data} present; the public key is the
 * embedded {@code pubKey} (whose peer id must be the name) or else the one the name inlines; {@code
 * signatureV2} verifies; any legacy V1 fields equal the signed ones; the validity type is EOL and
 * the validity has not passed. A record whose validity equals {@code now} is still valid, as in go
 * and js. {@code signatureV1} is never checked.
 *
 * <p>{@link #select} follows go (boxo {@code ipns.Validator.Select}): the highest sequence wins,
 * then the latest validity (to the nanosecond), then the value whose bytes are greatest (unsigned,
 * lexicographic); among identical bytes the first. go ranks a record with {@code signatureV2} above
 * one without; such records do not decode here, so that rule never applies. js ({@code
 * ipnsSelector}) differs on ties: it compares validity to the millisecond and keeps the first of
 * equal records instead of the greatest bytes.
 *
 * <p>A server validates a stored record again on every GET_VALUE. The time-independent checks, the
 * public key and {@code signatureV2}, are therefore remembered for the last {@value
 * #VERIFIED_CAPACITY} records that passed them, by the SHA-256 of key and value: a record served
 * again costs a hash and a decode instead of a signature check. Thread-safe.
 */
public final class IpnsValidator implements Validator {
  /** The namespace this validator serves. */
  public static final String NAMESPACE = "ipns";

  /** How many verified records are remembered. */
  public static final int VERIFIED_CAPACITY = 4096;

  private final Cache<ByteBuffer, Boolean> verified =
      Caffeine.newBuilder().maximumSize(VERIFIED_CAPACITY).executor(Runnable::run).build();
  private final LongAdder signatureChecks = new LongAdder();

  /** A validator with an empty memory of verified records. */
  public IpnsValidator() {}

  /**
   * Checks the record as described above.
   *
   * @throws InvalidRecordException with the reason of the first check that failed
   */
  @Override
  public void validate(Record record, Instant now) {
    IpnsName name = nameOf(record.key());
    IpnsRecord ipns = parse(record.value());
    ByteBuffer digest = digestOf(record);
    if (verified.getIfPresent(digest) == null) {
      signatureChecks.increment();
      PublicKey publicKey = publicKeyOf(ipns, name.peerId());
      if (!publicKey.verify(ipns.signatureV2Payload(), ipns.signatureV2())) {
        throw new InvalidRecordException(Reason.BAD_SIGNATURE, "ipns: signatureV2 does not verify");
      }
      verified.put(digest, Boolean.TRUE);
    }
    Optional<String> mismatch = ipns.mismatchedV1Field();
    if (mismatch.isPresent()) {
      throw new InvalidRecordException(
          Reason.FIELD_MISMATCH,
          "ipns: V1 field " + mismatch.get() + " differs from the signed data");
    }
    if (ipns.validityType() != 0) {
      throw new InvalidRecordException(
          Reason.UNSUPPORTED_VALIDITY_TYPE,
          "ipns: validity type " + Long.toUnsignedString(ipns.validityType()) + " is not EOL (0)");
    }
    if (now.isAfter(ipns.validity())) {
      throw new InvalidRecordException(
          Reason.EXPIRED, "ipns: record expired at " + ipns.validity());
    }
  }

  /**
   * The best record as described above.
   *
   * @throws IllegalArgumentException if {@code values} is empty
   * @throws InvalidRecordException {@link Reason#MALFORMED_VALUE} if a value does not decode
   */
  @Override
  public int select(byte[] key, List<byte[]> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("ipns: cannot select from no values");
    }
    int best = 0;
    IpnsRecord bestRecord = decodeForSelect(values.get(0));
    for (int i = 1; i < values.size(); i++) {
      IpnsRecord candidate = decodeForSelect(values.get(i));
      if (compare(candidate, values.get(i), bestRecord, values.get(best)) > 0) {
        best = i;
        bestRecord = candidate;
      }
    }
    return best;
  }

  private static int compare(IpnsRecord a, byte[] aBytes, IpnsRecord b, byte[] bBytes) {
    int bySequence = Long.compareUnsigned(a.sequence(), b.sequence());
    if (bySequence != 0) {
      return bySequence;
    }
    int byValidity = a.validity().compareTo(b.validity());
    if (byValidity != 0) {
      return byValidity;
    }
    return Arrays.compareUnsigned(aBytes, bBytes);
  }

  private static IpnsName nameOf(byte[] key) {
    if (!NAMESPACE.equals(Record.namespaceOf(key))) {
      throw new InvalidRecordException(
          Reason.INVALID_KEY, "ipns: key is not in the /ipns/ namespace");
    }
    try {
      return IpnsName.fromRoutingKey(key);
    } catch (DecodingException e) {
      throw new InvalidRecordException(Reason.INVALID_KEY, String.valueOf(e.getMessage()), e);
    }
  }

  private static IpnsRecord parse(byte[] value) {
    if (value.length > IpnsRecord.MAX_SIZE) {
      throw new InvalidRecordException(
          Reason.TOO_LARGE,
          "ipns: record of " + value.length + " bytes exceeds " + IpnsRecord.MAX_SIZE);
    }
    IpnsEntry entry;
    try {
      entry = IpnsEntry.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidRecordException(
          Reason.MALFORMED_VALUE,
          "ipns: not an IpnsEntry protobuf: " + String.valueOf(e.getMessage()),
          e);
    }
    if (entry.getSignatureV2().isEmpty() || entry.getData().isEmpty()) {
      throw new InvalidRecordException(
          Reason.MISSING_SIGNATURE,
          "ipns: signatureV2 or data is missing (V1-only records are not accepted)");
    }
    try {
      return IpnsRecord.decode(value);
    } catch (DecodingException e) {
      throw new InvalidRecordException(Reason.MALFORMED_VALUE, String.valueOf(e.getMessage()), e);
    }
  }

  private static PublicKey publicKeyOf(IpnsRecord ipns, PeerId name) {
    Optional<byte[]> embedded = ipns.publicKey().filter(bytes -> bytes.length > 0);
    if (embedded.isPresent()) {
      PublicKey publicKey;
      try {
        publicKey = PublicKey.decode(embedded.get());
      } catch (DecodingException e) {
        throw new InvalidRecordException(
            Reason.MALFORMED_VALUE,
            "ipns: embedded pubKey does not decode: " + String.valueOf(e.getMessage()),
            e);
      }
      if (!name.matches(publicKey)) {
        throw new InvalidRecordException(
            Reason.PUBLIC_KEY_MISMATCH, "ipns: embedded pubKey is not the key of " + name);
      }
      return publicKey;
    }
    return name.inlinePublicKey()
        .orElseThrow(
            () ->
                new InvalidRecordException(
                    Reason.NO_PUBLIC_KEY,
                    "ipns: no embedded pubKey, and the name " + name + " does not inline its key"));
  }

  /** How many signatures were checked, for tests: records found in memory are not counted. */
  long signatureChecks() {
    return signatureChecks.sum();
  }

  private static ByteBuffer digestOf(Record record) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(record.key());
      sha256.update(record.value());
      return ByteBuffer.wrap(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static IpnsRecord decodeForSelect(byte[] value) {
    try {
      return IpnsRecord.decode(value);
    } catch (DecodingException e) {
      throw new InvalidRecordException(Reason.MALFORMED_VALUE, String.valueOf(e.getMessage()), e);
    }
  }

  @Override
  public String toString() {
    return "IpnsValidator";
  }
}

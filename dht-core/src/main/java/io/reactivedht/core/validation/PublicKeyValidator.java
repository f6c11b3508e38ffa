package io.reactivedht.core.validation;

import io.reactivedht.core.crypto.PublicKey;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.validation.InvalidRecordException.Reason;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code pk} namespace: {@code /pk/<binary peer id>} holds the serialized libp2p {@code
 * PublicKey} of that peer, for peer ids that do not inline their key (RSA, ECDSA). Valid when the
 * value decodes to a key whose peer id is the one in the key. Every valid value is the same key, so
 * {@link #select} returns 0. Time plays no part.
 */
public final class PublicKeyValidator implements Validator {
  /** The namespace this validator serves. */
  public static final String NAMESPACE = "pk";

  private static final int PREFIX_LENGTH = NAMESPACE.length() + 2;

  /** A stateless validator. */
  public PublicKeyValidator() {}

  /**
   * Checks that the value is the public key of the peer id after {@code /pk/}.
   *
   * @throws InvalidRecordException {@link Reason#INVALID_KEY} if the key is not {@code /pk/} and a
   *     peer id, {@link Reason#MALFORMED_VALUE} if the value is not a (supported) public key,
   *     {@link Reason#PUBLIC_KEY_MISMATCH} if it is another peer's key
   */
  @Override
  public void validate(Record record, Instant now) {
    PeerId peerId = peerIdOf(record.key());
    PublicKey publicKey;
    try {
      publicKey = PublicKey.decode(record.value());
    } catch (DecodingException e) {
      throw new InvalidRecordException(
          Reason.MALFORMED_VALUE, "pk: value is not a public key: " + e.getMessage(), e);
    }
    if (!peerId.matches(publicKey)) {
      throw new InvalidRecordException(
          Reason.PUBLIC_KEY_MISMATCH, "pk: the public key is not the key of " + peerId);
    }
  }

  /**
   * Always 0: all valid values are equivalent.
   *
   * @throws IllegalArgumentException if {@code values} is empty
   */
  @Override
  public int select(byte[] key, List<byte[]> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("pk: cannot select from no values");
    }
    return 0;
  }

  private static PeerId peerIdOf(byte[] key) {
    if (!NAMESPACE.equals(Record.namespaceOf(key))) {
      throw new InvalidRecordException(Reason.INVALID_KEY, "pk: key is not in the /pk/ namespace");
    }
    try {
      return PeerId.fromBytes(Arrays.copyOfRange(key, PREFIX_LENGTH, key.length));
    } catch (DecodingException e) {
      throw new InvalidRecordException(
          Reason.INVALID_KEY, "pk: what follows /pk/ is not a peer id: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "PublicKeyValidator";
  }
}

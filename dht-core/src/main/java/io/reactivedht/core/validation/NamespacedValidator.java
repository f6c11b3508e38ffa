package io.reactivedht.core.validation;

import io.reactivedht.core.record.Record;
import io.reactivedht.core.validation.InvalidRecordException.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Dispatches each record to the validator of its key's namespace ({@code /pk/...} to {@code "pk"}),
 * and rejects keys without a namespace or with one it has no validator for. Immutable. DHT servers
 * use {@link #defaults()}: exactly {@code pk} and {@code ipns}, as go-libp2p-kad-dht's Amino
 * configuration requires.
 */
public final class NamespacedValidator implements Validator {
  private static final NamespacedValidator DEFAULTS =
      of(
          Map.of(
              PublicKeyValidator.NAMESPACE, new PublicKeyValidator(),
              IpnsValidator.NAMESPACE, new IpnsValidator()));

  private final Map<String, Validator> validators;

  private NamespacedValidator(Map<String, Validator> validators) {
    this.validators = validators;
  }

  /**
   * A validator for the given namespaces (copied).
   *
   * @param validators the validator of each namespace, keyed by the namespace without slashes (such
   *     as {@code "pk"})
   * @return an immutable validator for exactly those namespaces
   * @throws IllegalArgumentException if a namespace is empty or contains {@code /}
   */
  public static NamespacedValidator of(Map<String, ? extends Validator> validators) {
    for (String namespace : validators.keySet()) {
      if (namespace.isEmpty() || namespace.indexOf('/') >= 0) {
        throw new IllegalArgumentException(
            "namespace must be non-empty and without '/': '" + namespace + "'");
      }
    }
    return new NamespacedValidator(Map.copyOf(validators));
  }

  /**
   * The {@code pk} ({@link PublicKeyValidator}) and {@code ipns} ({@link IpnsValidator})
   * validators.
   *
   * @return a shared instance
   */
  public static NamespacedValidator defaults() {
    return DEFAULTS;
  }

  /**
   * The namespaces this validator accepts.
   *
   * @return an immutable set, such as {@code [pk, ipns]}
   */
  public Set<String> namespaces() {
    return validators.keySet();
  }

  /**
   * The validator of a namespace, if there is one.
   *
   * @param namespace the namespace without slashes, such as {@code "ipns"}
   * @return its validator, or empty if records of that namespace are rejected
   */
  public Optional<Validator> validatorFor(String namespace) {
    return Optional.ofNullable(validators.get(namespace));
  }

  /**
   * Validates with the validator of the record's namespace.
   *
   * @throws InvalidRecordException {@link Reason#MISSING_NAMESPACE} or {@link
   *     Reason#UNKNOWN_NAMESPACE}, or what that validator throws
   */
  @Override
  public void validate(Record record, Instant now) {
    validatorOf(record.key()).validate(record, now);
  }

  /**
   * Selects with the validator of the key's namespace.
   *
   * @throws IllegalArgumentException if {@code values} is empty
   * @throws InvalidRecordException {@link Reason#MISSING_NAMESPACE} or {@link
   *     Reason#UNKNOWN_NAMESPACE}, or what that validator throws
   */
  @Override
  public int select(byte[] key, List<byte[]> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("cannot select from no values");
    }
    return validatorOf(key).select(key, values);
  }

  private Validator validatorOf(byte[] key) {
    String namespace = Record.namespaceOf(key);
    if (namespace.isEmpty()) {
      throw new InvalidRecordException(
          Reason.MISSING_NAMESPACE, "record key has no /namespace/ prefix");
    }
    Validator validator = validators.get(namespace);
    if (validator == null) {
      throw new InvalidRecordException(
          Reason.UNKNOWN_NAMESPACE,
          "no validator for namespace '" + namespace + "' (accepted: " + namespaces() + ")");
    }
    return validator;
  }

  @Override
  public String toString() {
    return "NamespacedValidator" + validators;
  }
}

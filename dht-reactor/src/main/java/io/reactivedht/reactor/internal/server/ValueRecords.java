package io.reactivedht.reactor.internal.server;

import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.record.ValueStore;
import io.reactivedht.core.validation.InvalidRecordException;
import io.reactivedht.core.validation.NamespacedValidator;
import io.reactivedht.reactor.server.RequestRejectedException;
import io.reactivedht.reactor.server.RequestRejectedException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The value-record policy of a server over a {@link ValueStore}: what GET_VALUE serves and what
 * PUT_VALUE keeps.
 *
 * <p>A stored record is served only while it is younger than the max age and still passes its
 * validator at {@code now} (an IPNS record past its validity is not served; the store keeps it
 * until it is overwritten or ages out). A put is validated, then compared with the stored record by
 * {@code Select} exactly as go's {@code handlePutValue} does: {@code select([incoming, existing])}
 * must pick the incoming one, so an equal record is accepted again (republishing refreshes its
 * receive time) and a worse one is refused. An existing record that is no longer valid does not
 * take part and is overwritten.
 *
 * <p>The read, {@code Select} and write of one key are atomic: puts of the same key serialize on
 * one of 64 striped monitors (go uses 256 striped locks), held for pure computation on in-memory
 * data, so two concurrent puts cannot leave the older record stored. Thread-safe.
 */
final class ValueRecords {
  static final int LOCK_STRIPES = 64;

  private final ValueStore store;
  private final NamespacedValidator validator;
  private final Duration maxAge;
  private final Object[] locks = new Object[LOCK_STRIPES];

  ValueRecords(ValueStore store, NamespacedValidator validator, Duration maxAge) {
    this.store = store;
    this.validator = validator;
    this.maxAge = maxAge;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /**
   * The record to serve for {@code key} at {@code now}, if any.
   *
   * @throws RequestRejectedException {@link Reason#UNKNOWN_NAMESPACE} if no validator knows the
   *     key's namespace
   */
  Optional<Record> get(byte[] key, Instant now) {
    String namespace = Record.namespaceOf(key);
    if (validator.validatorFor(namespace).isEmpty()) {
      throw new RequestRejectedException(
          Reason.UNKNOWN_NAMESPACE,
          "GET_VALUE: no validator for namespace '"
              + namespace
              + "' (accepted: "
              + validator.namespaces()
              + ")");
    }
    return servable(key, now);
  }

  /**
   * Validates {@code incoming}, stamps it received at {@code now} and stores it unless the stored
   * record is better.
   *
   * @return the stored record, stamped
   * @throws InvalidRecordException if the record fails its validator (including an unknown
   *     namespace)
   * @throws RequestRejectedException {@link Reason#OUTDATED_RECORD} if the stored record is better,
   *     {@link Reason#NOT_STORED} if the store refuses it
   */
  Record put(Record incoming, Instant now) {
    validator.validate(incoming, now);
    byte[] key = incoming.key();
    synchronized (lockOf(key)) {
      Optional<Record> existing = servable(key, now);
      if (existing.isPresent()
          && validator.select(key, List.of(incoming.value(), existing.get().value())) != 0) {
        throw new RequestRejectedException(
            Reason.OUTDATED_RECORD,
            "PUT_VALUE " + incoming + ": the record already stored is better");
      }
      Record stamped = incoming.receivedAt(now);
      if (!store.put(stamped)) {
        throw new RequestRejectedException(
            Reason.NOT_STORED, "PUT_VALUE " + stamped + ": the value store refused it");
      }
      return stamped;
    }
  }

  private Optional<Record> servable(byte[] key, Instant now) {
    return store.get(key).filter(record -> isYoung(record, now) && isValid(record, now));
  }

  private boolean isYoung(Record record, Instant now) {
    Instant received = record.timeReceived();
    return received != null && now.isBefore(received.plus(maxAge));
  }

  private boolean isValid(Record record, Instant now) {
    try {
      validator.validate(record, now);
      return true;
    } catch (DecodingException e) {
      return false;
    }
  }

  private Object lockOf(byte[] key) {
    return locks[Math.floorMod(Arrays.hashCode(key), LOCK_STRIPES)];
  }
}

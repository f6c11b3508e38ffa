package io.reactivedht.core.validation;

import io.reactivedht.core.record.Record;
import java.time.Instant;
import java.util.List;

/**
 * Checks value records of one kind and chooses between values (libp2p kad-dht {@code Validator}).
 * Implementations are stateless and thread-safe, and take the time as an argument.
 */
public interface Validator {
  /**
   * Checks that the record's value is valid for its key at {@code now}.
   *
   * @param record the record whose key and value are checked
   * @param now the current time, against which expiry is judged
   * @throws InvalidRecordException if it is not, with the reason
   */
  void validate(Record record, Instant now);

  /**
   * The index of the best of {@code values} for {@code key}. Callers pass only values that passed
   * {@link #validate}. The choice is stable: the same values in the same order give the same index.
   *
   * @param key the record key the values were found under; not modified
   * @param values the candidate values, at least one; not modified
   * @return an index into {@code values}
   * @throws IllegalArgumentException if {@code values} is empty
   * @throws InvalidRecordException if a value cannot be read at all
   */
  int select(byte[] key, List<byte[]> values);
}

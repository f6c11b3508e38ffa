package io.reactivedht.reactor.value;

import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.record.Record;
import java.util.Objects;

/**
 * A valid record that one peer, or the local store, returned for a key.
 *
 * @param from the peer that returned it (the local peer for the local store)
 * @param record the record, validated against the key's validator when it was received
 */
public record ReceivedRecord(PeerId from, Record record) {
  /**
   * Rejects null.
   *
   * @param from the peer that returned the record; not null
   * @param record the valid record; not null
   */
  public ReceivedRecord {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(record, "record");
  }
}

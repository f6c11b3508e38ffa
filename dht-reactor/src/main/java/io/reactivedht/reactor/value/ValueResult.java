package io.reactivedht.reactor.value;

import io.reactivedht.core.record.Record;
import io.reactivedht.reactor.event.DhtEvent;
import java.util.Objects;
import reactor.core.publisher.Flux;

/**
 * The outcome of a value search: the best record, and the entry corrections it started.
 *
 * @param record the best valid record found (by the key's {@code Select})
 * @param received how many valid records it was chosen from (the local one included): the quorum
 *     asked for, or fewer if the lookup ended first
 * @param corrections one element per correction PUT (the peer, and whether it accepted the record;
 *     the local store appears as the local peer), completing when every correction is done. The
 *     PUTs run whether or not this is subscribed, and every subscriber, however late, sees all of
 *     them: nothing is dropped. Empty when nobody needed correcting
 */
public record ValueResult(Record record, int received, Flux<DhtEvent.Correction> corrections) {
  /**
   * Rejects null.
   *
   * @param record the best valid record; not null
   * @param received how many valid records it was chosen from
   * @param corrections the outcomes of the correction PUTs; not null
   */
  public ValueResult {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(corrections, "corrections");
  }
}

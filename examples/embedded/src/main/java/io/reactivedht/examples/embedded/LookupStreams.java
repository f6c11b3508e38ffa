package io.reactivedht.examples.embedded;

import io.reactivedht.core.record.Record;
import io.reactivedht.core.validation.NamespacedValidator;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.lookup.LookupEvent;
import io.reactivedht.reactor.value.ReceivedRecord;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The three shapes of a DHT operation as a user composes them: a lookup as a stream of answers, a
 * quorum as {@code take(q)}, entry correction as a flux the caller holds. The README quotes these
 * methods (between the snippet markers) and {@code LookupStreamsTest} checks that it quotes them
 * exactly.
 */
public final class LookupStreams {
  private LookupStreams() {}

  // snippet: lookup
  /**
   * One line per peer that answered the lookup: who, how far from the start, how fast, how many
   * closer peers.
   */
  public static Flux<String> watchLookup(Dht dht, byte[] key) {
    return dht.lookup(key)
        .ofType(LookupEvent.Answered.class)
        .map(
            answer ->
                answer.peer().id()
                    + " hop "
                    + answer.hop()
                    + ", "
                    + answer.rtt().toMillis()
                    + " ms, "
                    + answer.closerPeers().size()
                    + " closer peers");
  }

  // end snippet

  // snippet: quorum
  /**
   * The best of the first {@code q} valid records: the quorum is {@code take(q)}, the choice the
   * key's Select.
   */
  public static Mono<Record> bestOf(Dht dht, byte[] key, int q, NamespacedValidator validator) {
    return dht.records(key)
        .take(q)
        .map(ReceivedRecord::record)
        .collectList()
        .filter(records -> !records.isEmpty())
        .map(
            records ->
                records.get(validator.select(key, records.stream().map(Record::value).toList())));
  }

  // end snippet

  // snippet: corrections
  /** Resolves a key, then waits for its entry corrections: how many peers took the best record. */
  public static Mono<Long> resolveAndCorrect(Dht dht, byte[] key, int q) {
    return dht.resolve(key, q)
        .flatMap(result -> result.corrections().filter(DhtEvent.Correction::accepted).count());
  }
  // end snippet
}

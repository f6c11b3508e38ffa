package io.reactivedht.reactor.internal.value;

import io.reactivedht.core.key.Key;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.record.ValueStore;
import io.reactivedht.core.validation.InvalidRecordException;
import io.reactivedht.core.validation.NamespacedValidator;
import io.reactivedht.core.wire.DhtRequest;
import io.reactivedht.core.wire.DhtResponse;
import io.reactivedht.core.wire.MessageType;
import io.reactivedht.reactor.config.DhtOptions;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.internal.lookup.LookupDriver;
import io.reactivedht.reactor.internal.lookup.RpcTimeout;
import io.reactivedht.reactor.internal.lookup.Termination;
import io.reactivedht.reactor.lookup.LookupEvent;
import io.reactivedht.reactor.spi.DhtTransport;
import io.reactivedht.reactor.state.NodeState;
import io.reactivedht.reactor.value.OutdatedRecordException;
import io.reactivedht.reactor.value.PutResult;
import io.reactivedht.reactor.value.ReceivedRecord;
import io.reactivedht.reactor.value.ValueNotFoundException;
import io.reactivedht.reactor.value.ValueResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The client side of value records, as Reactor pipelines (libp2p kad-dht "Value storage and
 * retrieval"; go-libp2p-kad-dht {@code PutValue}, {@code SearchValue}, {@code GetValue}). Every
 * method is lazy: nothing is read, stored or sent before subscription, and cancelling stops the
 * lookup and the requests in flight.
 *
 * <p><b>Put</b>: validate, store locally (unless the local record is better), FIND_NODE lookup for
 * the k closest peers ({@link Termination#K_CLOSEST}), PUT_VALUE to each, k at a time, each within
 * the RPC timeout.
 *
 * <p><b>Search</b>: {@link #records} is the stream everything else is built on: the local record
 * first, then every valid record of a GET_VALUE lookup that ends at beta and then asks the
 * not-yet-asked of the k closest ({@link Termination#BETA_THEN_FOLLOW_UP}, go's {@code
 * runLookupWithFollowup}, so that a quorum of 16 can be met). {@link #resolve} and {@link
 * #getValue} take {@code quorum} of them ({@code take(quorum)}, which cancels the lookup, the local
 * one included as in go) and reduce them by {@code Select}; {@link #searchValue} emits those of
 * them that are strictly better than every one before. (go stops only after more than {@code
 * quorum}; this follows the spec.)
 *
 * <p><b>Entry correction</b> starts when a search <em>completes</em> with a best record: the record
 * is PUT to the peers that returned an outdated record and to those of the k closest peers that
 * answered which do not hold it (and stored locally if the local record was outdated). Each
 * correction is reported as a {@link DhtEvent.Correction}, and by {@link #resolve} in its {@link
 * ValueResult#corrections()} too (replayed to every subscriber, however late; the PUTs run whether
 * or not anyone subscribes). It runs detached from the search, so that the caller gets the value at
 * quorum without waiting for the corrections (as in go, where {@code updatePeerValues} runs in
 * goroutines), but it is owned and bounded: at most one PUT per peer the search heard from, alpha
 * at a time, each within the RPC timeout, tracked until done and stopped by {@link #close()}. A
 * search that is cancelled before it completes (e.g. by {@code take(1)}) corrects nothing: it never
 * learned which record is best. Unlike go, correction also follows a search ended by the quorum (go
 * skips it then), as the spec asks.
 *
 * <p><b>Republish</b>: the records put through this object are remembered (in memory, at most
 * {@link #MAX_PUBLISHED_RECORDS} keys) and put again by {@link #republish()}, until they expire or
 * a better record appears under their key.
 *
 * <p>Thread-safe.
 */
public final class ValueOperations {
  /** The most keys this object remembers for republishing; a put of a new key beyond them fails. */
  public static final int MAX_PUBLISHED_RECORDS = 4096;

  private final PeerId self;
  private final LookupDriver lookups;
  private final DhtTransport transport;
  private final ValueStore store;
  private final NamespacedValidator validator;
  private final Scheduler scheduler;
  private final DhtOptions options;
  private final Consumer<DhtEvent> events;
  private final Scheduler storeIo;
  private final PublishedRecords published;
  private final Disposable.Composite corrections = Disposables.composite();
  private final Sinks.Empty<Void> closed = Sinks.empty();

  /**
   * @param self the local peer
   * @param lookups runs the GET_VALUE lookups of searches (at beta, then a follow-up round among
   *     the k closest) and the FIND_NODE lookups of puts (to the true k closest)
   * @param transport carries PUT_VALUE requests
   * @param store the local value store, read first by searches and written by puts
   * @param validator validates records and selects the best
   * @param scheduler the clock ({@code now = Instant.ofEpochMilli(scheduler.now(MILLISECONDS))})
   *     and timers
   * @param options k, alpha and the RPC timeout
   * @param events receives a {@link DhtEvent.Correction} per entry correction; must not block
   */
  public ValueOperations(
      PeerId self,
      LookupDriver lookups,
      DhtTransport transport,
      ValueStore store,
      NamespacedValidator validator,
      Scheduler scheduler,
      DhtOptions options,
      Consumer<DhtEvent> events) {
    this(
        self,
        lookups,
        transport,
        store,
        validator,
        scheduler,
        options,
        events,
        Schedulers.immediate(),
        null);
  }

  /**
   * As the other constructor, with the store calls on {@code storeIo} and the published records
   * kept in {@code state} too.
   *
   * @param storeIo where the local store and {@code state} are called (they may block on I/O)
   * @param state where the published records are kept across restarts, loaded now (blocking); null
   *     for memory only
   */
  public ValueOperations(
      PeerId self,
      LookupDriver lookups,
      DhtTransport transport,
      ValueStore store,
      NamespacedValidator validator,
      Scheduler scheduler,
      DhtOptions options,
      Consumer<DhtEvent> events,
      Scheduler storeIo,
      @Nullable NodeState state) {
    this.storeIo = storeIo;
    this.published = new PublishedRecords(MAX_PUBLISHED_RECORDS, state);
    this.self = self;
    this.lookups = lookups;
    this.transport = transport;
    this.store = store;
    this.validator = validator;
    this.scheduler = scheduler;
    this.options = options;
    this.events = events;
  }

  /**
   * Publishes a value: validates {@code Record.of(key, value)}, stores it locally, finds the k
   * closest peers to the key and puts it on each, and remembers it for {@link #republish()}.
   *
   * @return which peers accepted it (their echo carried the value) and which did not; fails, with
   *     nothing stored or sent, with the {@link InvalidRecordException} of an invalid record, an
   *     {@link OutdatedRecordException} if the local store holds a better record, an {@link
   *     IllegalArgumentException} if the local store refuses it (too large) or the key is too long,
   *     or an {@link IllegalStateException} if {@link #MAX_PUBLISHED_RECORDS} other keys are
   *     published already
   */
  public Mono<PutResult> putValue(byte[] key, byte[] value) {
    byte[] k = key.clone();
    byte[] v = value.clone();
    return Mono.fromCallable(
            () -> {
              if (!published.hasRoomFor(k)) {
                throw new IllegalStateException(
                    "this node already publishes " + MAX_PUBLISHED_RECORDS + " records");
              }
              Record record = storeLocally(k, v, now());
              published.remember(k, v);
              return record;
            })
        .subscribeOn(storeIo)
        .flatMap(this::putToClosest);
  }

  /**
   * Every valid record under {@code key} as it is received: the local store's first (if valid),
   * then one per peer that answered the GET_VALUE lookup with a valid record, in the order they
   * answered. The lookup runs until the beta closest peers answered, then asks the not-yet-asked of
   * the k closest (a follow-up round), so up to about k records come in; {@code take(q)} ends it
   * (and its requests) after q. No entry correction: this is the raw stream that {@link #resolve}
   * and {@link #searchValue} are built on, for callers who want their own rule:
   *
   * <pre>{@code
   * Mono<Record> best = values.records(key).take(quorum).map(ReceivedRecord::record).reduce(select);
   * }</pre>
   *
   * @return the records, possibly none; fails with an {@link InvalidRecordException} if no
   *     validator knows the key's namespace, or an {@link IllegalArgumentException} if the key is
   *     too long
   */
  public Flux<ReceivedRecord> records(byte[] key) {
    byte[] k = key.clone();
    return Flux.defer(() -> records(k, newSearch(k)));
  }

  /**
   * The best record under {@code key} among the first {@code quorum} valid records (the local one
   * counts), or all of them if fewer came in by the end of the lookup: {@link #records} with {@code
   * take(quorum)}, reduced by the key's {@code Select}. On success the entry corrections start at
   * once: the best record is PUT to the peers that returned an outdated record and to those of the
   * k closest that answered without it (and stored locally if the local record was outdated), each
   * reported in {@link ValueResult#corrections()} and as a {@link DhtEvent.Correction}; see the
   * class comment.
   *
   * @param quorum how many valid records are enough (the spec's Q; 16 for IPNS, {@link
   *     DhtOptions#ipnsQuorum()})
   * @return the best record and its corrections; fails with {@link ValueNotFoundException} if there
   *     is no valid record, or as {@link #records}
   * @throws IllegalArgumentException if {@code quorum} is not positive
   */
  public Mono<ValueResult> resolve(byte[] key, int quorum) {
    checkQuorum(quorum);
    byte[] k = key.clone();
    return Mono.defer(
        () -> {
          ValueSearch search = newSearch(k);
          return records(k, search)
              .take(quorum)
              .map(ReceivedRecord::record)
              .collectList()
              .filter(records -> !records.isEmpty())
              .map(
                  records -> {
                    Record best =
                        records.stream()
                            .reduce((a, b) -> search.isBetter(b, a) ? b : a)
                            .orElseThrow();
                    return new ValueResult(best, records.size(), correct(k, search));
                  })
              .switchIfEmpty(
                  Mono.error(
                      () ->
                          new ValueNotFoundException(
                              "no valid record found under " + describe(k))));
        });
  }

  /**
   * Searches for the record under {@code key}, emitting progressively better records: the local
   * record first if it is valid, then each valid record from the network that {@code Select}
   * prefers to every record emitted before. Ends when the lookup ends or once {@code quorum} valid
   * records came in (the local one counts; so a quorum of 1 with a local record sends nothing);
   * then the outdated peers are corrected (see the class comment).
   *
   * @param quorum how many valid records end the search (the spec's Q; 16 for IPNS, {@link
   *     DhtOptions#ipnsQuorum()})
   * @return the records, possibly none; fails as {@link #records}
   * @throws IllegalArgumentException if {@code quorum} is not positive
   */
  public Flux<Record> searchValue(byte[] key, int quorum) {
    checkQuorum(quorum);
    byte[] k = key.clone();
    return Flux.defer(
        () -> {
          ValueSearch search = newSearch(k);
          AtomicReference<@Nullable Record> emitted = new AtomicReference<>();
          return records(k, search)
              .take(quorum)
              .map(ReceivedRecord::record)
              .filter(
                  record -> {
                    Record before = emitted.get();
                    if (before == null || search.isBetter(record, before)) {
                      emitted.set(record);
                      return true;
                    }
                    return false;
                  })
              .doOnComplete(() -> correct(k, search));
        });
  }

  /**
   * The best record under {@code key}: {@link #resolve}'s record, with the corrections left to run
   * on their own.
   *
   * @return the best record; fails with {@link ValueNotFoundException} if there is none, or as
   *     {@link #records}
   */
  public Mono<Record> getValue(byte[] key, int quorum) {
    return resolve(key, quorum).map(ValueResult::record);
  }

  /**
   * Puts every record this node published again, one after the other, each as {@link #putValue}
   * does (stored locally received now, then put on the k closest peers). A record that is no longer
   * valid (e.g. an IPNS record past its validity) or under which the local store now holds a better
   * record is forgotten instead, and sends nothing. Meant to run every {@link
   * DhtOptions#republishInterval()}.
   *
   * @return one result per record put again, in the order the keys were first published
   */
  public Flux<PutResult> republish() {
    return Flux.defer(() -> Flux.fromIterable(published.snapshot()))
        .concatMap(
            record ->
                Mono.fromCallable(() -> storeLocally(record.key(), record.value(), now()))
                    .subscribeOn(storeIo)
                    .flatMap(this::putToClosest)
                    .onErrorResume(
                        e -> e instanceof DecodingException || e instanceof OutdatedRecordException,
                        e ->
                            Mono.<PutResult>fromRunnable(
                                    () -> published.forget(record.key(), record.value()))
                                .subscribeOn(storeIo)));
  }

  /**
   * Stops republishing {@code key}; returns whether it was published. The records already put stay
   * where they are. Blocks on the node state's I/O, if it has any.
   */
  public boolean unpublish(byte[] key) {
    return published.forget(key);
  }

  /**
   * Stops the entry corrections in flight (their fluxes complete) and any started later. Searches
   * and puts keep working.
   */
  public void close() {
    closed.tryEmitEmpty();
    corrections.dispose();
  }

  /** The entry corrections of completed searches still running. */
  int correctionsInFlight() {
    return corrections.size();
  }

  /**
   * Validates the record and stores it locally, received now, unless the local record is better.
   */
  private Record storeLocally(byte[] key, byte[] value, Instant now) {
    Record record = Record.of(key, value);
    validator.validate(record, now);
    Optional<Record> old = store.get(key).filter(r -> isValid(r, now));
    if (old.isPresent()
        && !Arrays.equals(old.get().value(), value)
        && validator.select(key, List.of(value, old.get().value())) != 0) {
      throw new OutdatedRecordException("the local store holds a better record under " + record);
    }
    Record stamped = record.receivedAt(now);
    if (!store.put(stamped)) {
      throw new IllegalArgumentException(
          "the local value store refused " + stamped + " (too large)");
    }
    return stamped;
  }

  private Mono<PutResult> putToClosest(Record record) {
    byte[] key = record.key();
    return lookups
        .lookup(Key.of(key), new DhtRequest.FindNode(key), Termination.K_CLOSEST)
        .ofType(LookupEvent.Finished.class)
        .next()
        .map(LookupEvent.Finished::closest)
        .defaultIfEmpty(List.of())
        .flatMapMany(
            peers ->
                Flux.fromIterable(peers)
                    .flatMapSequential(
                        peer -> putTo(peer, record).map(ok -> Map.entry(peer.id(), ok)),
                        options.k()))
        .collectList()
        .map(ValueOperations::toResult);
  }

  /** Whether the peer stored the record: its echo carries the value sent. Never fails. */
  private Mono<Boolean> putTo(PeerInfo peer, Record record) {
    byte[] value = record.value();
    return lookups
        .traced(
            RpcTimeout.within(
                transport.send(peer, new DhtRequest.PutValue(record)),
                options.rpcTimeout(),
                scheduler),
            peer.id(),
            MessageType.PUT_VALUE)
        .map(
            response ->
                response instanceof DhtResponse.PutValueResponse echo
                    && Arrays.equals(echo.record().value(), value))
        .defaultIfEmpty(false)
        .onErrorReturn(false);
  }

  private ValueSearch newSearch(byte[] key) {
    checkNamespace(key);
    return new ValueSearch(key, validator);
  }

  /**
   * The valid records: the local one, then the lookup's; every answer, with a record or not, goes
   * into the search.
   */
  private Flux<ReceivedRecord> records(byte[] key, ValueSearch search) {
    return Flux.concat(
        Mono.fromCallable(
                () -> search.acceptLocal(self, store.get(key).orElse(null), now())) // null: none
            .subscribeOn(storeIo)
            .map(record -> new ReceivedRecord(self, record)),
        lookups
            .lookup(Key.of(key), new DhtRequest.GetValue(key), Termination.BETA_THEN_FOLLOW_UP)
            .concatMapIterable(
                event -> {
                  if (event instanceof LookupEvent.Answered answered
                      && answered.response() instanceof DhtResponse.GetValueResponse response) {
                    Record valid = search.accept(answered.peer(), response.record(), now());
                    return valid == null
                        ? List.of()
                        : List.of(new ReceivedRecord(answered.peer().id(), valid));
                  }
                  return List.of();
                },
                1));
  }

  /**
   * Starts the entry correction of a completed search (see the class comment) and returns its
   * replayed outcomes; it runs to its end unless {@link #close()} is called, subscribed or not.
   */
  private Flux<DhtEvent.Correction> correct(byte[] key, ValueSearch search) {
    Optional<Record> best = search.best();
    List<PeerInfo> targets = search.correctionTargets(options.k());
    if (best.isEmpty() || (targets.isEmpty() && !search.localOutdated())) {
      return Flux.empty();
    }
    Record fix = Record.of(key, best.get().value());
    Flux<DhtEvent.Correction> local =
        search.localOutdated()
            ? Mono.fromCallable(
                    () -> new DhtEvent.Correction(self, key, store.put(fix.receivedAt(now()))))
                .subscribeOn(storeIo)
                .flux()
            : Flux.empty();
    Flux<DhtEvent.Correction> remote =
        Flux.fromIterable(targets)
            .flatMap(
                peer -> putTo(peer, fix).map(ok -> new DhtEvent.Correction(peer.id(), key, ok)),
                options.alpha());
    Disposable.Swap slot = Disposables.swap();
    if (!corrections.add(slot)) {
      return Flux.empty(); // closed
    }
    ConnectableFlux<DhtEvent.Correction> outcomes =
        Flux.concat(local, remote)
            .takeUntilOther(closed.asMono())
            .doOnNext(events)
            .doFinally(signal -> corrections.remove(slot))
            .replay();
    slot.update(outcomes.connect());
    return outcomes;
  }

  private static void checkQuorum(int quorum) {
    if (quorum < 1) {
      throw new IllegalArgumentException("quorum must be positive, got " + quorum);
    }
  }

  private void checkNamespace(byte[] key) {
    String namespace = Record.namespaceOf(key);
    if (validator.validatorFor(namespace).isEmpty()) {
      throw new InvalidRecordException(
          InvalidRecordException.Reason.UNKNOWN_NAMESPACE,
          "no validator for namespace '"
              + namespace
              + "' (accepted: "
              + validator.namespaces()
              + ")");
    }
  }

  private boolean isValid(Record record, Instant now) {
    try {
      validator.validate(record, now);
      return true;
    } catch (DecodingException e) {
      return false;
    }
  }

  private static PutResult toResult(List<Map.Entry<PeerId, Boolean>> outcomes) {
    List<PeerId> accepted = new ArrayList<>();
    List<PeerId> failed = new ArrayList<>();
    for (Map.Entry<PeerId, Boolean> outcome : outcomes) {
      (outcome.getValue() ? accepted : failed).add(outcome.getKey());
    }
    return new PutResult(accepted, failed);
  }

  private Instant now() {
    return Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
  }

  /** A key for messages: its namespace and length, e.g. {@code /ipns/<38 bytes>}. */
  private static String describe(byte[] key) {
    String namespace = Record.namespaceOf(key);
    return namespace.isEmpty()
        ? "<" + key.length + " bytes>"
        : "/" + namespace + "/<" + (key.length - namespace.length() - 2) + " bytes>";
  }
}

package io.reactivedht.cli;

import io.reactivedht.core.crypto.PrivateKey;
import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.record.Record;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.state.NodeState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What {@code dht daemon} announces of its own when it starts ({@code --provide}, {@code
 * --publish-ipns}): the node keeps both in its state, so a daemon restarted on the same datastore
 * goes on reproviding and republishing them without the flags.
 */
final class OwnContent {
  /** How long the daemon's IPNS record is valid; republishing puts the same record again. */
  static final Duration IPNS_LIFETIME = Duration.ofDays(2);

  private static final Duration IPNS_TTL = Duration.ofHours(1);

  private OwnContent() {}

  /**
   * Provides each of {@code cids} and, when {@code ipnsPath} is not null, publishes it under the
   * node's own IPNS name.
   *
   * @param published the records the node publishes now (its state's, before this start)
   * @return completes when every announcement is done; an announcement that fails is reported to
   *     {@code failed} and the others go on
   */
  static Mono<Void> announce(
      Dht dht,
      PrivateKey identity,
      List<Cid> cids,
      @org.jspecify.annotations.Nullable String ipnsPath,
      List<Record> published,
      java.util.function.Consumer<String> failed) {
    Mono<Void> provides =
        Flux.fromIterable(cids)
            .concatMap(
                cid ->
                    dht.provide(cid)
                        .doOnError(e -> failed.accept("provide " + cid + ": " + Errors.describe(e)))
                        .onErrorResume(e -> Mono.empty()))
            .then();
    if (ipnsPath == null) {
      return provides;
    }
    IpnsName name = new IpnsName(PeerId.fromPublicKey(identity.publicKey()));
    Optional<IpnsRecord> current =
        published.stream()
            .filter(r -> Arrays.equals(r.key(), name.routingKey()))
            .findFirst()
            .map(r -> IpnsRecord.decode(r.value()));
    byte[] path = ipnsPath.getBytes(StandardCharsets.UTF_8);
    if (current.isPresent() && Arrays.equals(current.get().value(), path)) {
      return provides; // published already: the republish schedule keeps it alive
    }
    long sequence = current.map(r -> r.sequence() + 1).orElse(0L);
    IpnsRecord record =
        IpnsRecord.create(
            identity,
            path,
            sequence,
            Instant.now().plus(IPNS_LIFETIME).truncatedTo(ChronoUnit.MILLIS),
            IPNS_TTL,
            true);
    return provides.then(
        dht.putValue(name.routingKey(), record.encode())
            .doOnError(e -> failed.accept("publish " + name + ": " + Errors.describe(e)))
            .onErrorResume(e -> Mono.empty())
            .then());
  }

  /** The records {@code state} holds as published, or none without a state. */
  static List<Record> published(@org.jspecify.annotations.Nullable NodeState state) {
    return state == null ? List.of() : state.published();
  }
}

package io.reactivedht.routing.http;

import io.reactivedht.core.ipns.IpnsName;
import io.reactivedht.core.ipns.IpnsRecord;
import io.reactivedht.core.multiformats.Cid;
import io.reactivedht.core.multiformats.DecodingException;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.core.record.Record;
import io.reactivedht.core.validation.IpnsValidator;
import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.value.OutdatedRecordException;
import io.reactivedht.reactor.value.ValueNotFoundException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Delegated Routing V1 endpoints, each a DHT operation mapped onto HTTP. Lists of peers come as
 * {@code application/json} (collected, at most {@value #JSON_LIMIT}) or, when the client asks for
 * {@code application/x-ndjson}, as a stream with one record per line, written as the lookup finds
 * it. Empty results are {@code 200} with an empty list or stream (IPIP-0513), cached briefly.
 */
final class RoutingHandler {
  /** The spec's media type of IPNS records. */
  static final MediaType IPNS_RECORD = MediaType.parseMediaType("application/vnd.ipfs.ipns-record");

  /** The spec's limit on a JSON list. */
  static final int JSON_LIMIT = 100;

  static final int DEFAULT_CLOSEST_PEERS = 20;

  private static final Logger log = LoggerFactory.getLogger(RoutingHandler.class);
  private static final byte[] NEWLINE = {'\n'};

  private final Dht dht;
  private final Duration routingTimeout;
  private final JsonMapper json;
  private final Clock clock;
  private final IpnsValidator ipnsValidator = new IpnsValidator();

  RoutingHandler(Dht dht, Duration routingTimeout, JsonMapper json, Clock clock) {
    this.dht = dht;
    this.routingTimeout = routingTimeout;
    this.json = json;
    this.clock = clock;
  }

  /** {@code GET /routing/v1/providers/{cid}}: the providers of a CID. */
  Mono<ServerResponse> providers(ServerRequest request) {
    Cid cid;
    try {
      cid = Cid.parse(request.pathVariable("cid"));
    } catch (DecodingException e) {
      return error(HttpStatus.BAD_REQUEST, "unable to parse CID: " + e.getMessage());
    }
    return peerRecords(request, dht.findProviders(cid), PeerRecord.Providers::new);
  }

  /** {@code GET /routing/v1/peers/{peer-id}}: a peer's addresses. */
  Mono<ServerResponse> peers(ServerRequest request) {
    PeerId peer;
    try {
      peer = PeerId.parse(request.pathVariable("peerId"));
    } catch (DecodingException e) {
      return error(HttpStatus.BAD_REQUEST, "unable to parse peer ID: " + e.getMessage());
    }
    return peerRecords(request, dht.findPeer(peer).flux(), PeerRecord.Peers::new);
  }

  /**
   * {@code GET /routing/v1/dht/closest/peers/{key}}: the DHT peers closest to a peer id or CID
   * (IPIP-0476); the key is its multihash, as in the DHT. {@code ?count=} takes 1 to 100 (default
   * 20).
   */
  Mono<ServerResponse> closestPeers(ServerRequest request) {
    byte[] key;
    try {
      key = multihashOf(request.pathVariable("key"));
    } catch (DecodingException e) {
      return error(HttpStatus.BAD_REQUEST, "unable to parse as CID or PeerID: " + e.getMessage());
    }
    Optional<String> countParam = request.queryParam("count");
    int count;
    try {
      count = countParam.map(Integer::parseInt).orElse(DEFAULT_CLOSEST_PEERS);
    } catch (NumberFormatException e) {
      count = -1;
    }
    if (count < 1 || count > JSON_LIMIT) {
      return error(HttpStatus.BAD_REQUEST, "count must be between 1 and " + JSON_LIMIT);
    }
    return peerRecords(request, dht.findClosestPeers(key).take(count), PeerRecord.Peers::new);
  }

  /** {@code GET /routing/v1/ipns/{name}}: the best IPNS record the DHT holds for a name. */
  Mono<ServerResponse> getIpns(ServerRequest request) {
    if (!acceptsIpnsRecord(request)) {
      return error(HttpStatus.NOT_ACCEPTABLE, "retry with 'Accept: " + IPNS_RECORD + "'");
    }
    IpnsName name;
    try {
      name = IpnsName.parse(request.pathVariable("name"));
    } catch (DecodingException e) {
      return error(HttpStatus.BAD_REQUEST, "unable to parse IPNS name: " + e.getMessage());
    }
    return dht.getValue(name.routingKey())
        .timeout(routingTimeout)
        .flatMap(record -> ipnsRecord(name, record.value()))
        .onErrorResume(
            e -> e instanceof ValueNotFoundException || e instanceof TimeoutException,
            e -> ipnsNotFound(name));
  }

  /**
   * {@code PUT /routing/v1/ipns/{name}}: validates an IPNS record against its name and publishes it
   * in the DHT.
   */
  Mono<ServerResponse> putIpns(ServerRequest request) {
    boolean ipnsBody =
        request.headers().contentType().map(IPNS_RECORD::equalsTypeAndSubtype).orElse(false);
    if (!ipnsBody) {
      return error(HttpStatus.NOT_ACCEPTABLE, "retry with 'Content-Type: " + IPNS_RECORD + "'");
    }
    IpnsName name;
    try {
      name = IpnsName.parse(request.pathVariable("name"));
    } catch (DecodingException e) {
      return error(HttpStatus.BAD_REQUEST, "unable to parse IPNS name: " + e.getMessage());
    }
    byte[] key = name.routingKey();
    return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), IpnsRecord.MAX_SIZE)
        .map(RoutingHandler::bytesOf)
        .defaultIfEmpty(new byte[0])
        .flatMap(
            value -> {
              try {
                ipnsValidator.validate(Record.of(key, value), clock.instant());
              } catch (DecodingException e) { // InvalidRecordException is one
                return error(
                    HttpStatus.BAD_REQUEST, "provided record is invalid: " + e.getMessage());
              }
              return dht.putValue(key, value)
                  .timeout(routingTimeout)
                  .doOnNext(
                      put ->
                          log.info(
                              "published IPNS record of {} on {} peers ({} failed)",
                              name,
                              put.acceptedCount(),
                              put.failed().size()))
                  .then(ServerResponse.ok().build());
            })
        .onErrorResume(
            DataBufferLimitException.class,
            e ->
                error(
                    HttpStatus.BAD_REQUEST,
                    "provided record is larger than " + IpnsRecord.MAX_SIZE + " bytes"))
        .onErrorResume(
            OutdatedRecordException.class,
            e -> error(HttpStatus.CONFLICT, "the DHT node holds a newer record for " + name))
        .onErrorResume(
            TimeoutException.class,
            e ->
                error(HttpStatus.GATEWAY_TIMEOUT, "publishing took longer than " + routingTimeout));
  }

  /**
   * Any other request under {@code /routing/v1}: 501 for a method the spec defines but this server
   * lacks, else 400.
   */
  Mono<ServerResponse> unsupported(ServerRequest request) {
    String path = request.path();
    boolean known =
        path.matches(
            "/routing/v1/(providers|peers)/?|/routing/v1/(providers|peers|ipns)/[^/]+"
                + "|/routing/v1/dht/closest/peers/[^/]+");
    return known
        ? error(HttpStatus.NOT_IMPLEMENTED, request.method() + " " + path + " is not supported")
        : error(HttpStatus.BAD_REQUEST, "unknown path " + path);
  }

  private Mono<ServerResponse> peerRecords(
      ServerRequest request, Flux<PeerInfo> found, Function<List<PeerRecord>, Object> jsonBody) {
    Optional<MediaType> type;
    try {
      type = listMediaType(request.headers().accept());
    } catch (InvalidMediaTypeException e) {
      return error(HttpStatus.BAD_REQUEST, "unable to parse Accept header: " + e.getMessage());
    }
    if (type.isEmpty()) {
      return error(
          HttpStatus.NOT_ACCEPTABLE,
          "retry with 'Accept: application/json' or 'application/x-ndjson'");
    }
    Flux<PeerRecord> records = found.take(routingTimeout).map(PeerRecord::of);
    if (type.get().equals(MediaType.APPLICATION_NDJSON)) {
      return ndjson(records);
    }
    return records
        .take(JSON_LIMIT)
        .collectList()
        .flatMap(
            list ->
                ServerResponse.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> listHeaders(h, !list.isEmpty()))
                    .bodyValue(jsonBody.apply(list)));
  }

  /**
   * Streams the records as the lookup finds them, each line flushed. The headers wait for the first
   * record (or the end), so that {@code Cache-Control} can tell a result from none; an error after
   * that ends the stream.
   */
  private Mono<ServerResponse> ndjson(Flux<PeerRecord> records) {
    return ServerResponse.ok()
        .contentType(MediaType.APPLICATION_NDJSON)
        .build(
            (exchange, context) -> {
              ServerHttpResponse response = exchange.getResponse();
              DataBufferFactory buffers = response.bufferFactory();
              return records
                  .switchOnFirst(
                      (first, all) -> {
                        if (first.isOnError()) {
                          return Mono.error(Objects.requireNonNull(first.getThrowable()));
                        }
                        listHeaders(response.getHeaders(), first.hasValue());
                        Flux<Mono<DataBuffer>> lines =
                            all.onErrorResume(
                                    e -> {
                                      log.warn("ndjson stream ended by an error: {}", e.toString());
                                      return Flux.empty();
                                    })
                                .map(record -> Mono.just(line(buffers, record)));
                        return response.writeAndFlushWith(lines);
                      })
                  .then();
            });
  }

  private DataBuffer line(DataBufferFactory buffers, PeerRecord record) {
    byte[] bytes = json.writeValueAsBytes(record);
    DataBuffer buffer = buffers.allocateBuffer(bytes.length + 1);
    buffer.write(bytes);
    buffer.write(NEWLINE);
    return buffer;
  }

  private void listHeaders(HttpHeaders headers, boolean found) {
    headers.setCacheControl(CachePolicy.forResults(found));
    headers.setLastModified(clock.instant());
    headers.setVary(List.of(HttpHeaders.ACCEPT));
  }

  private Mono<ServerResponse> ipnsRecord(IpnsName name, byte[] value) {
    IpnsRecord record = IpnsRecord.decode(value);
    Instant now = clock.instant();
    return ServerResponse.ok()
        .contentType(IPNS_RECORD)
        .headers(
            h -> {
              h.setCacheControl(
                  CachePolicy.forIpnsRecord(
                      record.ttl(), Duration.between(now, record.validity())));
              h.setExpires(record.validity().toEpochMilli());
              h.setLastModified(now);
              h.setVary(List.of(HttpHeaders.ACCEPT));
              h.setETag("\"" + etagOf(value) + "\"");
              h.set(
                  HttpHeaders.CONTENT_DISPOSITION,
                  "attachment; filename=\"" + name + ".ipns-record\"");
            })
        .bodyValue(value);
  }

  /** IPIP-0513: no record is a 200 whose content type is not an IPNS record. */
  private Mono<ServerResponse> ipnsNotFound(IpnsName name) {
    return ServerResponse.ok()
        .contentType(MediaType.TEXT_PLAIN)
        .headers(
            h -> {
              h.setCacheControl(CachePolicy.forResults(false));
              h.setLastModified(clock.instant());
              h.setVary(List.of(HttpHeaders.ACCEPT));
            })
        .bodyValue("no IPNS record found for " + name + "\n");
  }

  private static Mono<ServerResponse> error(HttpStatus status, String message) {
    return ServerResponse.status(status)
        .contentType(MediaType.TEXT_PLAIN)
        .bodyValue(message + "\n");
  }

  /**
   * NDJSON if the client accepts it (streaming is opt-in), else JSON if it accepts that (or
   * anything), else none.
   */
  static Optional<MediaType> listMediaType(List<MediaType> accepted) {
    if (accepted.isEmpty()) {
      return Optional.of(MediaType.APPLICATION_JSON);
    }
    if (accepted.stream().anyMatch(MediaType.APPLICATION_NDJSON::equalsTypeAndSubtype)) {
      return Optional.of(MediaType.APPLICATION_NDJSON);
    }
    if (accepted.stream().anyMatch(t -> t.includes(MediaType.APPLICATION_JSON))) {
      return Optional.of(MediaType.APPLICATION_JSON);
    }
    return Optional.empty();
  }

  private static boolean acceptsIpnsRecord(ServerRequest request) {
    List<MediaType> accepted;
    try {
      accepted = request.headers().accept();
    } catch (InvalidMediaTypeException e) {
      return false;
    }
    return accepted.isEmpty() || accepted.stream().anyMatch(t -> t.includes(IPNS_RECORD));
  }

  /** A peer id's or a CID's multihash: the key the DHT looks up. */
  static byte[] multihashOf(String text) {
    try {
      return PeerId.parse(text).bytes();
    } catch (DecodingException notAPeerId) {
      return Cid.parse(text).multihash().bytes();
    }
  }

  private static byte[] bytesOf(DataBuffer buffer) {
    try {
      byte[] bytes = new byte[buffer.readableByteCount()];
      buffer.read(bytes);
      return bytes;
    } finally {
      DataBufferUtils.release(buffer);
    }
  }

  private static String etagOf(byte[] value) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value);
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

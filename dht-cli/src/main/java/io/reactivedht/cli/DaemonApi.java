package io.reactivedht.cli;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.routing.http.DelegatedRoutingApi;
import io.reactivedht.routing.http.PeerRecord;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A one-shot's way through a running daemon: the client of {@code dht daemon --http}. Lists of
 * peers come from the Delegated Routing V1 API as NDJSON, streamed as the daemon's lookup finds
 * them; values from the daemon's {@value DaemonHttp#VALUES}.
 */
final class DaemonApi {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final String NDJSON = "application/x-ndjson";

  private final URI base;
  private final HttpClient client;
  private final JsonMapper json = JsonMapper.builder().build();

  DaemonApi(URI base) {
    this.base = base;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
  }

  /** Nobody answers at the daemon's URL: the one-shot may join the network itself. */
  static final class Unreachable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The daemon's base URL. */
  URI base() {
    return base;
  }

  /** {@code GET /routing/v1/providers/{cid}}, streamed. */
  Flux<PeerInfo> providers(String cid, Duration timeout) {
    return peers(DelegatedRoutingApi.PREFIX + "/providers/" + cid, timeout);
  }

  /** {@code GET /routing/v1/peers/{peer-id}}, streamed. */
  Flux<PeerInfo> peer(String peerId, Duration timeout) {
    return peers(DelegatedRoutingApi.PREFIX + "/peers/" + peerId, timeout);
  }

  /**
   * The daemon's {@value DaemonHttp#CLOSEST_PEERS} of a key as the closest-peers command reads it.
   */
  Flux<PeerInfo> closestPeers(String key, Duration timeout) {
    return peers(
        DaemonHttp.CLOSEST_PEERS + "?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8),
        timeout);
  }

  /**
   * The value of the best valid record under {@code key} ({@code /pk/<id>} or {@code /ipns/<name>},
   * as typed), from the daemon's {@value DaemonHttp#VALUES}; empty if none was found.
   *
   * @param quorum how many valid records are enough, or null for the daemon's default
   */
  Mono<byte[]> value(String key, @Nullable Integer quorum, Duration timeout) {
    String path = DaemonHttp.VALUES + key + (quorum == null ? "" : "?quorum=" + quorum);
    return get(path, "application/octet-stream", timeout)
        .flatMap(
            response -> {
              if (response.statusCode() == 404) {
                return Mono.empty();
              }
              return Mono.just(checked(response).body());
            });
  }

  /**
   * The IPNS record of {@code name} from {@code GET /routing/v1/ipns/{name}}; empty if the daemon
   * found none (IPIP-0513: a 200 that is not an IPNS record).
   */
  Mono<byte[]> ipnsRecord(String name, Duration timeout) {
    String type = DelegatedRoutingApi.IPNS_RECORD.toString();
    return get(DelegatedRoutingApi.PREFIX + "/ipns/" + name, type, timeout)
        .flatMap(
            response -> {
              boolean record =
                  response
                      .headers()
                      .firstValue("Content-Type")
                      .map(t -> t.startsWith(type))
                      .orElse(false);
              byte[] body = checked(response).body();
              return record ? Mono.just(body) : Mono.empty();
            });
  }

  private Mono<HttpResponse<byte[]>> get(String path, String accept, Duration timeout) {
    HttpRequest request = request(path, accept, timeout);
    return Mono.fromFuture(
            () -> client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()), false)
        .onErrorMap(this::failure);
  }

  private HttpResponse<byte[]> checked(HttpResponse<byte[]> response) {
    if (response.statusCode() != 200) {
      throw answered(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    }
    return response;
  }

  /** NDJSON peer records at {@code path}, each as the peer, as the daemon writes them. */
  private Flux<PeerInfo> peers(String path, Duration timeout) {
    return lines(path, timeout).filter(line -> !line.isBlank()).map(this::peerOf);
  }

  private Flux<String> lines(String path, Duration timeout) {
    HttpRequest request = request(path, NDJSON, timeout);
    return Flux.<String>create(
            sink -> {
              Lines lines = new Lines(sink);
              CompletableFuture<HttpResponse<String>> sent =
                  client.sendAsync(
                      request,
                      info ->
                          info.statusCode() == 200
                              ? BodySubscribers.fromLineSubscriber(
                                  lines, l -> "", StandardCharsets.UTF_8, "\n")
                              : BodySubscribers.ofString(StandardCharsets.UTF_8));
              var unused =
                  sent.whenComplete(
                      (response, e) -> {
                        if (e != null) {
                          sink.error(e);
                        } else if (response.statusCode() != 200) {
                          sink.error(answered(response.statusCode(), response.body()));
                        }
                      });
              sink.onCancel(
                  () -> {
                    lines.cancel();
                    sent.cancel(true);
                  });
            })
        .onErrorMap(this::failure);
  }

  private HttpRequest request(String path, String accept, Duration timeout) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Accept", accept)
        .timeout(timeout)
        .GET()
        .build();
  }

  private PeerInfo peerOf(String line) {
    try {
      PeerRecord record = json.readValue(line, PeerRecord.class);
      return new PeerInfo(
          PeerId.parse(record.id()), record.addrs().stream().map(Multiaddr::parse).toList());
    } catch (JacksonException | IllegalArgumentException e) {
      throw new CliException("--api", "the daemon at " + base + " sent a bad peer record: " + line);
    }
  }

  private CliException answered(int status, String body) {
    String reason = body.strip().lines().findFirst().orElse("");
    return new CliException(
        "--api",
        "the daemon at " + base + " answered " + status + (reason.isEmpty() ? "" : ": " + reason));
  }

  /** Connection failures become {@link Unreachable}, timeouts a {@link TimeoutException}. */
  private Throwable failure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CliException || t instanceof Unreachable) {
        return t;
      }
      if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
        String reason = Optional.ofNullable(t.getMessage()).orElse(t.getClass().getSimpleName());
        return new Unreachable("no daemon answers at " + base + " (" + reason + ")", t);
      }
      if (t instanceof HttpTimeoutException) {
        return new TimeoutException("no answer from " + base + " in time");
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return e;
  }

  /** Hands each line to the sink; the sink's demand is unbounded (lines are few and small). */
  private static final class Lines implements Flow.Subscriber<String> {
    private final FluxSink<String> sink;
    private final AtomicReference<Flow.@Nullable Subscription> subscription =
        new AtomicReference<>();
    private volatile boolean cancelled;

    Lines(FluxSink<String> sink) {
      this.sink = sink;
    }

    void cancel() {
      cancelled = true;
      Flow.Subscription s = subscription.getAndSet(null);
      if (s != null) {
        s.cancel();
      }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription.set(s);
      if (cancelled) {
        cancel();
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(String line) {
      sink.next(line);
    }

    @Override
    public void onError(Throwable e) {
      sink.error(e);
    }

    @Override
    public void onComplete() {
      sink.complete();
    }
  }
}

package io.reactivedht.cli;

import io.reactivedht.core.multiaddr.Multiaddr;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.core.peerinfo.PeerInfo;
import io.reactivedht.routing.http.DelegatedRoutingApi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A one-shot's way through a running daemon: the client of {@code dht daemon --http}. Lists of
 * peers come from the Delegated Routing V1 API as NDJSON, read line by line as the daemon's lookup
 * finds them; values from the daemon's {@value DaemonHttp#VALUES}. Plain {@link HttpURLConnection}
 * and Jackson's streaming parser: a one-shot is a new JVM each time, and a heavier client (TLS set
 * up, a data-binding mapper) would cost it more than the request does.
 */
final class DaemonApi {
  private static final int CONNECT_TIMEOUT_MILLIS = 3000;
  private static final String NDJSON = "application/x-ndjson";

  private final URI base;

  DaemonApi(URI base) {
    this.base = base;
  }

  /** Nobody answers at the daemon's URL: the one-shot may join the network itself. */
  static final class Unreachable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
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
    return body(
        path,
        "application/octet-stream",
        timeout,
        (connection, status) -> status == 404 ? null : checked(connection, status).readAllBytes());
  }

  /**
   * The IPNS record of {@code name} from {@code GET /routing/v1/ipns/{name}}; empty if the daemon
   * found none (IPIP-0513: a 200 that is not an IPNS record).
   */
  Mono<byte[]> ipnsRecord(String name, Duration timeout) {
    String type = DelegatedRoutingApi.IPNS_RECORD.toString();
    return body(
        DelegatedRoutingApi.PREFIX + "/ipns/" + name,
        type,
        timeout,
        (connection, status) -> {
          byte[] body = checked(connection, status).readAllBytes();
          String contentType = connection.getContentType();
          return contentType != null && contentType.startsWith(type) ? body : null;
        });
  }

  /** Reads a whole answer: its bytes, or null for none. */
  private interface BodyReader {
    byte @Nullable [] read(HttpURLConnection connection, int status) throws IOException;
  }

  /** One request to {@code path} whose answer {@code reader} reads whole; empty for null. */
  private Mono<byte[]> body(String path, String accept, Duration timeout, BodyReader reader) {
    return Mono.fromCallable(
        () -> {
          HttpURLConnection connection = open(path, accept, timeout);
          try {
            return reader.read(connection, status(connection));
          } catch (IOException e) {
            throw failure(e);
          } finally {
            connection.disconnect();
          }
        });
  }

  /** NDJSON peer records at {@code path}, each as the peer, as the daemon writes them. */
  private Flux<PeerInfo> peers(String path, Duration timeout) {
    return Flux.using(
            () -> {
              HttpURLConnection connection = open(path, NDJSON, timeout);
              try {
                checked(connection, status(connection));
              } catch (RuntimeException e) {
                connection.disconnect();
                throw e;
              }
              return connection;
            },
            connection -> {
              try {
                return Flux.fromStream(
                    new BufferedReader(
                            new InputStreamReader(
                                connection.getInputStream(), StandardCharsets.UTF_8))
                        .lines());
              } catch (IOException e) {
                throw failure(e);
              }
            },
            HttpURLConnection::disconnect)
        .onErrorMap(UncheckedIOException.class, DaemonApi.this::unchecked)
        .filter(line -> !line.isBlank())
        .map(this::peerOf);
  }

  /** A connection to {@code path}, connected: {@link Unreachable} if nobody answers. */
  private HttpURLConnection open(String path, String accept, Duration timeout) {
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    HttpURLConnection connection;
    try {
      connection = (HttpURLConnection) base.resolve(path).toURL().openConnection(Proxy.NO_PROXY);
    } catch (IOException | IllegalArgumentException e) {
      throw new CliException("--api", base + path + ": " + e.getMessage());
    }
    connection.setConnectTimeout(Math.min(CONNECT_TIMEOUT_MILLIS, millis));
    connection.setReadTimeout(millis);
    connection.setRequestProperty("Accept", accept);
    try {
      connection.connect();
    } catch (IOException e) {
      throw new Unreachable("no daemon answers at " + base + " (" + Errors.describe(e) + ")", e);
    }
    return connection;
  }

  private int status(HttpURLConnection connection) {
    try {
      return connection.getResponseCode();
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** The body of a 200; any other status becomes a {@link CliException} naming it. */
  private InputStream checked(HttpURLConnection connection, int status) {
    try {
      if (status == 200) {
        return connection.getInputStream();
      }
      InputStream error = connection.getErrorStream();
      String body = error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8);
      String reason = body.strip().lines().findFirst().orElse("");
      throw new CliException(
          "--api",
          "the daemon at "
              + base
              + " answered "
              + status
              + (reason.isEmpty() ? "" : ": " + reason));
    } catch (IOException e) {
      throw failure(e);
    }
  }

  private RuntimeException unchecked(UncheckedIOException e) {
    IOException cause = e.getCause();
    return failure(cause != null ? cause : e);
  }

  /** A read that timed out becomes a {@link TimeoutException}, anything else names the daemon. */
  private RuntimeException failure(Throwable e) {
    if (e instanceof SocketTimeoutException) {
      return Exceptions.propagate(new TimeoutException("no answer from " + base + " in time"));
    }
    return new CliException("--api", "the daemon at " + base + ": " + Errors.describe(e));
  }

  /** {@code {"Schema":"peer","ID":"...","Addrs":[...],...}}: the peer with its addresses. */
  private PeerInfo peerOf(String line) {
    String id = null;
    List<Multiaddr> addrs = new ArrayList<>();
    try (JsonParser json = JSON.createParser(ObjectReadContext.empty(), line)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      for (JsonToken t = json.nextToken(); t == JsonToken.PROPERTY_NAME; t = json.nextToken()) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        if ("ID".equals(field) && value == JsonToken.VALUE_STRING) {
          id = json.getString();
        } else if ("Addrs".equals(field) && value == JsonToken.START_ARRAY) {
          for (JsonToken a = json.nextToken(); a == JsonToken.VALUE_STRING; a = json.nextToken()) {
            addrs.add(Multiaddr.parse(json.getString()));
          }
        } else {
          json.skipChildren();
        }
      }
      if (id == null) {
        throw new IllegalArgumentException("no ID");
      }
      return new PeerInfo(PeerId.parse(id), addrs);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new CliException(
          "--api",
          "the daemon at " + base + " sent a bad peer record (" + e.getMessage() + "): " + line);
    }
  }

  private static final JsonFactory JSON = new JsonFactory();
}
